// The per-call quality summary each side of a call sends once it ends, and
// the server keeps with the contact. Only coarse numbers: see docs/call-quality.md.
import { boolean, integer, Invalid, nullableNumber, object } from './check.ts';

/** One side's call quality, reduced to a few numbers. */
export interface QualitySummary {
  /** How many one-second samples the call had. */
  samples: number;
  averageMos: number | null;
  worstMos: number | null;
  averageLossPercent: number | null;
  worstLossPercent: number | null;
  /** The video's loss, kept apart from the audio's (which the MOS counts); null in a call without video. */
  averageVideoLossPercent: number | null;
  worstVideoLossPercent: number | null;
  /** The mean MOS and loss of the last 30 samples: how the call is going now. */
  recentMos: number | null;
  recentLossPercent: number | null;
  /** Whether this side's own candidate was a TURN relay at any point. */
  relayUsed: boolean;
  /** Whether the other side's candidate was, as this side saw it; null from a page that did not say. */
  peerRelayUsed: boolean | null;
  /** How often the connection was lost and came back. */
  reconnects: number;
}

/** Which side of a call measured a summary. */
export type CallSide = 'visitor' | 'agent';

// A conversation token lives 4 hours; a day of one-second samples is far beyond any real call.
const maxSamples = 86_400;
const maxReconnects = 10_000;

const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** An average and its worst value: both present or both absent, the worst no better than the average. */
function pair(o: Record<string, unknown>, average: string, worst: string, min: number, max: number, lowerIsWorse: boolean) {
  const averageValue = tenth(nullableNumber(o[average], `summary.${average}`, min, max));
  const worstValue = tenth(nullableNumber(o[worst], `summary.${worst}`, min, max));
  if ((averageValue === null) !== (worstValue === null)) throw new Invalid(`summary.${average} and summary.${worst} are both numbers or both null`);
  if (averageValue !== null && worstValue !== null && (lowerIsWorse ? worstValue > averageValue : worstValue < averageValue)) {
    throw new Invalid(`summary.${worst} cannot be better than summary.${average}`);
  }
  return [averageValue, worstValue] as const;
}

/**
 * Validates a quality summary field by field, keeping one decimal, so nothing but these numbers is stored.
 * @example parseQualitySummary({ samples: 60, averageMos: 4.3, worstMos: 3.9, averageLossPercent: 0.2, worstLossPercent: 1.5, averageVideoLossPercent: 0.8, worstVideoLossPercent: 4.2, recentMos: 4.1, recentLossPercent: 0.6, relayUsed: false, peerRelayUsed: true, reconnects: 0 })
 */
export function parseQualitySummary(value: unknown): QualitySummary {
  const o = object(value, 'summary');
  const samples = integer(o.samples, 'summary.samples', 0, maxSamples);
  const [averageMos, worstMos] = pair(o, 'averageMos', 'worstMos', 1, 4.5, true);
  const [averageLossPercent, worstLossPercent] = pair(o, 'averageLossPercent', 'worstLossPercent', 0, 100, false);
  const [averageVideoLossPercent, worstVideoLossPercent] = pair(o, 'averageVideoLossPercent', 'worstVideoLossPercent', 0, 100, false);
  // These and the video's loss are absent from a page loaded before they existed: then unknown.
  const recentMos = tenth(nullableNumber(o.recentMos, 'summary.recentMos', 1, 4.5));
  const recentLossPercent = tenth(nullableNumber(o.recentLossPercent, 'summary.recentLossPercent', 0, 100));
  if (samples === 0 && [averageMos, averageLossPercent, averageVideoLossPercent, recentMos, recentLossPercent].some((value) => value !== null)) {
    throw new Invalid('summary without samples has no averages');
  }
  return {
    samples,
    averageMos,
    worstMos,
    averageLossPercent,
    worstLossPercent,
    averageVideoLossPercent,
    worstVideoLossPercent,
    recentMos,
    recentLossPercent,
    relayUsed: boolean(o.relayUsed, 'summary.relayUsed'),
    peerRelayUsed: o.peerRelayUsed === undefined || o.peerRelayUsed === null ? null : boolean(o.peerRelayUsed, 'summary.peerRelayUsed'),
    reconnects: integer(o.reconnects, 'summary.reconnects', 0, maxReconnects),
  };
}
