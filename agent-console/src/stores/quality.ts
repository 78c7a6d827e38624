// The live call's quality as the console measures it: the last minute of
// one-second samples, for the quality panel's graph, numbers and warning.
import type { QualitySample } from '@beckon/rtc';
import { qualityWarnings } from '@beckon/rtc/quality';
import { atom, computed } from 'nanostores';

/** How many samples the panel keeps: a minute at one a second. */
export const qualityWindow = 60;

export const $quality = atom<QualitySample[]>([]);

/**
 * What is bad about the call right now, by the newest sample in which media
 * arrived: in an outage nothing arrives and so nothing is lost, and the
 * warning must stay until media flows again.
 */
export const $qualityWarnings = computed($quality, (samples) => {
  const latest = samples.findLast((sample) => sample.lossPercent !== null || sample.videoLossPercent !== null) ?? samples.at(-1);
  return latest ? qualityWarnings(latest) : [];
});

/**
 * Adds the newest sample, dropping those older than the window.
 * @example recordQualitySample(event.sample);
 */
export function recordQualitySample(sample: QualitySample): void {
  $quality.set([...$quality.get(), sample].slice(-qualityWindow));
}

/**
 * Forgets the samples, when a call starts or ends.
 * @example resetQuality();
 */
export function resetQuality(): void {
  $quality.set([]);
}
