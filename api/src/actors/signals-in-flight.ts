// Signals relayed to a participant whose socket is open. They go out at once
// and are kept here, in memory, not stored: a signal is of use only to the
// peer connection it was made for, which a socket that stays open has just
// been given. They are kept in case that socket turns out to be dead: the
// participant reconnects saying how far they got, and gets the rest. When
// the participant's last socket closes, what is kept here is stored with the
// rest of their outbox, to wait for them like anything sent while they are
// away. A host that restarts in between loses them; the peer connection
// recovers as from any lost network path (ICE restart). Storing every ICE
// candidate as it passed cost a write and a commit per signal, and kept the
// participants' network addresses on disk.
import type { Participant } from '@beckon/protocol';

/** One relayed signal: its number for the receiver, its text as sent (without the number), and the sender's number for it. */
export interface SignalInFlight {
  seq: number;
  text: string;
  relays: number | null;
}

/**
 * Each participant's signals in flight, in the order they were numbered.
 * @example const inFlight = new SignalsInFlight(); inFlight.add('agent', { seq: 7, text: '{"type":"signal",…}', relays: 3 });
 */
export class SignalsInFlight {
  #kept = new Map<Participant, { signals: SignalInFlight[]; chars: number }>();

  add(participant: Participant, signal: SignalInFlight): void {
    const kept = this.#kept.get(participant) ?? this.#kept.set(participant, { signals: [], chars: 0 }).get(participant)!;
    kept.signals.push(signal);
    kept.chars += signal.text.length;
  }

  /** What is kept for the participant, oldest first. */
  of(participant: Participant): readonly SignalInFlight[] {
    return this.#kept.get(participant)?.signals ?? [];
  }

  /** How many signals and characters are kept for the participant: they count against what may wait for them. */
  size(participant: Participant): { messages: number; chars: number } {
    const kept = this.#kept.get(participant);
    return { messages: kept?.signals.length ?? 0, chars: kept?.chars ?? 0 };
  }

  /** Lets go of the participant's signals numbered up to `through` (all of them without it), and returns them. */
  drop(participant: Participant, through = Number.POSITIVE_INFINITY): SignalInFlight[] {
    const kept = this.#kept.get(participant);
    if (!kept) return [];
    const dropped = kept.signals.filter((signal) => signal.seq <= through);
    kept.signals = kept.signals.filter((signal) => signal.seq > through);
    for (const signal of dropped) kept.chars -= signal.text.length;
    return dropped;
  }

  /** The sender of the participant's signals started numbering afresh: the numbers they carried no longer say how far it got. */
  forgetSenderNumbers(participant: Participant): void {
    for (const signal of this.of(participant)) signal.relays = null;
  }
}
