// What has reached a page, learnt from WebSocket pings: a browser answers a
// ping only once it has read every frame sent before it. The Conversation
// actor lets go of the signals it keeps for a page once they are confirmed
// (actors/signals-in-flight.ts).
import { WebSocket } from 'ws';

/**
 * At most one ping per socket in this time, and one at a time. A ping that
 * is due goes out with the next frame to the socket, in its write
 * (turn-writes.ts): on its own, every ping costs the host a write, and every
 * answer a read. Kept signals are let go of within a fraction of a second;
 * asking more often cost more in pings than it saved in memory, asking less
 * often saved nothing more (docs/performance.md, step 11).
 */
export const confirmEveryMs = 200;
/** When no frame follows, how long after the last ping a question still waiting gets a ping of its own. */
export const pingAloneAfterMs = 1000;

/**
 * Returns `confirm` for one socket: `delivered` runs once what was sent on it
 * before the call has reached the other end; never, if it closes first.
 * Call it after sending: a ping that is due goes out through `atEnd`, once
 * the turn's work is done, so that every question of the turn shares it.
 * @example const confirm = deliveryConfirmer(ws); ws.send(text); confirm(() => console.log('read'));
 */
export function deliveryConfirmer(ws: WebSocket, atEnd: (ping: () => void) => void = queueMicrotask): (delivered: () => void) => void {
  let waiting: (() => void)[] = [];
  let pending: { id: string; delivered: (() => void)[] } | null = null;
  let lastPingAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let scheduled = false;
  let pings = 0;
  const ping = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    scheduled = false;
    if (pending || ws.readyState !== WebSocket.OPEN) return;
    pending = { id: String(++pings), delivered: waiting };
    waiting = [];
    lastPingAt = performance.now();
    ws.ping(pending.id);
  };
  const schedule = () => {
    if (pending || scheduled) return;
    const sinceLast = performance.now() - lastPingAt;
    if (sinceLast >= confirmEveryMs) {
      scheduled = true;
      atEnd(ping);
    } else {
      timer ??= setTimeout(ping, pingAloneAfterMs - sinceLast);
    }
  };
  ws.on('pong', (data) => {
    if (pending?.id !== String(data)) return;
    const { delivered } = pending;
    pending = null;
    for (const done of delivered) done();
    if (waiting.length) schedule();
  });
  ws.once('close', () => timer && clearTimeout(timer));
  return (delivered) => {
    waiting.push(delivered);
    schedule();
  };
}
