import { useStore } from '@beckon/ui';
import { describeQualityWarnings, formatMeasure } from '../format.ts';
import { sparklinePath } from '../sparkline.ts';
import { $quality, $qualityWarnings, qualityWindow } from '../stores/quality.ts';

const graph = { width: 180, height: 40, min: 1, max: 4.5, slots: qualityWindow };

/**
 * The live call's quality: MOS over the last minute as a small graph, the newest numbers as text, and a warning when the connection is poor.
 * @example <QualityPanel />
 */
export function QualityPanel() {
  const samples = useStore($quality);
  const warnings = useStore($qualityWarnings);
  const latest = samples.at(-1);
  return (
    <section class="quality" aria-label="Call quality">
      {/* The graph repeats the numbers beside it, so screen readers skip it. */}
      <svg class="sparkline" viewBox={`-2 -2 ${graph.width + 4} ${graph.height + 4}`} width={graph.width + 4} height={graph.height + 4} aria-hidden="true">
        <rect x="0" y="0" width={graph.width} height={graph.height} class="sparkline-frame" />
        <path d={sparklinePath(samples.map((sample) => sample.mos), graph)} class="sparkline-line" />
      </svg>
      <dl>
        <div>
          <dt>MOS</dt>
          <dd>{formatMeasure(latest?.mos)}</dd>
        </div>
        <div>
          <dt>Audio loss</dt>
          <dd>{formatMeasure(latest?.lossPercent, '%')}</dd>
        </div>
        {latest?.videoLossPercent != null && (
          <div>
            <dt>Video loss</dt>
            <dd>{formatMeasure(latest.videoLossPercent, '%')}</dd>
          </div>
        )}
        <div>
          <dt>Round trip</dt>
          <dd>{formatMeasure(latest?.rttMs, ' ms', 0)}</dd>
        </div>
      </dl>
      <p role="status" aria-live="polite" class="quality-warning">
        {describeQualityWarnings(warnings, latest)}
      </p>
    </section>
  );
}
