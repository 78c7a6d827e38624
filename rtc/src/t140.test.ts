import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyT140, encodeEdit, t140Backspace as BS, t140ByteOrderMark as BOM, t140LineSeparator as LS, t140MessageEnd as SEND, t140Protocol } from './t140.ts';

const family = '👨\u200d👩\u200d👧\u200d👦';
const eAcute = 'e\u0301';
const usFlag = '🇺🇸';
const frFlag = '🇫🇷';
const grinning = '😀';

describe('the T.140 codes', () => {
  it('are the ones RFC 8865 and T.140 name', () => {
    expect(t140Protocol).toBe('t140');
    expect([BS, LS, SEND, BOM].map((code) => code.codePointAt(0))).toEqual([0x08, 0x2028, 0x2029, 0xfeff]);
  });
});

describe('encoding an edit of the draft', () => {
  it('sends only what was typed after what the other side shows', () => {
    expect(encodeEdit('', 'Hi')).toBe('Hi');
    expect(encodeEdit('Hi', 'Hi there')).toBe(' there');
  });

  it('sends nothing when nothing changed', () => {
    expect(encodeEdit('same', 'same')).toBe('');
    expect(encodeEdit('', '')).toBe('');
  });

  it('takes back what differs, one BACKSPACE per character, then sends the correction', () => {
    expect(encodeEdit('Hello wrld', 'Hello world')).toBe(`${BS.repeat(3)}orld`);
    expect(encodeEdit('hello', 'help')).toBe(`${BS.repeat(2)}p`);
    expect(encodeEdit('abc', '')).toBe(BS.repeat(3));
  });

  it('erases a character outside the Basic Multilingual Plane (a surrogate pair) with one BACKSPACE', () => {
    expect(grinning.length).toBe(2);
    expect(encodeEdit(`ok${grinning}`, 'ok')).toBe(BS);
    expect(encodeEdit('𝒜𝒝', '𝒜')).toBe(BS);
  });

  it('erases an emoji ZWJ sequence, a letter with its combining accent and a flag with one BACKSPACE each', () => {
    expect(encodeEdit(`hi ${family}`, 'hi ')).toBe(BS);
    expect(encodeEdit(`caf${eAcute}`, 'caf')).toBe(BS);
    expect(encodeEdit(`${usFlag}${frFlag}`, usFlag)).toBe(BS);
  });

  it('retypes a character whose accent was taken away, as the other side sees it as one', () => {
    expect(encodeEdit(`caf${eAcute}`, 'cafe')).toBe(`${BS}e`);
    expect(encodeEdit('cafe', `caf${eAcute}`)).toBe(`${BS}${eAcute}`);
  });

  it('sends a new line as LINE SEPARATOR, and takes one back with a BACKSPACE', () => {
    expect(encodeEdit('first', 'first\nsecond')).toBe(`${LS}second`);
    expect(encodeEdit('first\n', 'first')).toBe(BS);
    expect(encodeEdit('a\r\nb', 'a\nb')).toBe('');
    // Pasted into a draft, a PARAGRAPH SEPARATOR is a line break, never a Send.
    expect(encodeEdit('a', `a${SEND}b`)).toBe(`${LS}b`);
  });

  it('does not send control codes pasted into the draft, which the other side would drop', () => {
    expect(encodeEdit('', `a${BS}b${BOM}c\u0007\u001b[31md`)).toBe('abcd');
    expect(encodeEdit(`a${BS}b`, 'ab')).toBe('');
  });
});

describe('applying received T.140', () => {
  it('adds received text to what is shown', () => {
    expect(applyT140('Hello', ' world')).toBe('Hello world');
  });

  it('takes back the last character for each BACKSPACE, and nothing once all is erased', () => {
    expect(applyT140('Hello wrld', `${BS.repeat(3)}orld`)).toBe('Hello world');
    expect(applyT140('ab', BS.repeat(5))).toBe('');
    expect(applyT140('', `${BS}x`)).toBe('x');
  });

  it('erases a surrogate pair whole, never leaving half of it', () => {
    expect(applyT140(`a${grinning}`, BS)).toBe('a');
    expect(applyT140('𝒜𝒝', BS)).toBe('𝒜');
  });

  it('erases an emoji ZWJ sequence, a letter with its accent and a flag whole', () => {
    expect(applyT140(`hi ${family}`, BS)).toBe('hi ');
    expect(applyT140(`caf${eAcute}`, BS)).toBe('caf');
    expect(applyT140(`${usFlag}${frFlag}`, BS)).toBe(usFlag);
    expect(applyT140('क्षि', BS)).toBe('');
  });

  it('joins an accent or a flag half that arrives in a later message to the character before it', () => {
    const accented = applyT140('cafe', '\u0301');
    expect(applyT140(accented, BS)).toBe('caf');
    const flag = applyT140(applyT140('', '🇺'), '🇸');
    expect(flag).toBe(usFlag);
    expect(applyT140(flag, BS)).toBe('');
    expect(applyT140('x', `y${BS}\u0301${BS}`)).toBe('');
  });

  it('shows LINE SEPARATOR, CR LF and LF as a new line', () => {
    expect(applyT140('', `one${LS}two\r\nthree\nfour`)).toBe('one\ntwo\nthree\nfour');
  });

  it('starts again empty after a message end: what was sent is a chat message now, whatever lines it had', () => {
    expect(applyT140('one\ntwo', SEND)).toBe('');
    expect(applyT140('one\ntwo', `${LS}three${SEND}next${LS}line`)).toBe('next\nline');
    // BACKSPACE never takes a sent message back.
    expect(applyT140('sent', `${SEND}${BS}${BS}a`)).toBe('a');
    expect(applyT140(applyT140('sent', SEND), BS)).toBe('');
  });

  it('makes one new line of a CR LF split across two messages', () => {
    expect(applyT140(applyT140('', 'one\r'), '\ntwo')).toBe('one\ntwo');
  });

  it('erases a new line with a BACKSPACE, joining the two lines', () => {
    expect(applyT140('first\n', `${BS}, still first`)).toBe('first, still first');
    expect(applyT140('', `a${LS}${BS}b`)).toBe('ab');
  });

  it('drops the BOM, other C0 and C1 codes, DEL, and whole control sequences', () => {
    expect(applyT140('', `${BOM}Hi`)).toBe('Hi');
    expect(applyT140('', 'a\u0000b\u0007c\u0009d\u000be\u000cf\u001fg\u007fh\u0085i\u009fj')).toBe('abcdefghij');
    expect(applyT140('', 'plain \u001b[1;31mred\u001b[0m text')).toBe('plain red text');
    expect(applyT140('', 'x\u009b31my')).toBe('xy');
    expect(applyT140('', 'a\u001bXhidden\u001b\\b\u0098also hidden\u009cc')).toBe('abc');
    expect(applyT140('', 'stop\u001ba')).toBe('stop');
    expect(applyT140('', 'cut \u001b[3')).toBe('cut ');
  });

  it('keeps the missing-text mark so the reader knows text was lost', () => {
    expect(applyT140('before', '\ufffdafter')).toBe('before\ufffdafter');
  });

  it('accepts any input without throwing and shows no control code but the new line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (shown, received) => {
        const text = applyT140(shown.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/g, ''), received);
        expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/);
      }),
    );
  });
});

// Pieces that stress character boundaries; a draft is any string of them.
const piece = fc.constantFrom(
  'a', 'b', 'e', ' ', '\n', 'é', '\u0301', '\u0308', grinning, '𝒜', '👍', '\u{1f3fd}', '\u200d', '👩', '❤', '\ufe0f',
  '🇺', '🇸', '🇫', '🇷', 'क', '्', 'ष', 'ि', 'ᄀ', 'ᅡ', 'ᆨ', '中', '\u0600',
);
const draft = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));

/** Applies T.140 one code at a time, segmenting the whole text at every erasure: slow, and plainly right. */
function applyOneByOne(shown: string, received: string): string {
  let text = shown;
  for (const code of received) {
    if (code === BS) text = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].slice(0, -1).map((part) => part.segment).join('');
    else if (code === SEND) text = '';
    else text += code === LS ? '\n' : code;
  }
  return text;
}

describe('applying interleaved text and erasures', () => {
  it('erases exactly the characters a reader sees, however text, BACKSPACEs and Sends interleave', () => {
    const t140 = fc.array(fc.oneof(piece, fc.constant(BS), fc.constant(LS), fc.constant(SEND)), { maxLength: 24 }).map((codes) => codes.join(''));
    fc.assert(
      fc.property(draft, t140, (shown, received) => {
        expect(applyT140(shown, received)).toBe(applyOneByOne(shown, received));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('encoding and applying together', () => {
  it('turn what the other side shows into the new draft, for any two drafts', () => {
    fc.assert(
      fc.property(draft, draft, (previous, next) => {
        expect(applyT140(previous, encodeEdit(previous, next))).toBe(next);
      }),
      { numRuns: 2000 },
    );
  });

  it('keep the other side in step through a whole series of edits after earlier lines', () => {
    fc.assert(
      fc.property(draft, fc.array(draft, { maxLength: 8 }), (earlier, drafts) => {
        const lines = `${earlier}\n`;
        let shown = lines;
        let previous = '';
        for (const next of drafts) {
          shown = applyT140(shown, encodeEdit(previous, next));
          previous = next;
          expect(shown).toBe(lines + next);
        }
      }),
      { numRuns: 500 },
    );
  });

});
