import { maxUrlChars } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { pageAddress } from './page-address.ts';

describe('pageAddress', () => {
  it('leaves out the fragment, where pages keep secrets', () => {
    expect(pageAddress('https://shop.example/help?order=7#access_token=abc')).toBe('https://shop.example/help?order=7');
    expect(pageAddress('https://shop.example/')).toBe('https://shop.example/');
  });

  it('cuts a very long address to what the API takes', () => {
    const long = `https://shop.example/search?q=${'a'.repeat(3000)}`;
    expect(pageAddress(long)).toBe(long.slice(0, maxUrlChars));
  });
});
