// How the console writes times, durations, media, call quality, dispositions and failures for people.
import type { CallSide, ConversationMedia, Disposition, Outcome, QualitySummary, RequestKind } from '@beckon/protocol';
import type { QualitySample, QualityWarning } from '@beckon/rtc';
import { warningThresholds } from '@beckon/rtc/quality';

/**
 * A duration as minutes and two-digit seconds.
 * @example formatDuration(65) // '1:05'
 */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * A moment as a local date and time in the agent's own locale, to the minute.
 * @example formatStart(Date.UTC(2025, 0, 2, 9, 5)) // 'Jan 2, 2025, 10:05 AM' in en-US, Berlin
 */
export function formatStart(epochMs: number): string {
  return new Date(epochMs).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The time of a chat message, hours and minutes in the agent's own locale.
 * @example formatMessageTime(Date.UTC(2025, 0, 2, 9, 5)) // '10:05 AM' in en-US, Berlin
 */
export function formatMessageTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

/**
 * Whole seconds left until a deadline, never below zero.
 * @example secondsLeft(10_500, 0) // 11
 */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/**
 * Why something failed, in words an agent can read.
 * @example reason(new TypeError('Failed to fetch')) // 'Failed to fetch'
 */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A measured number with one decimal and its unit, or a dash when it is not measured (yet).
 * @example formatMeasure(0.25, '%') // '0.3%'
 */
export function formatMeasure(value: number | null | undefined, unit = '', decimals = 1): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(decimals)}${unit}`;
}

/**
 * What is wrong with the call right now, naming the number and the threshold it crossed; empty when nothing is.
 * @example describeQualityWarnings(['high-loss'], sample) // 'Poor connection: audio packet loss 4.2% (over 3%)'
 */
export function describeQualityWarnings(
  warnings: readonly QualityWarning[],
  sample: Pick<QualitySample, 'lossPercent' | 'videoLossPercent' | 'rttMs'> | undefined,
): string {
  if (!warnings.length || !sample) return '';
  const problems = warnings.map((warning) => {
    if (warning === 'high-loss') return `audio packet loss ${formatMeasure(sample.lossPercent, '%')} (over ${warningThresholds.lossPercent}%)`;
    if (warning === 'high-video-loss') return `video packet loss ${formatMeasure(sample.videoLossPercent, '%')} (over ${warningThresholds.lossPercent}%)`;
    return `round trip ${formatMeasure(sample.rttMs, ' ms', 0)} (over ${warningThresholds.rttMs} ms)`;
  });
  return `Poor connection: ${problems.join(', ')}`;
}

/**
 * One side's call quality summary in a line for History; the path of the media is the two sides' together (`describeMediaPath`).
 * @example formatQualitySummary({ samples: 60, averageMos: 4.3, worstMos: 3.9, averageLossPercent: 0.2, worstLossPercent: 1.5, averageVideoLossPercent: 0.8, worstVideoLossPercent: 4.2, recentMos: 4.1, recentLossPercent: 0.4, relayUsed: true, peerRelayUsed: false, reconnects: 0 }) // 'MOS 4.3 avg / 3.9 worst · loss 0.2% avg / 1.5% worst · video loss 0.8% avg / 4.2% worst'
 */
export function formatQualitySummary(summary: QualitySummary): string {
  const parts = [
    summary.averageMos === null ? 'MOS not measured' : `MOS ${formatMeasure(summary.averageMos)} avg / ${formatMeasure(summary.worstMos)} worst`,
    summary.averageLossPercent === null
      ? 'loss not measured'
      : `loss ${formatMeasure(summary.averageLossPercent, '%')} avg / ${formatMeasure(summary.worstLossPercent, '%')} worst`,
  ];
  if (summary.averageVideoLossPercent !== null) {
    parts.push(`video loss ${formatMeasure(summary.averageVideoLossPercent, '%')} avg / ${formatMeasure(summary.worstVideoLossPercent, '%')} worst`);
  }
  if (summary.reconnects) parts.push(`${summary.reconnects} ${summary.reconnects === 1 ? 'reconnect' : 'reconnects'}`);
  return parts.join(' · ');
}

/**
 * The sides of a call whose candidate was a TURN relay, from both summaries:
 * a side's own word or the other side's view of it is enough, since the
 * media crosses a relay at either end, and one side's summary may be missing.
 * @example relayedSides({ visitor: { ...summary, relayUsed: false, peerRelayUsed: true } }) // ['agent']
 */
export function relayedSides(quality: Partial<Record<CallSide, QualitySummary>>): CallSide[] {
  const { visitor, agent } = quality;
  const sides: CallSide[] = [];
  if (visitor?.relayUsed || agent?.peerRelayUsed) sides.push('visitor');
  if (agent?.relayUsed || visitor?.peerRelayUsed) sides.push('agent');
  return sides;
}

/**
 * How a call's media went, for History: direct, or through a relay and on whose side.
 * @example describeMediaPath({ visitor: { ...summary, relayUsed: true } }) // "relay on the visitor's side"
 */
export function describeMediaPath(quality: Partial<Record<CallSide, QualitySummary>>): string {
  const sides = relayedSides(quality);
  if (sides.length === 2) return 'relay on both sides';
  return sides.length ? `relay on the ${sides[0]}'s side` : 'direct';
}

/** How each wrap-up disposition reads in the console. */
export const dispositionLabels: Record<Disposition, string> = {
  resolved: 'Resolved',
  'follow-up': 'Needs follow-up',
  unresolved: 'Not resolved',
  other: 'Other',
};

/** How each way a contact ended reads in the console (the API's own words, such as `callback-done`, stay in the CSV). */
export const outcomeLabels: Record<Outcome, string> = {
  completed: 'Completed',
  cancelled: 'Cancelled',
  declined: 'Declined',
  missed: 'Missed',
  failed: 'Failed',
  message: 'Message left',
  'callback-done': 'Callback closed',
};

/**
 * Skills as typed in a form, comma-separated: trimmed, blanks dropped, and in
 * lower case, as skills are kept (`Billing` is the skill `billing`).
 * @example skillList(' es, Billing ,, ') // ['es', 'billing']
 */
export function skillList(text: string): string[] {
  return text.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
}
/** How each kind of conversation reads in the console. */
export const mediaLabels: Record<ConversationMedia, string> = {
  chat: 'Chat',
  audio: 'Voice call',
  video: 'Video call',
};

/** What a request asks for, to finish "asks for …" or "accept …". */
export const requestLabels: Record<RequestKind, string> = {
  audio: 'a voice call',
  video: 'a video call',
  screen: 'to see the screen',
};
