import { describe, expect, it } from 'vitest';
import { brandColors, defaultColors } from './brand.ts';

// WCAG 2 relative luminance, from the sRGB curve itself.
const linear = (channel: number) => (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => linear(parseInt(hex.slice(at, at + 2), 16) / 255));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
// WCAG 2 contrast of two colours given as #rrggbb.
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
// The colour #rrggbb shows under a veil #rgba.
function veiled(color: string, veil: string): string {
  const [r, g, b, a] = [...veil.slice(1)].map((digit) => parseInt(digit + digit, 16));
  return `#${[1, 3, 5].map((at, index) => {
    const channel = parseInt(color.slice(at, at + 2), 16);
    return Math.round(channel + ([r, g, b][index]! - channel) * (a! / 255)).toString(16).padStart(2, '0');
  }).join('')}`;
}
const long = (color: string) => ({ '#fff': '#ffffff', '#000': '#000000' })[color] ?? color;

describe('a site\'s brand colour', () => {
  it('writes on it in white or black, whichever is further apart', () => {
    expect(brandColors('#1d4ed8')).toEqual(defaultColors);
    expect(brandColors('#facc15')).toEqual({ accent: '#facc15', onAccent: '#000', veil: '#fff6' });
    expect(brandColors('#FFFFFF')).toMatchObject({ accent: '#FFFFFF', onAccent: '#000' });
  });

  it('keeps its text 4.5:1 or more apart from every colour there is, hovered as well', () => {
    // Each channel's linear light from a table: the exact luminance of all 16.7 million colours takes well under a second.
    const table = Array.from({ length: 256 }, (_, value) => linear(value / 255));
    let worst = { contrast: 21, color: '' };
    const darkerOnHover: string[] = [];
    for (let value = 0; value < 0x1000000; value++) {
      const exact = 0.2126 * table[value >> 16]! + 0.7152 * table[(value >> 8) & 255]! + 0.0722 * table[value & 255]!;
      // Far from the middle, white and black are both far apart or one is 7:1 or more: only the rest need the check.
      if (Math.abs(exact - 0.179) > 0.03 && value % 4099 !== 0) continue;
      const colors = brandColors(`#${value.toString(16).padStart(6, '0')}`)!;
      const text = long(colors.onAccent);
      const apart = colors.onAccent === '#fff' ? 1.05 / (exact + 0.05) : (exact + 0.05) / 0.05;
      if (apart < worst.contrast) worst = { contrast: apart, color: colors.accent };
      if (value % 4099 === 0 && contrast(veiled(colors.accent, colors.veil), text) < contrast(colors.accent, text)) darkerOnHover.push(colors.accent);
    }
    expect(worst.contrast, worst.color).toBeGreaterThanOrEqual(4.5);
    expect(darkerOnHover).toEqual([]);
  }, 20_000);

  it.each(['red', '#17a', '#12345', '#1234567', 'rgb(0,0,0)', '#ggg', '', '#1d4ed8;background:url(x)'])('refuses %j', (value) => {
    expect(brandColors(value)).toBeNull();
  });
});
