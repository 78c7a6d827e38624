import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { ChatText } from './components/ChatText.tsx';
import { linkify, safeHref } from './chat-text.ts';

describe('chat text', () => {
  it('keeps markup a visitor types as text', () => {
    const text = '<img src=x onerror=alert(1)> <b>bold</b>';
    expect(linkify(text)).toEqual([{ text }]);
  });

  it('links http and https addresses, leaving the punctuation after them outside', () => {
    expect(linkify('See https://shop.example/help?a=1&b=2. Or http://x.example/(docs)!')).toEqual([
      { text: 'See ' },
      { text: 'https://shop.example/help?a=1&b=2', href: 'https://shop.example/help?a=1&b=2' },
      { text: '. Or ' },
      { text: 'http://x.example/(docs)', href: 'http://x.example/(docs)' },
      { text: '!' },
    ]);
  });

  it('never links javascript:, data: or other schemes', () => {
    for (const text of ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example/a', 'vbscript:msgbox']) {
      expect(linkify(text)).toEqual([{ text }]);
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://shop.example')).toBe('https://shop.example/');
  });

  it('renders text as text nodes and links that open safely in a new tab', () => {
    const rendered = ChatText({ text: '<img src=x onerror=alert(1)> https://shop.example javascript:alert(1)' }) as VNode<{ children: (string | VNode)[] }>;
    const children = rendered.props.children;
    expect(children.map((child) => (typeof child === 'string' ? child : child.type))).toEqual(['<img src=x onerror=alert(1)> ', 'a', ' javascript:alert(1)']);
    const link = children[1] as VNode<Record<string, unknown>>;
    expect(link.props).toMatchObject({ href: 'https://shop.example/', target: '_blank', rel: 'noopener noreferrer nofollow', children: 'https://shop.example' });
    expect(JSON.stringify(children, (key, value) => (key === '__o' || key === '__' ? undefined : value))).not.toContain('dangerouslySetInnerHTML');
  });
});
