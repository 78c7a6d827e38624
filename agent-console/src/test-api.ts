// A small stand-in for the Beckon API over real HTTP and real WebSockets,
// for the console's store tests (which run in Node, without a browser).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { socketProtocol } from '@beckon/protocol';
import { WebSocketServer, type WebSocket } from 'ws';

type Reply = { status: number; body: unknown };
type Route = (body: unknown, request: IncomingMessage) => Reply;

/** A socket the console opened, with the messages it sent so far. */
export interface TestSocket {
  url: URL;
  /** The token the console offered after Beckon's subprotocol, or null. */
  token: string | null;
  socket: WebSocket;
  received: unknown[];
  /** Resolves with the next message the console sends (or one already waiting). */
  nextMessage(): Promise<unknown>;
  send(message: unknown): void;
}

export interface TestApi {
  base: string;
  /** "METHOD /path" of every HTTP request, in order. */
  requests: string[];
  route(method: string, path: string, handler: Route): void;
  /** Resolves with the next WebSocket the console opens on a path starting with `prefix`. */
  nextSocket(prefix: string): Promise<TestSocket>;
  close(): Promise<void>;
}

/**
 * Starts a test API on a free port.
 * @example const api = await startTestApi(); api.route('GET', '/v1/contacts', () => ({ status: 200, body: { contacts: [] } }));
 */
export async function startTestApi(): Promise<TestApi> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const sockets: TestSocket[] = [];
  const waiting: Array<{ prefix: string; resolve: (s: TestSocket) => void }> = [];

  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      requests.push(`${request.method} ${path}`);
      const route = routes.get(`${request.method} ${path}`);
      const reply = route ? route(text ? JSON.parse(text) : null, request) : { status: 404, body: { error: { code: 'not_found', message: 'No such endpoint.' } } };
      response.writeHead(reply.status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, request) => {
    const received: unknown[] = [];
    const readers: Array<(message: unknown) => void> = [];
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      const reader = readers.shift();
      if (reader) reader(message);
      else received.push(message);
    });
    const entry: TestSocket = {
      url: new URL(request.url ?? '/', 'http://x'),
      token: socket.protocol === socketProtocol ? (request.headers['sec-websocket-protocol']?.split(',')[1]?.trim() ?? null) : null,
      socket,
      received,
      nextMessage: () => {
        if (received.length) return Promise.resolve(received.shift());
        return new Promise((resolve) => readers.push(resolve));
      },
      send: (message) => socket.send(JSON.stringify(message)),
    };
    const index = waiting.findIndex((w) => entry.url.pathname.startsWith(w.prefix));
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(entry);
    else sockets.push(entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    nextSocket(prefix) {
      const index = sockets.findIndex((s) => s.url.pathname.startsWith(prefix));
      if (index >= 0) return Promise.resolve(sockets.splice(index, 1)[0]!);
      return new Promise((resolve) => waiting.push({ prefix, resolve }));
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * An in-memory Storage for sessionStorage in Node.
 * @example vi.stubGlobal('sessionStorage', memoryStorage());
 */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/**
 * Waits until a condition holds, polling briefly.
 * @example await until(() => $offer.get() === null);
 */
export async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
