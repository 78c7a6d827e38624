import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { MessageText } from './MessageText.tsx';

// What the component asks Preact to draw: strings become text nodes, so only links are elements.
function drawn(text: string): unknown[] {
  const children = (MessageText({ text }) as VNode<{ children: unknown[] }>).props.children;
  return children.map((child) => (typeof child === 'string' ? child : { type: (child as VNode).type, props: (child as VNode).props }));
}

describe('a chat message', () => {
  it('draws markup a visitor or agent wrote as text', () => {
    expect(drawn('<img src=x onerror=alert(1)>')).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('draws http(s) addresses as links that open apart from the page and pass nothing on', () => {
    expect(drawn('Try https://shop.example/reset now')).toEqual([
      'Try ',
      { type: 'a', props: { href: 'https://shop.example/reset', target: '_blank', rel: 'noopener noreferrer nofollow', children: 'https://shop.example/reset' } },
      ' now',
    ]);
  });

  it('never draws a javascript: address as a link', () => {
    expect(drawn('javascript:alert(document.cookie)')).toEqual(['javascript:alert(document.cookie)']);
  });
});
