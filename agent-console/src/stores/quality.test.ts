import { qualitySample } from '@beckon/rtc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { $quality, $qualityWarnings, qualityWindow, recordQualitySample, resetQuality } from './quality.ts';

beforeEach(() => resetQuality());

describe('the live call quality', () => {
  it('keeps the last minute of samples, newest last', () => {
    for (let second = 0; second < qualityWindow + 5; second++) recordQualitySample(qualitySample({ rttMs: second }));
    const kept = $quality.get();
    expect(kept).toHaveLength(qualityWindow);
    expect(kept[0]?.rttMs).toBe(5);
    expect(kept.at(-1)?.rttMs).toBe(qualityWindow + 4);
  });

  it('warns by the newest sample only, so a recovered call stops warning', () => {
    expect($qualityWarnings.get()).toEqual([]);
    recordQualitySample(qualitySample({ lossPercent: 4.2, rttMs: 450 }));
    expect($qualityWarnings.get()).toEqual(['high-loss', 'high-latency']);
    recordQualitySample(qualitySample({ lossPercent: 0.5, rttMs: 80 }));
    expect($qualityWarnings.get()).toEqual([]);
  });

  it('keeps warning through an outage, when no media arrives and so none is lost', () => {
    recordQualitySample(qualitySample({ lossPercent: 12, rttMs: 80 }));
    for (let second = 0; second < 5; second++) recordQualitySample(qualitySample({ lossPercent: null, videoLossPercent: null, rttMs: 80 }));
    expect($qualityWarnings.get()).toEqual(['high-loss']);
    recordQualitySample(qualitySample({ lossPercent: 0, rttMs: 80 }));
    expect($qualityWarnings.get()).toEqual([]);
  });

  it('starts empty again after a reset', () => {
    recordQualitySample(qualitySample({ lossPercent: 9 }));
    resetQuality();
    expect($quality.get()).toEqual([]);
    expect($qualityWarnings.get()).toEqual([]);
  });
});
