// Stand-ins for tests of code built on the call engine; not part of the engine.
import type { QualitySample } from './quality.ts';

/**
 * A sample of a good, direct call, with the given fields changed.
 * @example qualitySample({ lossPercent: 5, mos: 3.7 })
 */
export function qualitySample(fields: Partial<QualitySample> = {}): QualitySample {
  return {
    rttMs: 40,
    jitterMs: 10,
    lossPercent: 0,
    inboundKbps: 900,
    outboundKbps: 1100,
    framesPerSecond: 30,
    frameWidth: 640,
    frameHeight: 480,
    audioLevel: 0.1,
    candidateType: 'srflx',
    mos: 4.4,
    ...fields,
  };
}
