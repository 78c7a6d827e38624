// What has reached a page, learnt from WebSocket pings: a browser answers a
// ping only once it has read every frame sent before it. The Conversation
// actor lets go of the signals it keeps for a page once they are confirmed
// (actors/signals-in-flight.ts).
import { WebSocket } from 'ws';

/**
 * At most one ping per socket in this time, and one at a time. Short, so
 * that a kept signal is let go of before V8's next young-generation
 * collection: one kept for a second was copied by every collection in
 * between and then moved to the old generation, whose collections paused
 * the host for milliseconds (docs/performance.md). Long enough that a burst
 * of ICE candidates shares one ping.
 */
export const confirmEveryMs = 50;

/**
 * Returns `confirm` for one socket: `delivered` runs once what was sent on it
 * before the call has reached the other end; never, if it closes first.
 * @example const confirm = deliveryConfirmer(ws); ws.send(text); confirm(() => console.log('read'));
 */
export function deliveryConfirmer(ws: WebSocket): (delivered: () => void) => void {
  let waiting: (() => void)[] = [];
  let pending: { id: string; delivered: (() => void)[] } | null = null;
  let lastPingAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let scheduled = false;
  let pings = 0;
  const ping = () => {
    timer = null;
    scheduled = false;
    if (ws.readyState !== WebSocket.OPEN) return;
    pending = { id: String(++pings), delivered: waiting };
    waiting = [];
    lastPingAt = performance.now();
    ws.ping(pending.id);
  };
  const schedule = () => {
    if (pending || scheduled) return;
    scheduled = true;
    const wait = lastPingAt + confirmEveryMs - performance.now();
    // Not waiting: once this turn's work is done, so that every question of
    // the turn shares the ping, and the ping shares the write of what it asks
    // about (turn-writes.ts).
    if (wait > 0) timer = setTimeout(ping, wait);
    else queueMicrotask(ping);
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
