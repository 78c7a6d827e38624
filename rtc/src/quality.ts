// Call quality from the peer connection's own statistics, reduced to a few
// coarse numbers: enough to tell a visitor "your connection is poor" and to
// keep a per-call summary, never an address, a device label or a candidate line.
import type { QualitySummary } from '@beckon/protocol';

export type { QualitySummary };

/** One report object as `getStats()` yields it; only a few fields are read. */
export interface StatsRecord {
  id: string;
  type: string;
  /** Milliseconds, as `performance.now()` or the epoch; only differences are used. */
  timestamp: number;
  [field: string]: unknown;
}

/** All reports of one `getStats()` call: the report itself, a map by id, or a plain array. */
export type StatsSnapshot = ReadonlyMap<string, StatsRecord> | readonly StatsRecord[];

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/** What one sample keeps. `null` where the connection does not report it (yet). */
export interface QualitySample {
  /** Of the audio where it is measured, else of the connection. */
  rttMs: number | null;
  /** Of the audio received. */
  jitterMs: number | null;
  /** Audio packets received lost since the previous sample, in percent of those expected. */
  lossPercent: number | null;
  /** The same two for the video received, kept apart: they do not count in the voice score. */
  videoJitterMs: number | null;
  videoLossPercent: number | null;
  inboundKbps: number | null;
  outboundKbps: number | null;
  /** Of the video received from the other side. */
  framesPerSecond: number | null;
  frameWidth: number | null;
  frameHeight: number | null;
  /** Of the audio received from the other side, 0 to 1. */
  audioLevel: number | null;
  /** This side's candidate in the pair that carries media; `relay` means through TURN. */
  candidateType: CandidateType | null;
  /** The other side's candidate in that pair, as this side knows it: a relay there is on the media's path too. */
  remoteCandidateType: CandidateType | null;
  /** A voice score from the audio's round trip, jitter and loss alone. */
  mos: number | null;
}

export interface NetworkConditions {
  rttMs: number;
  jitterMs: number;
  lossPercent: number;
}

export type QualityWarning = 'high-loss' | 'high-video-loss' | 'high-latency';

/** Above these a call is audibly (or visibly) hurt; the same values are written in docs/call-quality.md. */
export const warningThresholds = { lossPercent: 3, rttMs: 400 } as const;


const candidateTypes: readonly string[] = ['host', 'srflx', 'prflx', 'relay'] satisfies CandidateType[];

const round = (value: number, decimals = 0) => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};
const roundOrNull = (value: number | undefined | null, decimals = 0) =>
  value === undefined || value === null || !Number.isFinite(value) ? null : round(value, decimals);
const numberField = (report: StatsRecord | undefined, field: string) => {
  const value = report?.[field];
  return typeof value === 'number' ? value : undefined;
};
const byId = (snapshot: StatsSnapshot): ReadonlyMap<string, StatsRecord> =>
  Array.isArray(snapshot) ? new Map(snapshot.map((report) => [report.id, report])) : (snapshot as ReadonlyMap<string, StatsRecord>);
// Older Chromium names the kind `mediaType`.
const kindOf = (report: StatsRecord) => report.kind ?? report.mediaType;

function selectedPair(reports: ReadonlyMap<string, StatsRecord>): StatsRecord | undefined {
  for (const report of reports.values()) {
    if (report.type !== 'transport' || typeof report.selectedCandidatePairId !== 'string') continue;
    const pair = reports.get(report.selectedCandidatePairId);
    if (pair) return pair;
  }
  // Firefox marks the pair itself instead of naming it on a transport report.
  for (const report of reports.values()) {
    if (report.type !== 'candidate-pair') continue;
    if (report.selected === true || (report.nominated === true && report.state === 'succeeded')) return report;
  }
  return undefined;
}

/** Kilobits per second over the reports of one type, from the byte counter's growth since `previous`. */
function kbps(current: StatsRecord[], previous: ReadonlyMap<string, StatsRecord> | null, bytesField: string): number | null {
  if (!previous) return null;
  let total: number | null = null;
  for (const report of current) {
    // A stream that started since the previous snapshot has no interval to divide by yet.
    const before = previous.get(report.id);
    const elapsedMs = before ? report.timestamp - before.timestamp : 0;
    if (elapsedMs <= 0) continue;
    const bytes = (numberField(report, bytesField) ?? 0) - (numberField(before, bytesField) ?? 0);
    total = (total ?? 0) + (Math.max(0, bytes) * 8) / elapsedMs;
  }
  return total;
}

/** Percent of the packets of these inbound streams lost since `previous` (since the call began when there is none). */
function lossPercent(inbound: StatsRecord[], previous: ReadonlyMap<string, StatsRecord> | null): number | null {
  let lost = 0;
  let received = 0;
  for (const report of inbound) {
    const before = previous?.get(report.id);
    // packetsLost may shrink when late duplicates arrive; a negative count is no loss.
    lost += Math.max(0, (numberField(report, 'packetsLost') ?? 0) - (numberField(before, 'packetsLost') ?? 0));
    received += Math.max(0, (numberField(report, 'packetsReceived') ?? 0) - (numberField(before, 'packetsReceived') ?? 0));
  }
  return lost + received === 0 ? null : (100 * lost) / (lost + received);
}

/**
 * Computes a coarse sample from two `getStats()` snapshots taken one interval apart; rates are `null` without a previous one.
 * @example const sample = qualityFromStats(await pc.getStats(), lastSnapshot); // { rttMs: 42, lossPercent: 0.5, candidateType: 'relay', … }
 */
export function qualityFromStats(current: StatsSnapshot, previous: StatsSnapshot | null): QualitySample {
  const reports = byId(current);
  const before = previous ? byId(previous) : null;
  const all = [...reports.values()];
  const inbound = all.filter((report) => report.type === 'inbound-rtp');
  const outbound = all.filter((report) => report.type === 'outbound-rtp');
  const inboundAudio = inbound.filter((report) => kindOf(report) === 'audio');
  const inboundVideo = inbound.filter((report) => kindOf(report) === 'video');
  const remoteInboundAudio = all.find((report) => report.type === 'remote-inbound-rtp' && kindOf(report) === 'audio');

  const pair = selectedPair(reports);
  const candidateOf = (id: unknown): CandidateType | null => {
    const candidate = typeof id === 'string' ? reports.get(id) : undefined;
    return typeof candidate?.candidateType === 'string' && candidateTypes.includes(candidate.candidateType) ? (candidate.candidateType as CandidateType) : null;
  };
  // The audio's own round trip (RTCP) is what a voice score needs; the pair's
  // (ICE) stands in where audio has not measured one, and for a call without it.
  const rttSeconds = numberField(remoteInboundAudio, 'roundTripTime') ?? numberField(pair, 'currentRoundTripTime');
  const milliseconds = (seconds: number | undefined) => roundOrNull(seconds === undefined ? undefined : seconds * 1000);

  const rttMs = milliseconds(rttSeconds);
  const jitterMs = milliseconds(numberField(inboundAudio[0], 'jitter'));
  const audioLoss = roundOrNull(lossPercent(inboundAudio, before), 1);
  const video = inboundVideo[0];
  return {
    rttMs,
    jitterMs,
    lossPercent: audioLoss,
    videoJitterMs: milliseconds(numberField(video, 'jitter')),
    videoLossPercent: roundOrNull(lossPercent(inboundVideo, before), 1),
    inboundKbps: roundOrNull(kbps(inbound, before, 'bytesReceived')),
    outboundKbps: roundOrNull(kbps(outbound, before, 'bytesSent')),
    framesPerSecond: roundOrNull(numberField(video, 'framesPerSecond')),
    frameWidth: roundOrNull(numberField(video, 'frameWidth')),
    frameHeight: roundOrNull(numberField(video, 'frameHeight')),
    audioLevel: roundOrNull(numberField(inboundAudio[0], 'audioLevel'), 2),
    candidateType: candidateOf(pair?.localCandidateId),
    remoteCandidateType: candidateOf(pair?.remoteCandidateId),
    // Video has its own loss and jitter, which a listener does not hear.
    mos:
      rttMs === null || jitterMs === null || audioLoss === null
        ? null
        : round(mosFromNetwork({ rttMs, jitterMs, lossPercent: audioLoss }), 1),
  };
}

/**
 * Reads the connection's statistics once; pass the returned snapshot back as `previous` next time.
 * @example let last = null; const { sample, snapshot } = await sampleQuality(pc, last); last = snapshot;
 */
export async function sampleQuality(
  pc: Pick<RTCPeerConnection, 'getStats'>,
  previous: StatsSnapshot | null,
): Promise<{ sample: QualitySample; snapshot: StatsSnapshot }> {
  const snapshot: StatsSnapshot = await pc.getStats();
  return { sample: qualityFromStats(snapshot, previous), snapshot };
}

/**
 * Estimates a mean opinion score (1 to 4.5) with the simplified ITU-T G.107 E-model.
 * @example mosFromNetwork({ rttMs: 0, jitterMs: 0, lossPercent: 0 }) // ≈ 4.4
 */
export function mosFromNetwork({ rttMs, jitterMs, lossPercent }: NetworkConditions): number {
  const effectiveLatency = rttMs / 2 + 2 * jitterMs + 10;
  const delayImpairment = effectiveLatency < 160 ? effectiveLatency / 40 : (effectiveLatency - 120) / 10;
  const lossImpairment = 2.5 * lossPercent;
  const r = Math.min(100, Math.max(0, 93.2 - delayImpairment - lossImpairment));
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.min(4.5, Math.max(1, mos));
}

/**
 * Names what in a sample is bad enough to tell the people on the call.
 * @example qualityWarnings({ ...sample, lossPercent: 5, rttMs: 120 }) // ['high-loss']
 */
export function qualityWarnings(sample: Pick<QualitySample, 'lossPercent' | 'videoLossPercent' | 'rttMs'>): QualityWarning[] {
  const warnings: QualityWarning[] = [];
  if (sample.lossPercent !== null && sample.lossPercent > warningThresholds.lossPercent) warnings.push('high-loss');
  if (sample.videoLossPercent !== null && sample.videoLossPercent > warningThresholds.lossPercent) warnings.push('high-video-loss');
  if (sample.rttMs !== null && sample.rttMs > warningThresholds.rttMs) warnings.push('high-latency');
  return warnings;
}

/**
 * Samples the connection every `intervalMs` until the returned function is called.
 * @example const stop = watchQuality(peer.connection, (sample) => console.log(qualityWarnings(sample))); stop();
 */
export function watchQuality(
  pc: Pick<RTCPeerConnection, 'getStats'>,
  onSample: (sample: QualitySample) => void,
  intervalMs = 1000,
): () => void {
  let previous: StatsSnapshot | null = null;
  let sampling = false;
  let stopped = false;
  const tick = async () => {
    // A slow getStats must not stack reads, or the deltas would overlap.
    if (sampling) return;
    sampling = true;
    try {
      const { sample, snapshot } = await sampleQuality(pc, previous);
      previous = snapshot;
      if (!stopped) onSample(sample);
    } catch {
      // The connection can close between two ticks; the next tick or stop() settles it.
    } finally {
      sampling = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** How many of the newest samples make a call's recent quality: half a minute at one a second. */
export const recentSamples = 30;

/**
 * Reduces a call's samples to the coarse summary kept with the contact.
 * @example summarizeQuality(samples, 1) // { samples: 312, averageMos: 4.2, worstMos: 3.1, averageLossPercent: 0.4, worstLossPercent: 6.2, averageVideoLossPercent: 1.1, worstVideoLossPercent: 9.5, recentMos: 3.4, recentLossPercent: 2.1, relayUsed: false, peerRelayUsed: true, reconnects: 1 }
 */
export function summarizeQuality(samples: readonly QualitySample[], reconnects = 0): QualitySummary {
  const measured = (of: readonly QualitySample[], field: 'mos' | 'lossPercent' | 'videoLossPercent') =>
    of.flatMap((sample) => (sample[field] === null ? [] : [sample[field]]));
  const averageOrNull = (values: number[]) => (values.length ? round(average(values), 1) : null);
  const highestOrNull = (values: number[]) => (values.length ? round(values.reduce((highest, value) => Math.max(highest, value)), 1) : null);
  const mos = measured(samples, 'mos');
  const loss = measured(samples, 'lossPercent');
  const videoLoss = measured(samples, 'videoLossPercent');
  // A call that went bad a minute ago must not look fine for having started well.
  const recent = samples.slice(-recentSamples);
  return {
    samples: samples.length,
    averageMos: averageOrNull(mos),
    worstMos: mos.length ? round(mos.reduce((worst, value) => Math.min(worst, value)), 1) : null,
    averageLossPercent: averageOrNull(loss),
    worstLossPercent: highestOrNull(loss),
    averageVideoLossPercent: averageOrNull(videoLoss),
    worstVideoLossPercent: highestOrNull(videoLoss),
    recentMos: averageOrNull(measured(recent, 'mos')),
    recentLossPercent: averageOrNull(measured(recent, 'lossPercent')),
    relayUsed: samples.some((sample) => sample.candidateType === 'relay'),
    peerRelayUsed: samples.some((sample) => sample.remoteCandidateType === 'relay'),
    reconnects,
  };
}
