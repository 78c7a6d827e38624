// One write per turn per socket, over real sockets on loopback: the server's
// socket counts the writes it hands to the operating system.
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { deliveryConfirmer } from './delivery.ts';
import { turnWrites } from './turn-writes.ts';

let server: WebSocketServer;
let client: WebSocket;

afterEach(async () => {
  client?.terminate();
  await new Promise((closed) => server?.close(closed));
});

async function connect() {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[WebSocket, IncomingMessage]>;
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  const pings: string[] = [];
  client.on('ping', (data) => pings.push(String(data)));
  await once(client, 'open');
  const [socket, request] = await accepted;
  // Every write a stream hands on goes through one of these two.
  const connection = request.socket as Socket & { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
  const writes = { count: 0 };
  for (const hook of ['_write', '_writev'] as const) {
    const original = connection[hook].bind(connection);
    connection[hook] = (...args: unknown[]) => (writes.count++, original(...args));
  }
  return { socket, connection, received, pings, writes };
}

describe('what one turn sends to a socket', () => {
  it('goes out in one write: frames, and the ping that asks whether they arrived', async () => {
    const { socket, connection, received, pings, writes } = await connect();
    const turn = turnWrites(connection);
    const confirm = deliveryConfirmer(socket, turn.atEnd);
    let delivered = false;
    turn.together(() => socket.send('first'));
    confirm(() => (delivered = true));
    turn.together(() => socket.send('second'));
    await expect.poll(() => delivered).toBe(true);
    expect(received).toEqual(['first', 'second']);
    expect(pings).toHaveLength(1);
    expect(writes.count).toBe(1);
  });

  it('goes out in one write when the turn began in an event handler, with the promise jobs it queued', async () => {
    const { socket, connection, received, pings, writes } = await connect();
    const turn = turnWrites(connection);
    const confirm = deliveryConfirmer(socket, turn.atEnd);
    let delivered = false;
    socket.on('message', (data) => {
      turn.together(() => socket.send(`relayed ${String(data)}`));
      confirm(() => (delivered = true));
      void Promise.resolve().then(() => turn.together(() => socket.send('from a promise job')));
    });
    client.send('hello');
    await expect.poll(() => delivered).toBe(true);
    expect(received).toEqual(['relayed hello', 'from a promise job']);
    expect(pings).toHaveLength(1);
    expect(writes.count).toBe(1);
  });

  it('writes in the next turn on its own', async () => {
    const { socket, connection, received, writes } = await connect();
    const { together } = turnWrites(connection);
    together(() => socket.send('first'));
    await new Promise((wait) => setImmediate(wait));
    together(() => socket.send('second'));
    await expect.poll(() => received).toEqual(['first', 'second']);
    expect(writes.count).toBe(2);
  });
});
