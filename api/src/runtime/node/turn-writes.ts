// A write to a socket is most of what relaying a message costs, so what one
// turn of the event loop sends to a socket goes out in one write: a relayed
// signal and the ping asking whether it arrived (delivery.ts), a reconnect's
// missed messages. The socket is corked at the turn's first frame and
// uncorked once the turn's work is done: after its promise jobs when the
// turn began in one, after the event handler when it began there.
import type { Duplex } from 'node:stream';

/** One connection's writes, grouped by turn. */
export interface TurnWrites {
  /** Runs `write`: what it writes goes out with the turn's other writes. */
  together(write: () => void): void;
  /** Runs `write` once the turn's other work is done, still in the turn's write (a ping after the frames it asks about). */
  atEnd(write: () => void): void;
}

/**
 * Groups one connection's writes by turn.
 * @example const turn = turnWrites(request.socket); turn.together(() => ws.send(text)); turn.atEnd(() => ws.ping());
 */
export function turnWrites(connection: Duplex): TurnWrites {
  let last: (() => void)[] | null = null;
  const flush = () => {
    // A write of the end may end the turn's work with more of its own: they still go out now.
    for (let index = 0; index < last!.length; index++) last![index]!();
    last = null;
    connection.uncork();
  };
  const begin = () => {
    if (last) return;
    last = [];
    connection.cork();
    // After the turn's promise jobs: a tick queued by an event handler runs
    // before the jobs it queued, so the flush waits behind one of its own.
    process.nextTick(() => queueMicrotask(flush));
  };
  return {
    together(write) {
      begin();
      write();
    },
    atEnd(write) {
      begin();
      last!.push(write);
    },
  };
}
