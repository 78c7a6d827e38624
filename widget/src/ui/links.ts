// Web addresses in chat text, so they can be shown as links. Only http and
// https addresses become links; everything else, markup included, stays text.

/** A run of plain text, or a link with the address it goes to. */
export type TextPart = string | { href: string; text: string };

const address = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/**
 * Splits chat text into plain text and http(s) links.
 * @example linkParts('See https://shop.example/help.') // ['See ', { href: 'https://shop.example/help', text: 'https://shop.example/help' }, '.']
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let shown = 0;
  for (const match of text.matchAll(address)) {
    const written = withoutTrailingPunctuation(match[0]);
    const href = webAddress(written);
    if (!href) continue;
    if (match.index > shown) parts.push(text.slice(shown, match.index));
    parts.push({ href, text: written });
    shown = match.index + written.length;
  }
  if (shown < text.length) parts.push(text.slice(shown));
  return parts;
}

// A sentence's full stop or a closing bracket around the address is not part
// of it; a bracket the address opened itself is (https://en.wikipedia.org/wiki/Rust_(language)).
function withoutTrailingPunctuation(written: string): string {
  let end = written.length;
  while (end > 0 && /[.,;:!?)\]]/.test(written[end - 1]!)) {
    const last = written[end - 1]!;
    const opening = last === ')' ? '(' : '[';
    const head = written.slice(0, end);
    if ((last === ')' || last === ']') && head.split(opening).length > head.split(last).length - 1) break;
    end--;
  }
  return written.slice(0, end);
}

function webAddress(written: string): string | null {
  try {
    const url = new URL(written);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
