// Real HTTP and WebSocket clients for API tests against a running host.
import { socketProtocols } from '@beckon/protocol';

/** A WebSocket that collects its messages so tests can wait for the next one of a type. */
export interface TestSocket {
  next<T extends { type: string }>(type: T['type'] | string, timeoutMs?: number): Promise<T & Record<string, unknown>>;
  send(message: unknown): void;
  sendRaw(text: string): void;
  close(): void;
  /** Resolves with the close code. */
  closed: Promise<number>;
}

/**
 * Opens a WebSocket with its token, as browsers do, and resolves once it is open.
 * @example const socket = await openSocket(`ws://127.0.0.1:${port}/v1/agent/ws`, token); await socket.next('presence');
 */
export async function openSocket(url: string, token?: string): Promise<TestSocket> {
  const ws = new WebSocket(url, token === undefined ? undefined : socketProtocols(token));
  const received: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.onmessage = (event) => {
    received.push(JSON.parse(String(event.data)) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  };
  const closed = new Promise<number>((done) => ws.addEventListener('close', (event) => done(event.code)));
  await new Promise<void>((open, fail) => {
    ws.onopen = () => open();
    ws.onerror = () => fail(new Error(`could not open ${url}`));
  });
  return {
    async next(type, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = received.findIndex((message) => message.type === type);
        if (index >= 0) return received.splice(index, 1)[0] as never;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no '${type}' message within ${timeoutMs} ms; got ${JSON.stringify(received)}`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, left);
        });
      }
    },
    send: (message) => ws.send(JSON.stringify(message)),
    sendRaw: (text) => ws.send(text),
    close: () => ws.close(),
    closed,
  };
}

/**
 * Posts JSON and returns the status with the parsed body.
 * @example const { status, body } = await postJson(`${origin}/v1/auth/sign-in`, { email, password });
 */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return requestJson('POST', url, body, headers);
}

/**
 * Sends a request (with a JSON body unless `body` is undefined) and returns the status with the parsed body, null when there is none.
 * @example const { status } = await requestJson('DELETE', `${origin}/v1/admin/agents/${id}`, undefined, { Authorization: `Bearer ${token}` });
 */
export async function requestJson(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
}
