// Delivery confirmed by pings, over real sockets on loopback.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { confirmEveryMs, deliveryConfirmer } from './delivery.ts';

let server: WebSocketServer;
let client: WebSocket;

async function connect(options: { autoPong?: boolean } = {}) {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[WebSocket]>;
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`, options);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  const pings: string[] = [];
  client.on('ping', (data) => pings.push(String(data)));
  await once(client, 'open');
  const [socket] = await accepted;
  return { socket, received, pings };
}

afterEach(async () => {
  client?.terminate();
  await new Promise((closed) => server?.close(closed));
});

describe('delivery confirmed by pings', () => {
  it('runs once the page has read everything sent before: one ping answers every question asked meanwhile', async () => {
    const { socket, received, pings } = await connect();
    const confirm = deliveryConfirmer(socket);
    const readThen: number[] = [];
    for (let n = 1; n <= 10; n++) {
      socket.send(`message ${n}`);
      confirm(() => readThen.push(received.length));
    }
    await expect.poll(() => readThen.length).toBe(10);
    expect(readThen).toEqual(Array(10).fill(10));
    expect(pings).toHaveLength(1);
  });

  it('asks one question at a time, and pings no more often than every confirmEveryMs', async () => {
    const { socket, pings } = await connect({ autoPong: false });
    const confirm = deliveryConfirmer(socket);
    const delivered: string[] = [];
    const pingedAt: number[] = [];
    // The second ping is answered the moment it comes.
    client.on('ping', (data) => pingedAt.push(performance.now()) === 2 && client.pong(data));
    confirm(() => delivered.push('first'));
    await expect.poll(() => pings.length).toBe(1);
    // The third question is asked the moment the second is answered.
    confirm(() => (delivered.push('second'), confirm(() => delivered.push('third'))));
    await new Promise((wait) => setTimeout(wait, 2 * confirmEveryMs));
    expect(pings).toHaveLength(1);
    client.pong(pings[0]);
    await expect.poll(() => pings.length).toBe(3);
    expect(delivered).toEqual(['first', 'second']);
    expect(pingedAt[2]! - pingedAt[1]!).toBeGreaterThanOrEqual(confirmEveryMs - 1);
  });

  it('takes only the answer to its own ping', async () => {
    const { socket, pings } = await connect({ autoPong: false });
    let delivered = false;
    deliveryConfirmer(socket)(() => (delivered = true));
    await expect.poll(() => pings.length).toBe(1);
    client.pong('not that one');
    client.ping('a ping of its own');
    await once(socket, 'ping');
    expect(delivered).toBe(false);
    client.pong(pings[0]);
    await expect.poll(() => delivered).toBe(true);
  });

  it('never runs for a socket that closes first', async () => {
    const { socket } = await connect({ autoPong: false });
    let delivered = false;
    deliveryConfirmer(socket)(() => (delivered = true));
    client.close();
    await once(socket, 'close');
    await new Promise((wait) => setTimeout(wait, 50));
    expect(delivered).toBe(false);
  });
});
