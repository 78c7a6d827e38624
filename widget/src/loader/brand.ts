// The site's own colour for the launcher, the panel's header and its main
// buttons (`data-color`). The text on it is white or black, whichever reads
// better: one of the two is always 4.5:1 or more apart from any colour (WCAG
// 1.4.3). A hovered button wears a veil that moves its colour away from its
// text, so it reads better still.

/** The colours the widget's styles use, as custom properties of its host element. */
export interface BrandColors {
  accent: string;
  onAccent: string;
  /** A see-through colour laid over the accent on hover. */
  veil: string;
}

/** Beckon's own blue, for a page that names no colour of its own (as `brandColors('#1d4ed8')` makes it). */
export const defaultColors: BrandColors = { accent: '#1d4ed8', onAccent: '#fff', veil: '#0003' };

/**
 * The colours made from a colour written `#rrggbb` (`#1d4ed8`), or null for any other value.
 * @example brandColors('#facc15') // { accent: '#facc15', onAccent: '#000', veil: '#fff6' }
 */
export function brandColors(value: string): BrandColors | null {
  if (!/^#[0-9a-f]{6}$/i.test(value)) return null;
  // Relative luminance (WCAG 2), with a gamma of 2.2 for the sRGB curve: over
  // every colour there is, the text this picks is still 4.52:1 or more apart.
  const luminance = [0.2126, 0.7152, 0.0722].reduce((sum, weight, index) => sum + weight * (parseInt(value.slice(2 * index + 1, 2 * index + 3), 16) / 255) ** 2.2, 0);
  const white = luminance <= 0.18;
  return { accent: value, onAccent: white ? '#fff' : '#000', veil: white ? '#0003' : '#fff6' };
}
