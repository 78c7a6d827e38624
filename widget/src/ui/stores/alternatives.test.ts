import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../testing/support-api.ts';
import { queuedThird, resetWidget, startVisitor, visitorSession } from '../testing/visitor.ts';
import { $alternatives, dismissAlternatives } from './alternatives.ts';
import { $call, joinQueue, startCall } from './call.ts';
import { $chat, sendMessage } from './chat.ts';
import { $conversation } from './conversation.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;

const open: Answer = (request) => [200, { queue: request.path.split('/')[3], open: true, nextOpening: null }];
const closedUntil =
  (nextOpening: number | null): Answer =>
  (request) => [200, { queue: request.path.split('/')[3], open: false, nextOpening }];
const closedCall: Answer = (request) => [200, { closed: true, queue: (request.body as { queue?: string }).queue ?? 'support', nextOpening: null }];

async function serve(answers: Record<string, Answer>) {
  visitor = await startVisitor({ '/v1/visitor/session': visitorSession, ...answers });
}

beforeEach(resetWidget);
afterEach(() => visitor.close());

describe('a closed queue', () => {
  it('offers a message or a callback before any device is asked for, with the next opening', async () => {
    await serve({ '/v1/queues/billing/status': closedUntil(1_767_686_400_000), '/v1/calls': queuedThird });
    await startCall('video', { queue: 'billing' });
    expect($call.get()).toEqual({ step: 'idle' });
    expect(visitor.streams).toEqual([]);
    expect(visitor.calls()).toEqual([]);
    expect($alternatives.get()).toEqual({
      step: 'offered',
      why: { reason: 'closed', queue: 'billing', media: 'video', nextOpening: 1_767_686_400_000 },
      form: null,
      sending: false,
      error: null,
      text: '',
    });
    expect(visitor.heard).toEqual([{ name: 'queue:closed', detail: { queue: 'billing', nextOpening: 1_767_686_400_000 } }]);
  });

  it('offers them too when the queue closed while the visitor checked their devices, and releases the devices', async () => {
    await serve({ '/v1/queues/support/status': open, '/v1/calls': closedCall });
    await startCall('audio');
    await joinQueue();
    expect(visitor.streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect($call.get()).toEqual({ step: 'idle' });
    expect($conversation.get()).toEqual({ step: 'idle' });
    expect($alternatives.get()).toMatchObject({ step: 'offered', why: { reason: 'closed', queue: 'support', media: 'audio', nextOpening: null } });
  });

  it('takes back the first chat message, which reached nobody, to begin the visitor\'s message with', async () => {
    await serve({ '/v1/calls': closedCall });
    expect(sendMessage('My invoice is wrong')).toBe(true);
    await vi.waitFor(() => expect($alternatives.get().step).toBe('offered'));
    expect($alternatives.get()).toMatchObject({ why: { reason: 'closed', media: 'chat' }, text: 'My invoice is wrong' });
    expect($chat.get().messages).toEqual([]);
    expect($conversation.get()).toEqual({ step: 'idle' });
    expect(visitor.conversations).toEqual([]);
  });

  it('counts a status that cannot be had as open: placing the call says what is wrong', async () => {
    await serve({ '/v1/calls': queuedThird });
    await startCall('audio', { skipCheck: true });
    expect($alternatives.get()).toEqual({ step: 'none' });
    expect($conversation.get()).toMatchObject({ step: 'queued', position: 3 });
  });
});

describe('a wait past the queue\'s maximum', () => {
  async function waitingChat() {
    await serve({ '/v1/calls': () => [200, { conversationId: 'c1', token: 'conversation-token', position: 2 }] });
    sendMessage('Hello');
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(1));
    visitor.joined.emit({ type: 'queued', position: 2, estimatedWaitSeconds: 300 });
    visitor.joined.emit({ type: 'long-wait', waitedSeconds: 300 });
    return visitor.joined;
  }

  it('offers a message or a callback while the visitor keeps their place, and tells the host page', async () => {
    await waitingChat();
    expect($alternatives.get()).toMatchObject({ step: 'offered', why: { reason: 'long-wait', media: 'chat', conversationId: 'c1', waitedSeconds: 300 } });
    expect($conversation.get()).toMatchObject({ step: 'queued', position: 2 });
    expect(visitor.heardOf('call:long-wait')).toEqual([{ waitedSeconds: 300 }]);
    dismissAlternatives();
    expect($conversation.get()).toMatchObject({ step: 'queued', position: 2 });
  });

  it('puts the offer away once an agent answers', async () => {
    const joined = await waitingChat();
    joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    expect($alternatives.get()).toEqual({ step: 'none' });
  });
});
