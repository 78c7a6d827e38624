import { describe, expect, it } from 'vitest';
import { parseAgentMessage, parseConversationMessage } from './messages.ts';
import { parseCallRequest, parseSignIn } from './http.ts';
import { limits } from './limits.ts';

describe('conversation messages', () => {
  it('accepts a description and a candidate signal', () => {
    expect(parseConversationMessage('{"type":"signal","description":{"type":"answer","sdp":"v=0"}}')).toEqual({
      ok: true,
      message: { type: 'signal', description: { type: 'answer', sdp: 'v=0' } },
    });
    const candidate = parseConversationMessage('{"type":"signal","candidate":{"candidate":"c","sdpMid":"0","sdpMLineIndex":0}}');
    expect(candidate).toEqual({
      ok: true,
      message: { type: 'signal', candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null } },
    });
  });

  it('accepts putting a call on hold and taking it off', () => {
    expect(parseConversationMessage('{"type":"hold","on":true,"seq":5}')).toEqual({ ok: true, message: { type: 'hold', on: true, seq: 5 } });
    expect(parseConversationMessage('{"type":"hold","on":false}')).toEqual({ ok: true, message: { type: 'hold', on: false } });
  });

  it('accepts taking a request back', () => {
    expect(parseConversationMessage('{"type":"withdraw","seq":4}')).toEqual({ ok: true, message: { type: 'withdraw', seq: 4 } });
  });

  it('drops fields it does not know, so nothing unvalidated is relayed', () => {
    const parsed = parseConversationMessage('{"type":"signal","description":{"type":"offer","sdp":"v=0","x":1},"extra":"<script>"}');
    expect(parsed).toEqual({ ok: true, message: { type: 'signal', description: { type: 'offer', sdp: 'v=0' } } });
  });

  it.each([
    ['not json', '{', 'message is not valid JSON'],
    ['an array', '[]', 'message must be an object'],
    ['an unknown type', '{"type":"nuke"}', 'type must be one of signal, cancel, hangup, quality, chat, receipt, typing, request, consent, withdraw, screen, callback-answer, hold'],
    ['both description and candidate', '{"type":"signal","description":{"type":"offer","sdp":""},"candidate":{"candidate":""}}', 'a signal carries exactly one of description or candidate'],
    ['a bad description type', '{"type":"signal","description":{"type":"hello","sdp":""}}', 'description.type must be one of offer, answer, pranswer, rollback'],
    ['a negative line index', '{"type":"signal","candidate":{"candidate":"","sdpMLineIndex":-1}}', 'candidate.sdpMLineIndex must be an integer from 0 to 255'],
    ['a bad hang-up reason', '{"type":"hangup","reason":"bored"}', 'reason must be one of hangup, failed'],
  ])('refuses %s with a message', (_name, text, error) => {
    expect(parseConversationMessage(text)).toEqual({ ok: false, code: 'invalid_message', error });
  });

  it('keeps chat text as text: new lines normalized, other control characters dropped', () => {
    expect(parseConversationMessage(JSON.stringify({ type: 'chat', id: 'm1', text: 'a\r\nb\u0000<b>c</b>', seq: 3 }))).toEqual({
      ok: true,
      message: { type: 'chat', id: 'm1', text: 'a\nb<b>c</b>', seq: 3 },
    });
  });

  it('drops the bidirectional controls that could show a message in another order than it was sent, keeping right-to-left marks', () => {
    const spoofed = 'See https://\u202Eelpmaxe.kcab\u202C and \u2067שלום\u2069 \u200Fשלום\u200E';
    expect(parseConversationMessage(JSON.stringify({ type: 'chat', id: 'm1', text: spoofed }))).toEqual({
      ok: true,
      message: { type: 'chat', id: 'm1', text: 'See https://elpmaxe.kcab and שלום \u200Fשלום\u200E' },
    });
  });

  it.each([
    ['empty chat text', { type: 'chat', id: 'm1', text: ' \n ' }, 'text must not be empty'],
    ['chat text over the limit', { type: 'chat', id: 'm1', text: 'x'.repeat(limits.maxChatChars + 1) }, `text must be at most ${limits.maxChatChars} characters`],
    ['a chat without id', { type: 'chat', text: 'hi' }, 'id must be a string'],
    ['a receipt of an unknown kind', { type: 'receipt', kind: 'seen', through: 1 }, 'kind must be one of delivered, read'],
    ['a request for something else', { type: 'request', kind: 'hologram' }, 'kind must be one of audio, video, screen, chat'],
    ['consent that is not a boolean', { type: 'consent', accept: 'yes' }, 'accept must be true or false'],
    ['typing that is not a boolean', { type: 'typing', typing: 1 }, 'typing must be true or false'],
    ['a hold that says neither on nor off', { type: 'hold' }, 'on must be true or false'],
  ])('refuses %s', (_name, message, error) => {
    expect(parseConversationMessage(JSON.stringify(message))).toEqual({ ok: false, code: 'invalid_message', error });
  });

  it('refuses messages over the size limit, counting UTF-8 bytes', () => {
    const sdp = 'é'.repeat(limits.maxMessageBytes / 2);
    const parsed = parseConversationMessage(JSON.stringify({ type: 'signal', description: { type: 'offer', sdp } }));
    expect(parsed).toMatchObject({ ok: false, code: 'message_too_large' });
  });

  it('keeps a message number and refuses one that is not a positive whole number', () => {
    expect(parseConversationMessage('{"type":"cancel","seq":3}')).toEqual({ ok: true, message: { type: 'cancel', seq: 3 } });
    for (const seq of ['0', '-1', '1.5', '"2"', 'null']) {
      expect(parseConversationMessage(`{"type":"cancel","seq":${seq}}`)).toMatchObject({ ok: false, code: 'invalid_message' });
    }
  });

  it('refuses an SDP longer than its limit', () => {
    const sdp = 'a'.repeat(limits.maxSdpChars + 1);
    expect(parseConversationMessage(JSON.stringify({ type: 'signal', description: { type: 'offer', sdp } }))).toMatchObject({ ok: false, code: 'invalid_message' });
  });
});

describe('agent messages', () => {
  it('accepts presence, accept and decline', () => {
    expect(parseAgentMessage('{"type":"presence","status":"away"}')).toEqual({ ok: true, message: { type: 'presence', status: 'away' } });
    expect(parseAgentMessage('{"type":"accept","offerId":"o1"}')).toEqual({ ok: true, message: { type: 'accept', offerId: 'o1' } });
  });

  it('takes an accept with the offer prepared while it rang, then its candidates', () => {
    const offer = { description: { type: 'offer', sdp: 'v=0' } };
    const candidate = { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } };
    expect(parseAgentMessage(JSON.stringify({ type: 'accept', offerId: 'o1', signals: [offer, candidate] }))).toEqual({ ok: true, message: { type: 'accept', offerId: 'o1', signals: [offer, candidate] } });
    // Not an offer first, a second description, none at all, or more than the limit.
    for (const signals of [[candidate], [offer, { description: { type: 'answer', sdp: 'v=0' } }], [], [offer, ...Array(32).fill(candidate)], 'offer']) {
      expect(parseAgentMessage(JSON.stringify({ type: 'accept', offerId: 'o1', signals }))).toMatchObject({ ok: false, code: 'invalid_message' });
    }
  });

  it('refuses an unknown status and an over-long offer id', () => {
    expect(parseAgentMessage('{"type":"presence","status":"busy"}')).toMatchObject({ ok: false });
    expect(parseAgentMessage(JSON.stringify({ type: 'decline', offerId: 'x'.repeat(65) }))).toMatchObject({ ok: false });
  });
});

describe('HTTP bodies', () => {
  it('normalises the sign-in email', () => {
    expect(parseSignIn({ email: ' Agent@Demo.TEST ', password: 'p' })).toEqual({ email: 'agent@demo.test', password: 'p' });
  });

  it('requires a known media kind for a call', () => {
    expect(parseCallRequest({ media: 'audio' })).toEqual({ media: 'audio', page: '', queue: 'support' });
    expect(parseCallRequest({ media: 'audio', queue: 'billing' })).toMatchObject({ queue: 'billing' });
    expect(() => parseCallRequest({ media: 'audio', queue: 'Billing!' })).toThrow('queue must be lowercase letters');
    expect(() => parseCallRequest({ media: 'fax' })).toThrow('media must be one of chat, audio, video');
    expect(() => parseCallRequest({ media: 'video', page: 'x'.repeat(limits.maxUrlChars + 1) })).toThrow('page must be at most');
    // Pages keep secrets in their fragment (sign-in tokens, one-time links); agents, History and webhooks need none of it.
    expect(parseCallRequest({ media: 'chat', page: 'https://shop.example/account?tab=orders#access_token=abc' }).page).toBe('https://shop.example/account?tab=orders');
  });
});
