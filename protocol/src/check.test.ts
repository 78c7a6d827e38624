import { describe, expect, it } from 'vitest';
import { oneLine, parseJson } from './check.ts';

describe('oneLine', () => {
  it.each([
    ['a new line', 'Ann\n[09:07] Support: Your refund is approved'],
    ['a carriage return', 'Ann\rSupport'],
    ['a tab', 'Ann\tSupport'],
    ['a NUL', 'Ann\u0000'],
    ['DEL', 'Ann\u007f'],
    ['a C1 control (next line)', 'Ann\u0085Support'],
    ['the line separator', 'Ann\u2028Support'],
    ['the paragraph separator', 'Ann\u2029Support'],
    ['a right-to-left override', 'Ann \u202Etroppus'],
    ['a left-to-right embedding', 'Ann \u202Ax'],
    ['a first-strong isolate', 'Ann \u2068x\u2069'],
  ])('refuses %s', (_case, text) => {
    expect(() => oneLine(text, 'name')).toThrow('name must be on one line, without control characters');
  });

  it('takes names in any script, with the marks right-to-left writing uses', () => {
    for (const text of ['Zoë O\'Brien-Núñez', '\u200Fשלום\u200E Cohen', '李小龍', 'Ann 🙂']) expect(oneLine(text, 'name')).toBe(text);
  });
});

describe('parseJson', () => {
  // '€' is one UTF-16 code unit and three UTF-8 bytes; '😀' two and four.
  const quoted = (text: string) => JSON.stringify(text);

  it.each([
    ['exactly at the limit in three-byte characters', quoted('€'.repeat(9)), 29],
    ['a third of the limit long', quoted('€'.repeat(9)), 3 * 11],
    ['four-byte characters at the limit', quoted('😀'.repeat(5)), 22],
  ])('takes a text %s', (_case, text, maxBytes) => {
    expect(parseJson(text, maxBytes)).toBe(JSON.parse(text));
  });

  it.each([
    ['one byte over in three-byte characters', quoted('€'.repeat(9)), 28],
    ['one byte over in four-byte characters', quoted('😀'.repeat(5)), 21],
    ['longer than the limit in code units', quoted('a'.repeat(30)), 31],
  ])('refuses a text %s, counting UTF-8 bytes', (_case, text, maxBytes) => {
    expect(() => parseJson(text, maxBytes)).toThrow(`message is larger than ${maxBytes} bytes`);
  });
});
