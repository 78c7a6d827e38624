// The geometry of a small line graph, kept apart from the component so it can
// be checked without a browser.

/** Where a sparkline is drawn and what range of values it spans. */
export interface SparklineBox {
  width: number;
  height: number;
  /** The values at the bottom and top edges; values outside are drawn at the edge. */
  min: number;
  max: number;
  /** How many values fit across; the newest value is drawn at the right edge. */
  slots: number;
}

const tenth = (value: number) => Math.round(value * 10) / 10;

/**
 * The SVG path of a line through `values`, newest at the right; a missing value breaks the line, and a value between two gaps is a dot.
 * @example sparklinePath([4.5, null, 1], { width: 20, height: 10, min: 1, max: 4.5, slots: 3 }) // 'M0,0h0M20,10h0'
 */
export function sparklinePath(values: readonly (number | null)[], box: SparklineBox): string {
  const step = box.slots > 1 ? box.width / (box.slots - 1) : 0;
  const offset = box.slots - values.length;
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const share = (Math.min(box.max, Math.max(box.min, value)) - box.min) / (box.max - box.min);
    const point = `${tenth((offset + index) * step)},${tenth(box.height * (1 - share))}`;
    const next = values[index + 1];
    // A lone point has no segment to draw; a zero-length one shows as a dot with round caps.
    path += drawing ? `L${point}` : next === null || next === undefined ? `M${point}h0` : `M${point}`;
    drawing = true;
  });
  return path;
}
