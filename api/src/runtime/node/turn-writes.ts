// A write to a socket is most of what relaying a message costs, so what one
// turn of the event loop sends to a socket goes out in one write: a relayed
// signal and the ping asking whether it arrived (delivery.ts), a reconnect's
// missed messages. The socket is corked at the turn's first frame and
// uncorked once the turn's work, promise jobs included, is done.
import type { Duplex } from 'node:stream';

/**
 * Returns `together` for one connection: each `write` it runs in a turn goes out with the turn's others.
 * @example const together = turnWrites(request.socket); together(() => ws.send(text)); together(() => ws.ping());
 */
export function turnWrites(connection: Duplex): (write: () => void) => void {
  let corked = false;
  return (write) => {
    if (!corked) {
      corked = true;
      connection.cork();
      process.nextTick(() => ((corked = false), connection.uncork()));
    }
    write();
  };
}
