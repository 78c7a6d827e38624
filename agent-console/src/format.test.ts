import { describe, expect, it } from 'vitest';
import { qualitySample } from '@beckon/rtc/testing';
import { describeMediaPath, describeQualityWarnings, formatDuration, formatMeasure, formatStart, formatQualitySummary, relayedSides, secondsLeft, skillList } from './format.ts';

describe('formatDuration', () => {
  it('writes minutes and two-digit seconds', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(9)).toBe('0:09');
    expect(formatDuration(60)).toBe('1:00');
    expect(formatDuration(65)).toBe('1:05');
  });

  it('keeps counting minutes past an hour', () => {
    expect(formatDuration(3725)).toBe('62:05');
  });

  it('drops fractions and never goes negative', () => {
    expect(formatDuration(59.9)).toBe('0:59');
    expect(formatDuration(-3)).toBe('0:00');
  });
});

describe('formatStart', () => {
  it('writes the date and the time to the minute, without seconds', () => {
    const text = formatStart(new Date(2025, 0, 2, 9, 5, 42).getTime());
    expect(text).toContain('2025');
    expect(text).toMatch(/\b9:05\b|\b09:05\b/);
    expect(text).not.toContain('42');
  });
});

describe('secondsLeft', () => {
  it('rounds up so the countdown reads 30 at the start of a 30 s ring', () => {
    expect(secondsLeft(30_000, 0)).toBe(30);
    expect(secondsLeft(30_000, 1)).toBe(30);
    expect(secondsLeft(30_000, 29_001)).toBe(1);
  });

  it('stops at zero', () => {
    expect(secondsLeft(30_000, 30_000)).toBe(0);
    expect(secondsLeft(30_000, 45_000)).toBe(0);
  });
});

describe('formatMeasure', () => {
  it('writes one decimal and the unit, or a dash when there is no number', () => {
    expect(formatMeasure(4, '')).toBe('4.0');
    expect(formatMeasure(0.25, '%')).toBe('0.3%');
    expect(formatMeasure(412.4, ' ms', 0)).toBe('412 ms');
    expect(formatMeasure(null, '%')).toBe('—');
  });
});

describe('describeQualityWarnings', () => {
  it('names each number that crossed its threshold', () => {
    const sample = qualitySample({ lossPercent: 4.2, videoLossPercent: 12, rttMs: 520 });
    expect(describeQualityWarnings(['high-loss'], sample)).toBe('Poor connection: audio packet loss 4.2% (over 3%)');
    expect(describeQualityWarnings(['high-loss', 'high-latency'], sample)).toBe('Poor connection: audio packet loss 4.2% (over 3%), round trip 520 ms (over 400 ms)');
    expect(describeQualityWarnings(['high-video-loss'], sample)).toBe('Poor connection: video packet loss 12.0% (over 3%)');
  });

  it('says nothing when nothing is wrong', () => {
    expect(describeQualityWarnings([], qualitySample())).toBe('');
    expect(describeQualityWarnings(['high-loss'], undefined)).toBe('');
  });
});

describe('formatQualitySummary', () => {
  const summary = { samples: 60, averageMos: 4.3, worstMos: 3.9, averageLossPercent: 0.2, worstLossPercent: 1.5, averageVideoLossPercent: null, worstVideoLossPercent: null, recentMos: 4.1, recentLossPercent: 0.4, relayUsed: true, peerRelayUsed: false, reconnects: 0 };

  it('writes the averages and the worst values in one line', () => {
    expect(formatQualitySummary(summary)).toBe('MOS 4.3 avg / 3.9 worst · loss 0.2% avg / 1.5% worst');
    expect(formatQualitySummary({ ...summary, averageMos: 4, worstMos: 4, reconnects: 2 })).toBe('MOS 4.0 avg / 4.0 worst · loss 0.2% avg / 1.5% worst · 2 reconnects');
    expect(formatQualitySummary({ ...summary, reconnects: 1 })).toContain('· 1 reconnect');
  });

  it("writes the video's loss apart from the audio's, in a call with video", () => {
    expect(formatQualitySummary({ ...summary, averageVideoLossPercent: 0.8, worstVideoLossPercent: 4.2 })).toBe(
      'MOS 4.3 avg / 3.9 worst · loss 0.2% avg / 1.5% worst · video loss 0.8% avg / 4.2% worst',
    );
  });

  it('says what was not measured instead of showing a number', () => {
    const unmeasured = { samples: 0, averageMos: null, worstMos: null, averageLossPercent: null, worstLossPercent: null, averageVideoLossPercent: null, worstVideoLossPercent: null, recentMos: null, recentLossPercent: null, relayUsed: false, peerRelayUsed: null, reconnects: 0 };
    expect(formatQualitySummary(unmeasured)).toBe('MOS not measured · loss not measured');
  });
});

describe('the media path of a call', () => {
  const direct = { samples: 60, averageMos: 4.3, worstMos: 3.9, averageLossPercent: 0.2, worstLossPercent: 1.5, averageVideoLossPercent: null, worstVideoLossPercent: null, recentMos: 4.1, recentLossPercent: 0.4, relayUsed: false, peerRelayUsed: false, reconnects: 0 };

  it("is a relay when either side's candidate was one, naming whose, even when only the other side saw it", () => {
    // The visitor's browser used TURN; the agent's selected pair was host to relay, so the agent's own summary says no relay.
    const visitorRelayed = { visitor: { ...direct, relayUsed: true }, agent: { ...direct, peerRelayUsed: true } };
    expect(relayedSides(visitorRelayed)).toEqual(['visitor']);
    expect(describeMediaPath(visitorRelayed)).toBe("relay on the visitor's side");
    // Only the visitor's summary arrived, and it saw the agent's relay.
    expect(describeMediaPath({ visitor: { ...direct, peerRelayUsed: true } })).toBe("relay on the agent's side");
    expect(describeMediaPath({ agent: { ...direct, relayUsed: true, peerRelayUsed: true } })).toBe('relay on both sides');
  });

  it('is direct when neither side saw a relay, or a summary does not say what it saw of the other side', () => {
    expect(describeMediaPath({ visitor: direct, agent: direct })).toBe('direct');
    expect(describeMediaPath({ visitor: { ...direct, peerRelayUsed: null } })).toBe('direct');
  });
});

describe('skillList', () => {
  it('reads a comma-separated list as typed, in lower case, dropping blanks', () => {
    expect(skillList(' es, Billing ,, ')).toEqual(['es', 'billing']);
    expect(skillList('   ')).toEqual([]);
  });
});
