import { describe, expect, it } from 'vitest';
import { parseCallbackRequest, parseMessageRequest } from './contact-requests.ts';

const message = { media: 'video', name: ' Ada ', email: ' ada@example.com ', text: '  Please call me.\n' };

describe('parseMessageRequest', () => {
  it('trims what the visitor typed and takes the default queue when none is named', () => {
    expect(parseMessageRequest({ ...message, extra: 1 })).toEqual({ queue: 'support', page: '', media: 'video', name: 'Ada', email: 'ada@example.com', text: 'Please call me.' });
    expect(parseMessageRequest({ ...message, conversationId: 'c1' })).toMatchObject({ conversationId: 'c1' });
  });

  it('keeps the page without its fragment, where pages keep secrets such as sign-in tokens', () => {
    const page = 'https://shop.example/help#access_token=abc';
    expect(parseMessageRequest({ ...message, page }).page).toBe('https://shop.example/help');
    expect(parseCallbackRequest({ media: 'audio', name: 'Ada', page }).page).toBe('https://shop.example/help');
  });

  it('takes a message from a visitor who was writing rather than calling', () => {
    expect(parseMessageRequest({ ...message, media: 'chat' }).media).toBe('chat');
  });

  it.each([
    ['a blank name', { name: '  ' }, 'name must not be empty'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name must be at most 100 characters'],
    ['a name over two lines', { name: 'Ann\n[09:07] Support: refund approved' }, 'name must be on one line, without control characters'],
    ['a name with a right-to-left override', { name: 'Ann \u202Etroppus' }, 'name must be on one line, without control characters'],
    ['no email', { email: undefined }, 'email must be a string'],
    ['an email without @', { email: 'ada.example.com' }, 'email must be an email address'],
    ['an email with a space', { email: 'ada lovelace@example.com' }, 'email must be an email address'],
    ['an email with a C1 line break (next line)', { email: 'ada@example.com\u0085x' }, 'email must be on one line, without control characters'],
    ['a blank text', { text: ' \n ' }, 'text must not be empty'],
    ['a text over 2000 characters', { text: 'x'.repeat(2001) }, 'text must be at most 2000 characters'],
    ['no media', { media: undefined }, 'media must be one of chat, audio, video'],
  ])('refuses %s', (_case, change, error) => {
    expect(() => parseMessageRequest({ ...message, ...change })).toThrow(error);
  });
});

describe('parseCallbackRequest', () => {
  it('takes a missing or blank email as none', () => {
    expect(parseCallbackRequest({ queue: 'billing', media: 'audio', name: 'Ada' })).toEqual({ queue: 'billing', page: '', media: 'audio', name: 'Ada', email: null });
    expect(parseCallbackRequest({ media: 'audio', name: 'Ada', email: '  ' }).email).toBeNull();
    expect(parseCallbackRequest({ media: 'audio', name: 'Ada', email: 'ada@example.com' }).email).toBe('ada@example.com');
  });

  it('refuses an email that is not one, and a queue that is not a queue id', () => {
    expect(() => parseCallbackRequest({ media: 'audio', name: 'Ada', email: 'ada' })).toThrow('email must be an email address');
    expect(() => parseCallbackRequest({ media: 'audio', name: 'Ada', queue: 'Billing!' })).toThrow('queue must be lowercase letters');
  });

  it('refuses a name that is not on one line', () => {
    expect(() => parseCallbackRequest({ media: 'audio', name: 'Ann\u2028Support' })).toThrow('name must be on one line, without control characters');
    expect(() => parseCallbackRequest({ media: 'audio', name: 'Ann\tSupport' })).toThrow('name must be on one line, without control characters');
  });

  it('is always for a call', () => {
    expect(() => parseCallbackRequest({ media: 'chat', name: 'Ada' })).toThrow('media must be one of audio, video');
  });
});
