// Chat text as the console shows it: the visitor's words as text, never
// markup, with web addresses turned into links. Only http and https addresses
// become links, so no `javascript:` or `data:` address is ever clickable.

/** A run of plain text, or a link with the text it was written as. */
export type ChatSegment = { text: string; href?: undefined } | { text: string; href: string };

// An address runs until white space or a character that cannot be part of one unescaped.
const address = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation after an address ends the sentence, not the address.
const trailing = /[.,;:!?'")\]}]+$/;

/**
 * Splits chat text into plain runs and links to http(s) addresses.
 * @example linkify('See https://example.com/help.') // [{ text: 'See ' }, { text: 'https://example.com/help', href: 'https://example.com/help' }, { text: '.' }]
 */
export function linkify(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(address)) {
    const written = keepBalancedParens(match[0].replace(trailing, ''), match[0]);
    const href = safeHref(written);
    if (!href) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ text: written, href });
    last = match.index + written.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

// "(see https://en.wikipedia.org/wiki/Foo_(bar))": the address keeps the parenthesis it opened.
function keepBalancedParens(trimmed: string, whole: string): string {
  const opened = (trimmed.match(/\(/g) ?? []).length - (trimmed.match(/\)/g) ?? []).length;
  if (opened <= 0 || !whole.slice(trimmed.length).startsWith(')')) return trimmed;
  return trimmed + ')';
}

/**
 * The address as a link target when it is a valid http(s) address, else null.
 * @example safeHref('javascript:alert(1)') // null
 */
export function safeHref(written: string): string | null {
  try {
    const url = new URL(written);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
