import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../testing/support-api.ts';
import { resetWidget, startVisitor, visitorSession, type VisitorOptions } from '../testing/visitor.ts';
import { $alternatives, chooseForm } from './alternatives.ts';
import { $call, answerCallback, hangUp, retryDevices, startCall } from './call.ts';
import { sendMessage } from './chat.ts';
import { askForCallback, leaveMessage } from './contact-request.ts';
import { $conversation, resumeConversation } from './conversation.ts';
import { $media } from './media.ts';
import { $panelOpen } from './panel.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;

const closed: Answer = (request) => [200, { queue: request.path.split('/')[3], open: false, nextOpening: null }];
const callback: Answer = (request) => [200, { conversationId: (request.body as { conversationId?: string }).conversationId ?? 'cb1', token: 'callback-token' }];
const requestsTo = (path: string) => visitor.api.requests.filter((request) => request.path === path);
const ada = { name: 'Ada', email: 'ada@example.com' };

async function serve(answers: Record<string, Answer>, options?: VisitorOptions) {
  visitor = await startVisitor({ '/v1/visitor/session': visitorSession, '/v1/queues/support/status': closed, '/v1/callbacks': callback, ...answers }, options);
}

beforeEach(resetWidget);
afterEach(() => visitor.close());

describe('a message instead of a call', () => {
  it('is sent with what the visitor asked for, and the form stays with the reason when it is refused', async () => {
    let refuse = true;
    await serve({
      '/v1/messages': () => (refuse ? [400, { error: { code: 'bad_request', message: 'email must be an email address' } }] : [200, { contactId: 'm1' }]),
    });
    await startCall('audio');
    chooseForm('message');
    await leaveMessage({ ...ada, text: 'Please call me about invoice 42.' });
    expect($alternatives.get()).toMatchObject({ step: 'offered', form: 'message', sending: false, error: 'email must be an email address' });
    refuse = false;
    await leaveMessage({ ...ada, text: 'Please call me about invoice 42.' });
    expect($alternatives.get()).toEqual({ step: 'message-sent' });
    expect(requestsTo('/v1/messages').at(-1)).toEqual({
      path: '/v1/messages',
      authorization: 'Bearer visitor-token',
      body: { page: 'https://shop.example/help', queue: 'support', media: 'audio', name: 'Ada', email: 'ada@example.com', text: 'Please call me about invoice 42.' },
    });
    expect(visitor.heardOf('message:sent')).toEqual([{}]);
  });

  it('replaces a waiting chat, which then ends', async () => {
    await serve({ '/v1/calls': () => [200, { conversationId: 'c1', token: 't', position: 4 }], '/v1/messages': () => [200, { contactId: 'c1' }] });
    sendMessage('Hello');
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(1));
    visitor.joined.emit({ type: 'long-wait', waitedSeconds: 600 });
    chooseForm('message');
    await leaveMessage({ ...ada, text: 'No rush.' });
    expect(requestsTo('/v1/messages')[0]!.body).toMatchObject({ conversationId: 'c1', media: 'chat', text: 'No rush.' });
    visitor.joined.emit({ type: 'ended', reason: 'message', outcome: 'message' });
    expect($alternatives.get()).toEqual({ step: 'message-sent' });
    expect($conversation.get()).toMatchObject({ step: 'ended', reason: 'message' });
  });
});

describe('a callback', () => {
  async function waitForCallback(media: 'audio' | 'video' = 'video') {
    await startCall(media);
    chooseForm('callback');
    await askForCallback({ name: 'Ada', email: '' });
    return visitor.joined;
  }

  it('waits without devices in a conversation of its own, remembered for the site\'s other pages', async () => {
    await serve({});
    const waiting = await waitForCallback();
    expect(requestsTo('/v1/callbacks')[0]!.body).toEqual({ page: 'https://shop.example/help', queue: 'support', media: 'video', name: 'Ada', email: null });
    expect($alternatives.get()).toEqual({ step: 'none' });
    expect($conversation.get()).toEqual({ step: 'callback', media: 'video' });
    expect(waiting.options).toEqual({ apiBase: visitor.api.base, conversationId: 'cb1', token: 'callback-token', participant: 'visitor' });
    expect(visitor.remembered).toMatchObject({ conversationId: 'cb1', token: 'callback-token' });
    // The server says what the call back will carry: still nothing is captured.
    waiting.emit({ type: 'callback-waiting' });
    waiting.emit({ type: 'media', media: 'video' });
    expect(visitor.streams).toEqual([]);
    expect($call.get()).toEqual({ step: 'idle' });
    expect(visitor.heardOf('callback:requested')).toEqual([{}]);
    expect(visitor.heardOf('call:queued')).toEqual([]);
  });

  it('rings with the panel open, and connects with the devices captured when the visitor accepts', async () => {
    await serve({});
    const waiting = await waitForCallback();
    waiting.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
    expect($conversation.get()).toEqual({ step: 'ringing', media: 'video', agent: 'Ann' });
    expect($panelOpen.get()).toBe(true);
    expect(visitor.heardOf('callback:ringing')).toEqual([{}]);
    expect(visitor.streams).toEqual([]);

    await answerCallback();
    // The devices are in the conversation before the answer, so the call starts with them.
    expect(waiting.sent).toEqual(['add audio video', 'accept-callback']);
    expect(waiting.conversation.localStream.getTracks()).toEqual(visitor.streams[0]!.tracks);
    expect($media.get().local).toBe(waiting.conversation.localStream);
    waiting.emit({ type: 'accepted', agent: { name: 'Ann' } });
    waiting.emit({ type: 'connection', state: 'connected' });
    expect($conversation.get()).toEqual({ step: 'accepted', media: 'video', agent: 'Ann' });
    expect($call.get()).toEqual({ step: 'in-call', media: 'video', connected: true, reconnecting: false });
    expect(visitor.heardOf('call:connected')).toEqual([{}]);
  });

  it('rings on with the reason when the devices fail; Try again answers, Decline declines', async () => {
    let refuse = true;
    await serve(
      {},
      {
        captureMedia: async () => {
          if (refuse) throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
          return (await import('@beckon/rtc/testing')).fakeStream('audio').stream;
        },
      },
    );
    const waiting = await waitForCallback('audio');
    waiting.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
    await answerCallback();
    expect($call.get()).toMatchObject({ step: 'media-error', media: 'audio', reason: expect.stringMatching(/blocked/) });
    expect($conversation.get()).toMatchObject({ step: 'ringing' });
    expect(waiting.sent).toEqual([]);
    expect(visitor.heardOf('error')).toMatchObject([{ code: 'media_unavailable' }]);

    refuse = false;
    retryDevices();
    await vi.waitFor(() => expect(waiting.sent).toEqual(['add audio', 'accept-callback']));

    waiting.emit({ type: 'callback-waiting' });
    waiting.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
    hangUp();
    expect(waiting.sent.at(-1)).toBe('decline-callback');
    waiting.emit({ type: 'ended', reason: 'declined', outcome: 'declined' });
    expect($conversation.get()).toEqual({ step: 'ended', reason: 'declined', call: true, agent: null });
    expect(visitor.remembered).toBeNull();
  });

  it('goes back to waiting when the call back rings out, without the devices it started', async () => {
    let grant!: () => void;
    const { fakeStream } = await import('@beckon/rtc/testing');
    const granted = fakeStream('audio');
    await serve({}, { captureMedia: () => new Promise((resolve) => (grant = () => resolve(granted.stream))) });
    const waiting = await waitForCallback('audio');
    waiting.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
    const answering = answerCallback();
    expect($call.get()).toEqual({ step: 'asking', media: 'audio' });
    waiting.emit({ type: 'callback-waiting' });
    grant();
    await answering;
    expect($conversation.get()).toEqual({ step: 'callback', media: 'audio' });
    expect($call.get()).toEqual({ step: 'idle' });
    expect(granted.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(waiting.sent).toEqual([]);
    hangUp();
    expect(waiting.sent).toEqual(['cancel']);
  });

  it('turns a waiting chat into a voice call back in the same conversation', async () => {
    await serve({ '/v1/calls': () => [200, { conversationId: 'c1', token: 'conversation-token', position: 2 }] });
    sendMessage('Hello');
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(1));
    const queued = visitor.joined;
    queued.emit({ type: 'long-wait', waitedSeconds: 300 });
    chooseForm('callback');
    await askForCallback(ada);
    expect(requestsTo('/v1/callbacks')[0]!.body).toMatchObject({ conversationId: 'c1', media: 'audio', name: 'Ada', email: 'ada@example.com' });
    expect(visitor.conversations).toHaveLength(1);
    expect($conversation.get()).toEqual({ step: 'callback', media: 'audio' });
    expect(visitor.remembered).toMatchObject({ conversationId: 'c1', token: 'callback-token' });
    queued.emit({ type: 'callback-waiting' });
    queued.emit({ type: 'media', media: 'audio' });
    queued.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
    await answerCallback();
    expect(queued.sent.slice(-2)).toEqual(['add audio', 'accept-callback']);
  });

  it('turns a waiting call into a call back, releasing its devices until the visitor takes it', async () => {
    await serve({ '/v1/queues/support/status': () => [200, { queue: 'support', open: true, nextOpening: null }], '/v1/calls': () => [200, { conversationId: 'c1', token: 't', position: 2 }] });
    await startCall('video', { skipCheck: true });
    const queued = visitor.joined;
    queued.emit({ type: 'long-wait', waitedSeconds: 300 });
    chooseForm('callback');
    await askForCallback(ada);
    queued.emit({ type: 'callback-waiting' });
    expect(visitor.streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(queued.conversation.localStream.getTracks()).toEqual([]);
    expect($media.get().local).toBeNull();
    expect($conversation.get()).toEqual({ step: 'callback', media: 'video' });
  });

  it('is waited for again after a reload, quietly, and the panel opens when it rings', async () => {
    await serve({});
    visitor.remembered = { conversationId: 'cb1', token: 'callback-token', expiresAt: Date.now() + 60_000, heardThrough: 0 };
    expect(resumeConversation()).toBe(true);
    const waiting = visitor.joined;
    waiting.emit({ type: 'callback-waiting' });
    waiting.emit({ type: 'media', media: 'video' });
    expect($conversation.get()).toEqual({ step: 'callback', media: 'video' });
    expect($panelOpen.get()).toBe(false);
    expect(visitor.streams).toEqual([]);
    waiting.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
    expect($panelOpen.get()).toBe(true);
  });
});
