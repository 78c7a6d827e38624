import type { QualitySample } from '@beckon/rtc';
import { qualityWarnings } from '@beckon/rtc/quality';
import { qualitySample } from '@beckon/rtc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { $weakConnection, clearAfterGoodSamples, noteQuality, resetConnectionHint } from './connection-hint.ts';

// A sample as the call hands it over, with what is wrong with it.
const note = (sample: QualitySample) => noteQuality(sample, qualityWarnings(sample));
const good = qualitySample({ lossPercent: 0.4, rttMs: 60 });

beforeEach(() => resetConnectionHint());

describe('the weak-connection hint', () => {
  it('shows after one second of high loss or a long round trip', () => {
    note(good);
    expect($weakConnection.get()).toBe(false);
    note(qualitySample({ lossPercent: 3.5 }));
    expect($weakConnection.get()).toBe(true);
    resetConnectionHint();
    note(qualitySample({ rttMs: 450 }));
    expect($weakConnection.get()).toBe(true);
  });

  it('stays through a short recovery and clears after several good seconds in a row', () => {
    note(qualitySample({ lossPercent: 8 }));
    for (let second = 1; second < clearAfterGoodSamples; second++) note(good);
    expect($weakConnection.get()).toBe(true);
    note(qualitySample({ lossPercent: 8 }));
    for (let second = 1; second < clearAfterGoodSamples; second++) note(good);
    expect($weakConnection.get()).toBe(true);
    note(good);
    expect($weakConnection.get()).toBe(false);
  });

  it('stays through an outage, when no media arrives, until media flows well again', () => {
    note(qualitySample({ lossPercent: 8 }));
    // Nothing received and so nothing lost; the round trip is the last one measured.
    const outage = qualitySample({ lossPercent: null, inboundKbps: 0, framesPerSecond: 0, mos: null });
    for (let second = 0; second < 3 * clearAfterGoodSamples; second++) note(outage);
    expect($weakConnection.get()).toBe(true);
    for (let second = 1; second < clearAfterGoodSamples; second++) note(good);
    note(outage);
    for (let second = 1; second < clearAfterGoodSamples; second++) note(good);
    expect($weakConnection.get()).toBe(true);
    note(good);
    expect($weakConnection.get()).toBe(false);
  });

  it('ignores a second that measured nothing', () => {
    note(qualitySample({ lossPercent: null, rttMs: null, mos: null }));
    expect($weakConnection.get()).toBe(false);
  });
});
