// Real HTTP and WebSocket clients for API tests against a running host.
import http from 'node:http';
import { socketProtocols } from '@beckon/protocol';

/** A WebSocket that collects its messages so tests can wait for the next one of a type. */
export interface TestSocket {
  next<T extends { type: string }>(type: T['type'] | string, timeoutMs?: number): Promise<T & Record<string, unknown>>;
  send(message: unknown): void;
  sendRaw(text: string): void;
  /** Takes every message received and not yet taken, oldest first. */
  takeAll(): Record<string, unknown>[];
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
    takeAll: () => received.splice(0),
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

/**
 * Where a test's request comes from, as a host tells clients apart: a source
 * address of its own on the loopback network (the Node host sees the
 * socket's peer), or the header a proxy in front sets (Cloudflare's
 * `CF-Connecting-IP` on Workers).
 */
export interface ClientAddress { localAddress?: string; headers?: Record<string, string> }

/**
 * Posts JSON from a client address and returns the status, the parsed body and the headers.
 * @example const { status, headers } = await postJsonFrom({ localAddress: '127.0.0.11' }, `${origin}/v1/auth/sign-in`, { email, password });
 */
export function postJsonFrom(client: ClientAddress, url: string, body: unknown) {
  const text = JSON.stringify(body);
  return new Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }>((answered, failed) => {
    const request = http.request(url, {
      method: 'POST',
      localAddress: client.localAddress,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...client.headers },
    }, (response) => {
      let received = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (received += chunk));
      response.on('end', () => answered({ status: response.statusCode!, body: received ? JSON.parse(received) : null, headers: response.headers }));
    });
    request.once('error', failed);
    request.end(text);
  });
}
