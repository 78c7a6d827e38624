import { describe, expect, it } from 'vitest';
import { linkParts } from './links.ts';

describe('links in chat text', () => {
  it('keeps markup as text', () => {
    expect(linkParts('<img src=x onerror="alert(1)"> <b>hi</b>')).toEqual(['<img src=x onerror="alert(1)"> <b>hi</b>']);
  });

  it('links only http and https addresses', () => {
    for (const text of ['javascript:alert(1)', 'JavaScript://%0aalert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd', 'ftp://files.example/a', 'http://', 'www.shop.example']) {
      expect(linkParts(text)).toEqual([text]);
    }
  });

  it('finds addresses within text, without the punctuation around them', () => {
    expect(linkParts('See https://shop.example/help. Or (http://shop.example/faq?q=1), thanks!')).toEqual([
      'See ',
      { href: 'https://shop.example/help', text: 'https://shop.example/help' },
      '. Or (',
      { href: 'http://shop.example/faq?q=1', text: 'http://shop.example/faq?q=1' },
      '), thanks!',
    ]);
    expect(linkParts('https://en.wikipedia.org/wiki/Rust_(language)')).toEqual([
      { href: 'https://en.wikipedia.org/wiki/Rust_(language)', text: 'https://en.wikipedia.org/wiki/Rust_(language)' },
    ]);
  });

  it('ends an address where markup or quotes begin, so nothing can break out of the link', () => {
    expect(linkParts('https://shop.example/"onmouseover="alert(1)')).toEqual([
      { href: 'https://shop.example/', text: 'https://shop.example/' },
      '"onmouseover="alert(1)',
    ]);
    expect(linkParts('https://shop.example/<script>alert(1)</script>')).toEqual([
      { href: 'https://shop.example/', text: 'https://shop.example/' },
      '<script>alert(1)</script>',
    ]);
  });

  it('leaves an address hidden behind another scheme as text around a plain web link', () => {
    expect(linkParts('javascript://https://evil.example')).toEqual(['javascript://', { href: 'https://evil.example/', text: 'https://evil.example' }]);
  });
});
