// Tiny structural checks: the widget ships these, so no schema library.

/** A value that failed validation, with a message for the sender. */
export class Invalid extends Error {}

export type Obj = Record<string, unknown>;

/**
 * Asserts that a value is a plain object.
 * @example object(JSON.parse('{"a":1}'), 'body')
 */
export function object(value: unknown, name: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Invalid(`${name} must be an object`);
  return value as Obj;
}

/**
 * Asserts a string no longer than `max` characters (and not empty unless `min` is 0).
 * @example string('abc', 'name', 10)
 */
export function string(value: unknown, name: string, max: number, min = 1): string {
  if (typeof value !== 'string') throw new Invalid(`${name} must be a string`);
  if (value.length < min) throw new Invalid(`${name} must not be empty`);
  if (value.length > max) throw new Invalid(`${name} must be at most ${max} characters`);
  return value;
}

// The bidirectional embeddings, overrides and isolates: they can show text's
// characters in another order than they were written (a link's address
// reversed). The marks (U+200E, U+200F) that right-to-left writing uses are not among them.
const bidiControls = '\u202a-\u202e\u2066-\u2069';

/** What chat text drops: the control characters but the new line, and the bidirectional controls. */
export const strayInText = new RegExp(`[\u0000-\u0009\u000b-\u001f\u007f-\u009f${bidiControls}]`, 'g');

// What a one-line text must not hold: every control character (the line breaks among them), the line and paragraph separators, and the bidirectional controls.
const offTheLine = new RegExp(`[\u0000-\u001f\u007f-\u009f\u2028\u2029${bidiControls}]`);

/**
 * Asserts that a name, title or label stays on one line wherever it is shown
 * (a transcript's line prefix, a CSV cell, a tab title), and in the order it was written.
 * @example oneLine('Ada Lovelace', 'name') // 'Ada Lovelace'
 */
export function oneLine(text: string, name: string): string {
  if (offTheLine.test(text)) throw new Invalid(`${name} must be on one line, without control characters`);
  return text;
}

/**
 * Asserts a short lowercase name (queue ids, skills): letters, digits, - or _, starting with a letter or digit.
 * @example slug('billing', 'queue', 64)
 */
export function slug(value: unknown, name: string, max: number): string {
  const text = string(value, name, max);
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(text)) throw new Invalid(`${name} must be lowercase letters, digits, - or _`);
  return text;
}

/**
 * Asserts that a value is one of the listed strings.
 * @example oneOf('audio', 'media', ['audio', 'video'] as const)
 */
export function oneOf<T extends string>(value: unknown, name: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new Invalid(`${name} must be one of ${options.join(', ')}`);
  }
  return value as T;
}

/**
 * Asserts a boolean.
 * @example boolean(true, 'video')
 */
export function boolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new Invalid(`${name} must be true or false`);
  return value;
}

/**
 * Asserts an integer within [min, max], or null.
 * @example nullableInteger(0, 'sdpMLineIndex', 0, 255)
 */
export function nullableInteger(value: unknown, name: string, min: number, max: number): number | null {
  if (value === null || value === undefined) return null;
  return integer(value, name, min, max);
}

/**
 * Asserts an integer within [min, max].
 * @example integer(12, 'samples', 0, 100_000)
 */
export function integer(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Invalid(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * Asserts a finite number within [min, max], or null/undefined (returned as null).
 * @example nullableNumber(4.3, 'averageMos', 1, 4.5)
 */
export function nullableNumber(value: unknown, name: string, min: number, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Invalid(`${name} must be a number from ${min} to ${max}, or null`);
  }
  return value;
}

/**
 * Asserts a string or null/undefined (returned as null).
 * @example nullableString(undefined, 'sdpMid', 32) // null
 */
export function nullableString(value: unknown, name: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  return string(value, name, max, 0);
}

/**
 * Parses a JSON text no longer than `maxBytes` UTF-8 bytes.
 * @example parseJson('{"type":"ping"}', 1024)
 */
export function parseJson(text: string, maxBytes: number): unknown {
  // A UTF-16 code unit is one to three UTF-8 bytes: a text at most a third of
  // the limit long always fits, one longer than the limit never does; only
  // those in between are encoded to count their bytes.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && new TextEncoder().encode(text).length > maxBytes)) {
    throw new Invalid(`message is larger than ${maxBytes} bytes`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid('message is not valid JSON');
  }
}
