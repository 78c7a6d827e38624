import { describe, expect, it } from 'vitest';
import { parseConversationMessage } from './messages.ts';
import { parseQualitySummary, type QualitySummary } from './quality.ts';

const summary: QualitySummary = {
  samples: 60,
  averageMos: 4.3,
  worstMos: 3.9,
  averageLossPercent: 0.2,
  worstLossPercent: 1.5,
  averageVideoLossPercent: 0.9,
  worstVideoLossPercent: 6,
  recentMos: 3.2,
  recentLossPercent: 2.4,
  relayUsed: true,
  peerRelayUsed: false,
  reconnects: 1,
};

describe('the quality message', () => {
  it('accepts a summary and keeps only its fields', () => {
    const text = JSON.stringify({ type: 'quality', summary: { ...summary, ip: '192.0.2.1', deviceLabel: 'Headset' }, extra: 1 });
    expect(parseConversationMessage(text)).toEqual({ ok: true, message: { type: 'quality', summary } });
  });

  it('refuses a message without a summary', () => {
    expect(parseConversationMessage('{"type":"quality"}')).toEqual({ ok: false, code: 'invalid_message', error: 'summary must be an object' });
  });
});

describe('parseQualitySummary', () => {
  it('accepts a call too short to measure: no samples, no averages', () => {
    const empty = { samples: 0, averageMos: null, worstMos: null, averageLossPercent: null, worstLossPercent: null, averageVideoLossPercent: null, worstVideoLossPercent: null, recentMos: null, recentLossPercent: null, relayUsed: false, peerRelayUsed: false, reconnects: 0 };
    expect(parseQualitySummary(empty)).toEqual(empty);
  });

  it('takes a summary without the video\'s loss, the recent quality or the other side\'s relay (from a page loaded before they were measured) as not measured', () => {
    const { recentMos: _mos, recentLossPercent: _loss, peerRelayUsed: _relay, averageVideoLossPercent: _video, worstVideoLossPercent: _worstVideo, ...older } = summary;
    expect(parseQualitySummary(older)).toEqual({
      ...summary,
      averageVideoLossPercent: null,
      worstVideoLossPercent: null,
      recentMos: null,
      recentLossPercent: null,
      peerRelayUsed: null,
    });
  });

  it('keeps one decimal, so a client cannot store finer detail', () => {
    expect(parseQualitySummary({ ...summary, averageMos: 4.2871, worstLossPercent: 1.549 })).toMatchObject({ averageMos: 4.3, worstLossPercent: 1.5 });
  });

  it.each([
    ['a fractional sample count', { samples: 1.5 }, 'summary.samples must be an integer from 0 to 86400'],
    ['a negative sample count', { samples: -1 }, 'summary.samples must be an integer from 0 to 86400'],
    ['a sample count as text', { samples: '60' }, 'summary.samples must be an integer from 0 to 86400'],
    ['a MOS above 4.5', { averageMos: 5 }, 'summary.averageMos must be a number from 1 to 4.5, or null'],
    ['a MOS below 1', { worstMos: 0.5 }, 'summary.worstMos must be a number from 1 to 4.5, or null'],
    ['a MOS as text', { averageMos: '4.3' }, 'summary.averageMos must be a number from 1 to 4.5, or null'],
    ['negative loss', { averageLossPercent: -0.1 }, 'summary.averageLossPercent must be a number from 0 to 100, or null'],
    ['loss above 100 %', { worstLossPercent: 101 }, 'summary.worstLossPercent must be a number from 0 to 100, or null'],
    ['an average without its worst', { worstMos: null }, 'summary.averageMos and summary.worstMos are both numbers or both null'],
    ['a worst MOS above the average', { worstMos: 4.4 }, 'summary.worstMos cannot be better than summary.averageMos'],
    ['a recent MOS above 4.5', { recentMos: 4.6 }, 'summary.recentMos must be a number from 1 to 4.5, or null'],
    ['recent loss above 100 %', { recentLossPercent: 100.5 }, 'summary.recentLossPercent must be a number from 0 to 100, or null'],
    ['a worst video loss below its average', { worstVideoLossPercent: 0.5 }, 'summary.worstVideoLossPercent cannot be better than summary.averageVideoLossPercent'],
    ['a video loss average without its worst', { worstVideoLossPercent: null }, 'summary.averageVideoLossPercent and summary.worstVideoLossPercent are both numbers or both null'],
    ['a worst loss below the average', { worstLossPercent: 0.1 }, 'summary.worstLossPercent cannot be better than summary.averageLossPercent'],
    ['averages without samples', { samples: 0 }, 'summary without samples has no averages'],
    ['relay as a number', { relayUsed: 1 }, 'summary.relayUsed must be true or false'],
    ['a missing relay flag', { relayUsed: undefined }, 'summary.relayUsed must be true or false'],
    ['the other side\'s relay as text', { peerRelayUsed: 'yes' }, 'summary.peerRelayUsed must be true or false'],
    ['negative reconnects', { reconnects: -1 }, 'summary.reconnects must be an integer from 0 to 10000'],
    ['fractional reconnects', { reconnects: 0.5 }, 'summary.reconnects must be an integer from 0 to 10000'],
  ])('refuses %s', (_name, change, error) => {
    const text = JSON.stringify({ type: 'quality', summary: { ...summary, ...change } });
    expect(parseConversationMessage(text)).toEqual({ ok: false, code: 'invalid_message', error });
  });

  it('refuses a non-finite number that JSON could not carry but a caller could pass', () => {
    expect(() => parseQualitySummary({ ...summary, averageLossPercent: Number.NaN })).toThrow('summary.averageLossPercent must be a number');
    expect(() => parseQualitySummary({ ...summary, averageMos: Number.POSITIVE_INFINITY })).toThrow('summary.averageMos must be a number');
  });
});
