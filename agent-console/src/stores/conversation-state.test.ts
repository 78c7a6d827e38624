import type { ChatMessage } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { applyConversationEvent, holdsCall, newConversation, newestFromVisitor, receiptOf, unreadCount, type AgentConversation } from './conversation-state.ts';

const caller = { visitor: 'Visitor 4F2A', page: 'https://shop.example/help' };
const live = (): AgentConversation => ({ ...newConversation({ offerId: 'o1', conversationId: 'c1', media: 'chat', caller }, null), phase: 'live', offerId: null });
const message = (n: number, from: 'visitor' | 'agent', id = `m${n}`): ChatMessage => ({ n, id, from, text: `text ${n}`, at: n });
// Stand-ins for the browser's streams: the reducer only keeps them.
const stream = (id: string) => ({ id }) as MediaStream;

describe('a conversation as events arrive', () => {
  it('draws a call being set up once its connection is up or has failed', () => {
    const settingUp = { ...live(), media: 'video' as const, settingUp: true };
    expect(applyConversationEvent(settingUp, { type: 'connection', state: 'connecting' }).settingUp).toBe(true);
    expect(applyConversationEvent(settingUp, { type: 'connection', state: 'connected' }).settingUp).toBe(false);
    expect(applyConversationEvent(settingUp, { type: 'connection', state: 'failed' }).settingUp).toBe(false);
  });

  it('notes that the call is recorded, and stays the same conversation (nothing drawn again) while that does not change', () => {
    const setUp = live();
    expect(applyConversationEvent(setUp, { type: 'recording', on: false })).toBe(setUp);
    const recorded = applyConversationEvent(setUp, { type: 'recording', on: true });
    expect(recorded.recorded).toBe(true);
    expect(applyConversationEvent(recorded, { type: 'recording', on: true })).toBe(recorded);
  });

  it('keeps the transcript in order, once per message, and replaces a sent message by its echo', () => {
    let conversation = { ...live(), outgoing: [{ id: 'mine', text: 'On it', at: 3 }] };
    for (const chat of [message(2, 'visitor'), message(1, 'visitor'), message(2, 'visitor'), message(3, 'agent', 'mine')]) {
      conversation = applyConversationEvent(conversation, { type: 'chat', message: chat });
    }
    expect(conversation.messages.map((kept) => kept.n)).toEqual([1, 2, 3]);
    expect(conversation.outgoing).toEqual([]);
  });

  it('gives a message refused for coming too fast back to the draft, ahead of what the agent writes now', () => {
    let conversation = { ...live(), draft: 'And', outgoing: [{ id: 'a1', text: 'One', at: 1 }, { id: 'a2', text: 'Two', at: 2 }] };
    const tooFast = 'You are sending messages too quickly. Please wait a few seconds and send it again.';
    conversation = applyConversationEvent(conversation, { type: 'error', code: 'rate_limited', message: tooFast, refusedChat: 'a2' });
    expect([conversation.outgoing.map((pending) => pending.id), conversation.draft]).toEqual([['a1'], 'Two\nAnd']);
    // A refused receipt gives nothing back: One is still on its way.
    const full = 'Too much is waiting for the other side to receive; try again once they are back.';
    expect(applyConversationEvent(conversation, { type: 'error', code: 'backlog_full', message: full })).toBe(conversation);
    // Other refusals concern no chat message.
    expect(applyConversationEvent(conversation, { type: 'error', code: 'conflict', message: 'A request is already waiting for an answer.' })).toBe(conversation);
  });

  it('keeps when the call went on hold through a repeated hold, and forgets it when the hold or the conversation ends', () => {
    const call = { ...live(), media: 'audio' as const };
    const held = applyConversationEvent(call, { type: 'hold', on: true });
    expect(held.heldSince).toEqual(expect.any(Number));
    expect(applyConversationEvent(held, { type: 'hold', on: true }).heldSince).toBe(held.heldSince);
    expect(applyConversationEvent(held, { type: 'hold', on: false }).heldSince).toBeNull();
    expect(applyConversationEvent(held, { type: 'ended', reason: 'hangup', outcome: 'completed' }).heldSince).toBeNull();
  });

  it('goes on counting a hold that began before the console was reloaded', () => {
    const reloaded = applyConversationEvent({ ...live(), media: 'audio' }, { type: 'hold', on: true, heldSeconds: 95 });
    expect(Date.now() - reloaded.heldSince!).toBeGreaterThanOrEqual(95_000);
    expect(Date.now() - reloaded.heldSince!).toBeLessThan(96_000);
  });

  it('counts what the agent has not read, and what the visitor has', () => {
    let conversation = live();
    for (const chat of [message(1, 'visitor'), message(2, 'agent'), message(3, 'visitor'), message(4, 'agent')]) {
      conversation = applyConversationEvent(conversation, { type: 'chat', message: chat });
    }
    expect([unreadCount(conversation), newestFromVisitor(conversation)]).toEqual([2, 3]);
    // The agent read up to 1 in another tab.
    conversation = applyConversationEvent(conversation, { type: 'receipt', participant: 'agent', kind: 'read', through: 1 });
    expect(unreadCount(conversation)).toBe(1);
    // Read implies delivered, even when the read receipt comes first.
    conversation = applyConversationEvent(conversation, { type: 'receipt', participant: 'visitor', kind: 'read', through: 2 });
    conversation = applyConversationEvent(conversation, { type: 'receipt', participant: 'visitor', kind: 'delivered', through: 1 });
    expect([receiptOf(conversation, message(2, 'agent')), receiptOf(conversation, message(4, 'agent'))]).toEqual(['read', 'sent']);
  });

  it('shows the visitor typing until they send, and their real-time text as it changes', () => {
    let conversation = applyConversationEvent(live(), { type: 'typing', participant: 'visitor', typing: true });
    expect(conversation.visitorTyping).toBe(true);
    conversation = applyConversationEvent(conversation, { type: 'real-time-text', text: 'My router\nblinks re' });
    expect(conversation.visitorRealTimeText).toBe('My router\nblinks re');
    conversation = applyConversationEvent(conversation, { type: 'chat', message: message(1, 'visitor') });
    expect(conversation.visitorTyping).toBe(false);
  });

  it('holds a request until its own answer, and the call slot while the agent asks for a call', () => {
    let conversation = applyConversationEvent(live(), { type: 'request', kind: 'video', by: 'agent' });
    expect(holdsCall(conversation)).toBe(true);
    conversation = applyConversationEvent(conversation, { type: 'request-answered', kind: 'screen', by: 'agent', accepted: true });
    expect(conversation.request).toEqual({ kind: 'video', by: 'agent' });
    conversation = applyConversationEvent(conversation, { type: 'request-answered', kind: 'video', by: 'agent', accepted: false });
    expect([conversation.request, holdsCall(conversation)]).toEqual([null, false]);
    conversation = applyConversationEvent(conversation, { type: 'request', kind: 'screen', by: 'agent' });
    expect(holdsCall(conversation)).toBe(false);
    conversation = applyConversationEvent(conversation, { type: 'media', media: 'audio' });
    expect(holdsCall(conversation)).toBe(true);
  });

  it('knows while the conversation\'s socket is down, until it is back', () => {
    const down = applyConversationEvent(live(), { type: 'link', up: false });
    expect(down.linkDown).toBe(true);
    expect(applyConversationEvent(down, { type: 'link', up: true }).linkDown).toBe(false);
  });

  it('keeps the newest list of files either way', () => {
    const offered = { id: 'f1', direction: 'incoming', name: 'invoice.pdf', size: 2048, mimeType: 'application/pdf', bytes: 0, state: 'offered' } as const;
    const after = applyConversationEvent(applyConversationEvent(live(), { type: 'files', transfers: [offered] }), { type: 'files', transfers: [{ ...offered, state: 'transferring', bytes: 1024 }] });
    expect(after.files).toEqual([{ ...offered, state: 'transferring', bytes: 1024 }]);
  });

  it('shows the visitor\'s screen with the drawings over it, and forgets both when the conversation ends', () => {
    const annotations = { strokes: [{ id: 's1', color: 'red' as const, points: [[0.1, 0.2] as const], mine: false }], remotePointer: { x: 0.5, y: 0.5 } };
    let conversation = applyConversationEvent(live(), { type: 'remote-screen', stream: stream('screen') });
    conversation = applyConversationEvent(conversation, { type: 'annotations', state: annotations });
    conversation = applyConversationEvent(conversation, { type: 'media', media: 'video' });
    expect(conversation).toMatchObject({ remoteScreen: { id: 'screen' }, annotations });
    conversation = applyConversationEvent(conversation, { type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect(conversation).toMatchObject({ phase: 'ended', remoteScreen: null, visitorRealTimeText: '' });
    expect(holdsCall(conversation)).toBe(false);
  });
});
