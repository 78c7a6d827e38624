import { limits } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { charactersLeft, cutNotice, fitMessage } from './message-length.ts';

describe('charactersLeft', () => {
  it('stays quiet until fewer than 200 characters are left, then counts them down', () => {
    const left = (count: number) => charactersLeft('x'.repeat(limits.maxChatChars - count));
    expect([limits.maxChatChars, 200, 199, 123, 1, 0].map(left)).toEqual(['', '', '199 characters left', '123 characters left', '1 character left', '0 characters left']);
  });
});

describe('fitMessage', () => {
  it('leaves a message within the limit as it is', () => {
    expect(fitMessage('Hello', 5, 5)).toEqual({ text: 'Hello', caret: 5, cut: false });
  });

  it('cuts a paste at the end down to the limit, and says it cut', () => {
    const pasted = 'y'.repeat(10_000);
    expect(fitMessage(pasted, pasted.length)).toEqual({ text: 'y'.repeat(limits.maxChatChars), caret: limits.maxChatChars, cut: true });
  });

  it('cuts a paste in the middle from its own end, keeping what the visitor had written after it', () => {
    expect(fitMessage('Dear PASTED TEXT team', 16, 14)).toEqual({ text: 'Dear PAST team', caret: 9, cut: true });
  });

  it('names the limit in the notice', () => {
    expect(cutNotice).toBe('Your message was cut to 4,000 characters.');
  });
});
