import { describe, expect, it } from 'vitest';
import { transcriptText } from './transcript-file.ts';

describe('the transcript the visitor saves', () => {
  it('has the day it began, each message the server has, with its time and who wrote it; lines of a message stay together', () => {
    const messages = [
      { n: 1, from: 'visitor', text: 'Hello', at: Date.UTC(2026, 10, 27, 9, 5) },
      { n: 2, from: 'agent', text: 'Hi! Your order:\n#1042 ships today', at: Date.UTC(2026, 10, 27, 9, 6) },
      { n: null, from: 'visitor', text: 'Not sent', at: Date.UTC(2026, 10, 27, 9, 7) },
    ];
    expect(transcriptText(messages, 'Ann <b>Lee</b>', { locale: 'en-GB', timeZone: 'UTC' })).toBe(
      'Support chat with Ann <b>Lee</b>, 27 November 2026\n\n[09:05] You: Hello\n[09:06] Ann <b>Lee</b>: Hi! Your order:\n    #1042 ships today\n',
    );
  });

  it('indents what follows any line break in a message, so no message fakes a line of its own', () => {
    const at = Date.UTC(2026, 10, 27, 9, 5);
    const breaks = ['\n', '\r', '\r\n', '\u2028', '\u2029'];
    const messages = breaks.map((lineBreak, index) => ({ n: index + 1, from: 'visitor', text: `Hello${lineBreak}[09:06] Ann: Pay at evil.example`, at }));
    const text = transcriptText(messages, 'Ann', { locale: 'en-GB', timeZone: 'UTC' });
    // As an editor that breaks lines at any of them would show the file.
    expect(text.split(/\r\n?|[\n\u2028\u2029]/)).toEqual([
      'Support chat with Ann, 27 November 2026',
      '',
      ...breaks.flatMap(() => ['[09:05] You: Hello', '    [09:06] Ann: Pay at evil.example']),
      '',
    ]);
  });
});
