// The floor every signaling figure is held against: the smallest WebSocket
// relay there is. Sockets that open the same path are a room; a message goes
// to the room's other sockets, untouched. No auth, no validation, no storage.
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { fileURLToPath } from 'node:url';
import { answerMemoryProbes } from '../signaling/memory.ts';

/** What a relay does with one message from `from`, one of `room`: the bare relay sends it on to the others as it came. */
export type Forward = (data: RawData, isBinary: boolean, from: WebSocket, room: Set<WebSocket>) => void;

const forwardUntouched: Forward = (data, isBinary, from, room) => {
  for (const peer of room) if (peer !== from) peer.send(data, { binary: isBinary });
};

/**
 * Starts the relay on 127.0.0.1 and resolves with it once it listens (port 0 picks a free port).
 * @example const relay = await startFloorRelay(0); new WebSocket(`ws://127.0.0.1:${relay.port}/room-1`);
 */
export async function startFloorRelay(port: number, forward: Forward = forwardUntouched): Promise<{ port: number; close(): Promise<void> }> {
  const rooms = new Map<string, Set<WebSocket>>();
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  server.on('connection', (socket, request) => {
    const name = request.url ?? '/';
    const room = rooms.get(name) ?? rooms.set(name, new Set()).get(name)!;
    room.add(socket);
    socket.on('message', (data, isBinary) => forward(data, isBinary, socket, room));
    socket.on('close', () => room.delete(socket) && room.size === 0 && rooms.delete(name));
  });
  await new Promise<void>((listening) => server.once('listening', () => listening()));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((closed) => {
      for (const client of server.clients) client.terminate();
      server.close(() => closed());
    }),
  };
}

/**
 * Runs a relay as a process of its own (a signaling benchmark's server):
 * prints its port, answers memory probes, stops on SIGTERM.
 * @example await serveRelay(forwardWithProtocol());
 */
export async function serveRelay(forward?: Forward): Promise<void> {
  answerMemoryProbes();
  const relay = await startFloorRelay(Number(process.env.PORT ?? 0), forward);
  console.log(`listening ${relay.port}`);
  process.on('SIGTERM', () => void relay.close().then(() => process.exit(0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveRelay();
