import { maxUrlChars } from '@beckon/protocol';

/**
 * The page a visitor writes or calls from, as support is told it: without
 * its fragment, where pages keep secrets (sign-in tokens), and cut to the
 * longest address the API takes, so that a page with a very long address
 * still reaches support.
 * @example pageAddress('https://shop.example/help?order=7#token=abc') // 'https://shop.example/help?order=7'
 */
export function pageAddress(href: string): string {
  return href.split('#')[0]!.slice(0, maxUrlChars);
}
