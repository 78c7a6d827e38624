// Whether to tell the visitor their connection is weak. One poor second sets
// it; it clears only after a few good seconds in a row, so the hint does not
// flicker (and is not re-announced) on a call that hovers at a threshold.
// A second in which no media arrived is not a good one: in an outage nothing
// is lost because nothing is sent, and the hint must stay until media flows again.
import type { QualitySample, QualityWarning } from '@beckon/rtc';
import { atom } from 'nanostores';

/** Good seconds in a row before the hint goes away. */
export const clearAfterGoodSamples = 5;

export const $weakConnection = atom(false);

let goodInARow = 0;

/**
 * Takes one of the visitor's own quality samples into account.
 * @example noteQuality(event.sample, event.warnings);
 */
export function noteQuality(sample: QualitySample, warnings: QualityWarning[]): void {
  if (warnings.length) {
    goodInARow = 0;
    $weakConnection.set(true);
  } else if (sample.lossPercent === null) {
    goodInARow = 0;
  } else if (++goodInARow >= clearAfterGoodSamples) {
    $weakConnection.set(false);
  }
}

/**
 * Drops the hint, when a call ends.
 * @example resetConnectionHint();
 */
export function resetConnectionHint(): void {
  goodInARow = 0;
  $weakConnection.set(false);
}
