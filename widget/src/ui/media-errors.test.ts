import { describe, expect, it } from 'vitest';
import { describeMediaError } from './media-errors.ts';

const named = (name: string) => Object.assign(new Error(''), { name });

describe('describeMediaError', () => {
  it('tells a visitor who blocked access how to allow it', () => {
    expect(describeMediaError(named('NotAllowedError'), 'video')).toMatch(/blocked.*Allow it/);
  });

  it('names only the microphone for an audio call', () => {
    expect(describeMediaError(named('NotFoundError'), 'audio')).toBe('No microphone was found on this device.');
    expect(describeMediaError(named('NotFoundError'), 'video')).toBe('No camera or microphone was found on this device.');
  });

  it('tells apart a busy device, an insecure page and anything else', () => {
    expect(describeMediaError(named('NotReadableError'), 'video')).toMatch(/busy/);
    expect(describeMediaError(new TypeError("Cannot read properties of undefined (reading 'getUserMedia')"), 'video')).toMatch(/HTTPS/);
    expect(describeMediaError('weird', 'audio')).toBe('Your microphone could not be started.');
    expect(describeMediaError(null, 'audio')).toBe('Your microphone could not be started.');
  });
});
