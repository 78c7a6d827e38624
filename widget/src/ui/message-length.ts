// How long a message may be, as the visitor meets it in the message box: the
// box cuts what goes over the limit itself (not the browser's maxlength, which
// cuts a paste without a word), so the panel can say it did.
import { maxChatChars } from '@beckon/protocol';

/** Fewer characters left than this, and the panel counts them. */
export const countFrom = 200;

/**
 * How many characters the visitor may still write, once they near the limit; '' before.
 * @example charactersLeft('x'.repeat(3_877)) // '123 characters left'
 */
export function charactersLeft(draft: string): string {
  const left = maxChatChars - draft.length;
  if (left >= countFrom) return '';
  return `${left} character${left === 1 ? '' : 's'} left`;
}

/**
 * The box's text after an edit, kept to the limit as maxlength would: what went
 * over comes off the end of what was just typed or pasted (the caret's left), so
 * the text after the caret stays. Also where the caret goes, and whether anything was cut.
 * @example fitMessage('abcXYZ', 5, 4) // { text: 'abcZ', caret: 3, cut: true }
 */
export function fitMessage(text: string, caret: number, max: number = maxChatChars): { text: string; caret: number; cut: boolean } {
  const over = text.length - max;
  if (over <= 0) return { text, caret, cut: false };
  const keptTo = Math.max(0, caret - over);
  const fitted = (text.slice(0, keptTo) + text.slice(caret)).slice(0, max);
  return { text: fitted, caret: Math.min(keptTo, fitted.length), cut: true };
}

/** What the panel says once it cut a message, e.g. "Your message was cut to 4,000 characters." */
export const cutNotice = `Your message was cut to ${maxChatChars.toLocaleString('en')} characters.`;
