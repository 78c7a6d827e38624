import { describe, expect, it } from 'vitest';
import { createCallQuality } from './call-quality.ts';
import { qualitySample as sample } from './testing.ts';

describe('one call’s quality', () => {
  it('has nothing to tell before the first sample', () => {
    expect(createCallQuality().summary()).toBeNull();
  });

  it('summarizes every sample it was given', () => {
    const quality = createCallQuality();
    expect(quality.add(sample({ mos: 4.4, lossPercent: 0 }))).toBe(1);
    expect(quality.add(sample({ mos: 3.6, lossPercent: 5, candidateType: 'relay' }))).toBe(2);
    expect(quality.summary()).toEqual({
      samples: 2,
      averageMos: 4,
      worstMos: 3.6,
      averageLossPercent: 2.5,
      worstLossPercent: 5,
      averageVideoLossPercent: 0,
      worstVideoLossPercent: 0,
      recentMos: 4,
      recentLossPercent: 2.5,
      relayUsed: true,
      peerRelayUsed: false,
      reconnects: 0,
    });
  });

  it('counts a reconnect each time the connection comes back after dropping', () => {
    const quality = createCallQuality();
    quality.add(sample({}));
    for (const state of ['connecting', 'connected', 'disconnected', 'connected', 'connected', 'disconnected', 'connected'] as const) {
      quality.connection(state);
    }
    expect(quality.summary()?.reconnects).toBe(2);
  });

  it('does not count the first connection or a drop that never came back', () => {
    const quality = createCallQuality();
    quality.add(sample({}));
    for (const state of ['new', 'connecting', 'connected', 'disconnected', 'failed'] as const) quality.connection(state);
    expect(quality.summary()?.reconnects).toBe(0);
  });
});
