// Delivery confirmed by pings, over real sockets on loopback.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { confirmEveryMs, deliveryConfirmer, pingAloneAfterMs } from './delivery.ts';

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

  it('asks one question at a time: within confirmEveryMs of a ping, the next waits for a later question, or pings alone after pingAloneAfterMs', async () => {
    const { socket, pings } = await connect({ autoPong: false });
    const confirm = deliveryConfirmer(socket);
    const delivered: string[] = [];
    const pingedAt: number[] = [];
    client.on('ping', () => pingedAt.push(performance.now()));
    confirm(() => delivered.push('first'));
    await expect.poll(() => pings.length).toBe(1);
    // Asked while the first waits for its answer, and answered by a later ping.
    confirm(() => delivered.push('second'));
    client.pong(pings[0]);
    await expect.poll(() => delivered).toEqual(['first']);
    // Asked once confirmEveryMs has passed: the ping goes with it.
    await new Promise((wait) => setTimeout(wait, confirmEveryMs));
    confirm(() => delivered.push('third'));
    await expect.poll(() => pings.length).toBe(2);
    expect(pingedAt[1]! - pingedAt[0]!).toBeLessThan(pingAloneAfterMs);
    client.pong(pings[1]);
    await expect.poll(() => delivered).toEqual(['first', 'second', 'third']);
    // Asked at once after that, with nothing after it: a ping of its own, pingAloneAfterMs after the last.
    confirm(() => delivered.push('fourth'));
    await new Promise((wait) => setTimeout(wait, confirmEveryMs));
    expect(pings).toHaveLength(2);
    await expect.poll(() => pings.length, { timeout: 2 * pingAloneAfterMs }).toBe(3);
    // Timed where the pings arrive, so allow for the first having arrived late.
    expect(pingedAt[2]! - pingedAt[1]!).toBeGreaterThan(pingAloneAfterMs - confirmEveryMs);
    client.pong(pings[2]);
    await expect.poll(() => delivered).toHaveLength(4);
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
