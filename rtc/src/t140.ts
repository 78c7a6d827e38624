// Real-time text as ITU-T T.140 codes it: text goes to the other side as it
// is typed, and an edit travels as erasures (BACKSPACE) followed by the new
// text. RFC 8865 carries it over a WebRTC data channel; see realtime-text.ts.

/** The data channel subprotocol of real-time text (RFC 8865). */
export const t140Protocol = 't140';

/** T.140's erasure: takes back the last character shown. */
export const t140Backspace = '\u0008';

/** T.140's new line (Unicode LINE SEPARATOR): a line break inside the text being written. */
export const t140LineSeparator = '\u2028';

/**
 * Beckon's Send: the text written so far is a message now, and what follows
 * starts a new one (Unicode PARAGRAPH SEPARATOR). T.140 has no code for it; a
 * receiver that does not know it shows a new paragraph, which is what it is.
 */
export const t140MessageEnd = '\u2029';

/** Opens a T.140 text stream; shown as nothing. */
export const t140ByteOrderMark = '\ufeff';

// Pure, so a bundle that does not use real-time text drops it.
const segmenter = /* @__PURE__ */ new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Characters as a reader counts them: a letter with its accents, an emoji sequence, a flag are one each. */
function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

// The ISO 6429 control sequences T.140 lets a sender use: CSI sequences (SGR
// colors), SOS…ST strings, two-character escapes (INT). We present none of
// them, and removing a sequence whole keeps its parameters ("[31m") off the
// screen. One cut off at the end of a message is removed up to that end.
const controlSequences =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001bX|\u0098)[^]*?(?:\u001b\\|\u009c|$)|\u001b[\u0020-\u007e]?/g;

// Every other C0 and C1 code, DEL and the BOM, which T.140 has receivers
// ignore. CR goes too, so CR LF is one new line even when the two arrive in
// separate messages; LF (kept) is the new line.
const ignoredCodes = /[\u0000-\u0007\u0009\u000b-\u001f\u007f-\u009f\ufeff]/g;

/** The T.140 text with new lines as '\n' and only the erasures left of its control codes. */
function withoutControls(t140: string): string {
  return t140.replace(controlSequences, '').replaceAll(t140LineSeparator, '\n').replace(ignoredCodes, '');
}

/**
 * The T.140 text that turns what the other side shows (`previous`) into
 * `next`: one BACKSPACE per character taken back after what the two share,
 * then the new text, new lines as LINE SEPARATOR. Control codes in `next`
 * are not sent, as the other side would not show them.
 * @example encodeEdit('Hello wrld', 'Hello world') // '\b\b\borld'
 */
export function encodeEdit(previous: string, next: string): string {
  // A PARAGRAPH SEPARATOR pasted into a draft is a line break in it, not a Send.
  const asDraft = (text: string) => withoutControls(text).replaceAll(t140Backspace, '').replaceAll(t140MessageEnd, '\n');
  const shown = graphemes(asDraft(previous));
  const wanted = graphemes(asDraft(next));
  let kept = 0;
  while (kept < shown.length && kept < wanted.length && shown[kept] === wanted[kept]) kept++;
  return t140Backspace.repeat(shown.length - kept) + wanted.slice(kept).join('').replaceAll('\n', t140LineSeparator);
}

/**
 * What the other side is writing after `received` arrives, all its lines:
 * BACKSPACE takes back the last character as a reader counts them (a whole
 * emoji sequence, a letter with its accents, a flag), LINE SEPARATOR, CR LF
 * and LF become '\n', and the BOM and every other control code are dropped.
 * A message end (`t140MessageEnd`, the other side's Send) clears it: what it
 * sent is a message now, and the text starts again. Any input is accepted.
 *
 * BACKSPACE erases a new line too: T.140 defines it as erasing the last
 * character received, and a new line is one; it is also how a sender takes
 * back a new line inside a draft. It never reaches back past a message end.
 * @example applyT140('Hello wrld', '\b\b\borld') // 'Hello world'
 */
export function applyT140(shown: string, received: string): string {
  const text = withoutControls(received);
  const end = text.lastIndexOf(t140MessageEnd);
  return end === -1 ? applyErasures(shown, text) : applyErasures('', text.slice(end + 1));
}

function applyErasures(shown: string, text: string): string {
  const [typed = '', ...typedAfterErasure] = text.split(t140Backspace);
  if (typedAfterErasure.length === 0) return shown + typed;
  const characters = graphemes(shown);
  append(characters, typed);
  for (const text of typedAfterErasure) {
    characters.pop();
    append(characters, text);
  }
  return characters.join('');
}

// Printable ASCII never joins a neighbour into one character.
const printableAscii = /^[\u0020-\u007e]*$/;

function append(characters: string[], text: string): void {
  if (!text) return;
  const last = characters.pop() ?? '';
  // Typing in plain ASCII, the usual case, needs no segmenting; it also keeps a
  // flood of "a BACKSPACE a BACKSPACE…" from a peer cheap.
  if (printableAscii.test(last) && printableAscii.test(text)) {
    if (last) characters.push(last);
    for (const character of text) characters.push(character);
    return;
  }
  // New text can join the last character (an accent, a flag's second half) but
  // never an earlier one: a boundary between characters depends only on what
  // comes before it and the one code point after it.
  for (const character of graphemes(last + text)) characters.push(character);
}
