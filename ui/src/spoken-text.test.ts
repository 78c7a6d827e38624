import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSpokenText, nextToSay, type Spoken } from './spoken-text.ts';

describe('what to say of real-time text', () => {
  it('says only what is new, in whole words while typing goes on and all of it at a pause', () => {
    expect(nextToSay('', 'Can you h', false)).toEqual({ said: 'Can you ', say: 'Can you' });
    expect(nextToSay('Can you ', 'Can you hear m', false)).toEqual({ said: 'Can you hear ', say: 'hear' });
    expect(nextToSay('Can you hear ', 'Can you hear me', false)).toEqual({ said: 'Can you hear ', say: '' });
    expect(nextToSay('Can you hear ', 'Can you hear me', true)).toEqual({ said: 'Can you hear me', say: 'me' });
    expect(nextToSay('Can you hear me', 'Can you hear me', true)).toEqual({ said: 'Can you hear me', say: '' });
  });

  it('says a word continued after a pause, or corrected, again whole; nothing for a deletion alone', () => {
    expect(nextToSay('My order is lat', 'My order is late', true)).toEqual({ said: 'My order is late', say: 'late' });
    expect(nextToSay('Hello wrld', 'Hello world', true)).toEqual({ said: 'Hello world', say: 'world' });
    expect(nextToSay('Hello wrld', 'Hello world and', false)).toEqual({ said: 'Hello world ', say: 'world' });
    expect(nextToSay('Hello world', 'Hello', true)).toEqual({ said: 'Hello', say: '' });
  });

  it('takes a new line as the end of a word', () => {
    expect(nextToSay('', 'First line\nsec', false)).toEqual({ said: 'First line\n', say: 'First line' });
  });
});

describe('following real-time text as it is typed', () => {
  let heard: (Spoken | null)[];
  let speaker: ReturnType<typeof createSpokenText>;
  const typeOut = (text: string, everyMs: number) => {
    for (let end = 1; end <= text.length; end++) {
      speaker.update(text.slice(0, end));
      vi.advanceTimersByTime(everyMs);
    }
  };

  beforeEach(() => {
    vi.useFakeTimers();
    heard = [];
    speaker = createSpokenText((spoken) => heard.push(spoken));
  });
  afterEach(() => {
    speaker.stop();
    vi.useRealTimers();
  });

  it('says each word once, never the whole text again, however often it changes', () => {
    // A 300 ms T.140 interval over steady typing: the text grows by a few characters each time.
    for (const text of ['Can', 'Can yo', 'Can you he', 'Can you hear', 'Can you hear me']) {
      speaker.update(text);
      vi.advanceTimersByTime(300);
    }
    vi.advanceTimersByTime(1000);
    const said = heard.map((spoken) => spoken?.text);
    expect(said.join(' ')).toBe('Can you hear me');
    expect(said.length).toBeLessThanOrEqual(3);
  });

  it('says finished words at most every 2 seconds during long steady typing, the rest at the pause', () => {
    typeOut('one two three four five six seven eight nine ten', 100);
    const during = heard.length;
    // 4.9 s of typing: the first word at once, then at most one saying every 2 s.
    expect(during).toBeLessThanOrEqual(3);
    vi.advanceTimersByTime(1000);
    expect(heard.map((spoken) => spoken?.text).join(' ')).toBe('one two three four five six seven eight nine ten');
  });

  it('says nothing of a sent text, and starts afresh with the next one', () => {
    speaker.update('Thanks');
    speaker.update('');
    vi.advanceTimersByTime(5000);
    expect(heard).toEqual([null]);
    speaker.update('Bye');
    vi.advanceTimersByTime(1000);
    expect(heard).toEqual([null, { id: 1, text: 'Bye' }]);
  });

  it('tells two equal sayings apart', () => {
    for (const text of ['ok', '', 'ok']) {
      speaker.update(text);
      vi.advanceTimersByTime(1000);
    }
    expect(heard).toEqual([{ id: 1, text: 'ok' }, null, { id: 2, text: 'ok' }]);
  });
});
