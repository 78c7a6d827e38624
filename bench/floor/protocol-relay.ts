// A second reference for the signaling benchmark, not its floor: the bare
// relay plus what Beckon's conversation protocol asks of any relay. Each
// message is parsed and checked by the protocol's own validator, a re-sent
// number is not relayed twice, the relayed signal is numbered for its
// receiver, and the sender hears `ack`. All in memory: nothing is stored, so
// nothing waits for a commit. Beckon's distance from this relay is what its
// storage and actors cost; this relay's distance from the bare one is what
// checking and acknowledging every message costs, whoever does it.
import { fileURLToPath } from 'node:url';
import type { WebSocket } from 'ws';
import { parseConversationMessage, type ConversationServerMessage } from '@beckon/protocol';
import { serveRelay, type Forward } from './ws-relay.ts';

/**
 * The protocol's part of relaying: checked, numbered both ways, acknowledged.
 * @example await serveRelay(forwardWithProtocol());
 */
export function forwardWithProtocol(): Forward {
  const numbers = new WeakMap<WebSocket, { received: number; sent: number }>();
  const numbersOf = (socket: WebSocket) => numbers.get(socket) ?? numbers.set(socket, { received: 0, sent: 0 }).get(socket)!;
  const send = (socket: WebSocket, message: ConversationServerMessage) => socket.send(JSON.stringify(message));
  return (data, isBinary, from, room) => {
    const parsed = parseConversationMessage(isBinary ? '' : String(data));
    if (!parsed.ok) return send(from, { type: 'error', code: parsed.code, message: parsed.error });
    const message = parsed.message;
    const sender = numbersOf(from);
    if (message.seq !== undefined && message.seq <= sender.received) return send(from, { type: 'ack', seq: message.seq });
    if (message.seq !== undefined) sender.received = message.seq;
    if (message.type === 'signal') {
      const signal = 'description' in message ? { description: message.description } : { candidate: message.candidate };
      for (const peer of room) if (peer !== from) send(peer, { type: 'signal', ...signal, seq: ++numbersOf(peer).sent });
    }
    if (message.seq !== undefined) send(from, { type: 'ack', seq: message.seq });
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveRelay(forwardWithProtocol());
