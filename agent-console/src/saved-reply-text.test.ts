import { describe, expect, it } from 'vitest';
import { fillReply } from './saved-reply-text.ts';

const anonymous = { visitor: 'Visitor 4F2A', page: 'https://shop.example/help' };
const verified = { ...anonymous, customer: { id: 'c_42', name: 'Ada Lovelace', email: 'ada@example.com' } };

describe('fillReply', () => {
  it('names the verified customer and the agent', () => {
    expect(fillReply('Hi {name|there}, this is {agent}.', verified, 'Alex')).toBe('Hi Ada Lovelace, this is Alex.');
    expect(fillReply('{name}, {name}!', verified, 'Alex')).toBe('Ada Lovelace, Ada Lovelace!');
  });

  it('takes the fallback, or nothing, for a visitor the site did not verify or gave no name', () => {
    expect(fillReply('Hi {name|there}, this is {agent}.', anonymous, 'Alex')).toBe('Hi there, this is Alex.');
    expect(fillReply('Hi {name}.', anonymous, 'Alex')).toBe('Hi .');
    expect(fillReply('Hi {name|there}.', { ...anonymous, customer: { id: 'c_42', name: null, email: null } }, 'Alex')).toBe('Hi there.');
  });

  it('leaves other braces as written', () => {
    expect(fillReply('Use {order} or {} or {name', verified, 'Alex')).toBe('Use {order} or {} or {name');
  });
});
