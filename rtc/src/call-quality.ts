// One call's quality as this side measured it: the samples so far and how
// often the connection came back after dropping, for the summary kept with
// the contact.
import { summarizeQuality, type QualitySample, type QualitySummary } from './quality.ts';

export interface CallQuality {
  /** Keeps a sample; returns how many the call has now. */
  add(sample: QualitySample): number;
  /** Follows the peer connection's state to count reconnects. */
  connection(state: RTCPeerConnectionState): void;
  /** The summary so far; null before the first sample, when there is nothing to tell. */
  summary(): QualitySummary | null;
}

/**
 * Starts an empty record of one call's quality.
 * @example const quality = createCallQuality(); quality.add(sample); quality.summary() // { samples: 1, … }
 */
export function createCallQuality(): CallQuality {
  const samples: QualitySample[] = [];
  let reconnects = 0;
  let dropped = false;
  return {
    add(sample) {
      return samples.push(sample);
    },
    connection(state) {
      // 'disconnected' is the browser's "media stopped, still trying"; coming back from it is a reconnect.
      if (state === 'disconnected') dropped = true;
      if (state === 'connected' && dropped) {
        dropped = false;
        reconnects++;
      }
    },
    summary() {
      return samples.length ? summarizeQuality(samples, reconnects) : null;
    },
  };
}
