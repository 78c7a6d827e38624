import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../testing/support-api.ts';
import { chatWithAnn, resetWidget, startVisitor, visitorSession, type VisitorOptions } from '../testing/visitor.ts';
import { $chat, $chatRefusal, $returnedDraft, $unread, chooseChatQueue, draftChanged, messageStatus, sendMessage, takeReturnedDraft, typingIdleMs } from './chat.ts';
import { $conversation } from './conversation.ts';
import { $panelOpen, $pageVisible } from './panel.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;

const queuedFirst: Answer = () => [200, { conversationId: 'c1', token: 'conversation-token', position: 1 }];

async function serve(answers: Record<string, Answer> = { '/v1/visitor/session': visitorSession, '/v1/calls': queuedFirst }, options?: VisitorOptions) {
  visitor = await startVisitor(answers, options);
}

/** The visitor's first message starts a chat; resolves once it is joined. */
async function startChat(text = 'Hello') {
  expect(sendMessage(text)).toBe(true);
  await vi.waitFor(() => expect(visitor.conversations).toHaveLength(1));
  return visitor.joined;
}

const chat = (n: number, from: 'visitor' | 'agent', text: string, id = `m${n}`) => ({ type: 'chat', message: { n, id, from, text, at: 1_000 + n } }) as const;
const statuses = () => $chat.get().messages.filter((entry) => entry.from === 'visitor').map((entry) => messageStatus(entry, $chat.get()));

beforeEach(() => {
  resetWidget();
  chooseChatQueue(undefined);
});
afterEach(() => visitor.close());

describe('the first message', () => {
  it("starts a chat in the page's queue, nothing captured, and the message goes as soon as the conversation is joined", async () => {
    await serve(undefined, { queue: 'billing' });
    expect(sendMessage('  Hello, my order is late  ')).toBe(true);
    expect($chat.get().messages).toEqual([expect.objectContaining({ from: 'visitor', text: 'Hello, my order is late', n: null, id: null })]);
    expect(statuses()).toEqual(['sending']);
    expect($conversation.get()).toEqual({ step: 'queued', media: 'chat', position: null, estimatedWaitSeconds: null });

    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(1));
    const joined = visitor.joined;
    expect(visitor.calls()).toEqual([
      { path: '/v1/calls', authorization: 'Bearer visitor-token', body: { media: 'chat', page: 'https://shop.example/help', queue: 'billing' } },
    ]);
    expect(joined.options.localStream).toBeUndefined();
    expect(joined.sent).toEqual(['chat Hello, my order is late']);
    expect($conversation.get()).toEqual({ step: 'queued', media: 'chat', position: 1, estimatedWaitSeconds: null });
    expect(visitor.streams).toEqual([]);
    expect(visitor.remembered).toMatchObject({ conversationId: 'c1', token: 'conversation-token', heardThrough: 0 });
  });

  it('waits in the queue Beckon("startChat", { queue }) asked for; the next chat waits in the page\'s queue again', async () => {
    await serve(undefined, { queue: 'billing' });
    chooseChatQueue('returns');
    const joined = await startChat();
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    sendMessage('One more thing');
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(2));
    expect(visitor.calls().map((call) => (call.body as { queue?: string }).queue)).toEqual(['returns', 'billing']);
  });

  it('keeps no queue from Beckon("startChat", { queue }) called during a conversation, which only opens the panel', async () => {
    await serve(undefined, { queue: 'billing' });
    const joined = await startChat();
    chooseChatQueue('returns');
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    sendMessage('One more thing');
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(2));
    expect(visitor.calls().map((call) => (call.body as { queue?: string }).queue)).toEqual(['billing', 'billing']);
  });

  it('is not sent when blank, and is kept marked not sent when the chat cannot start', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': () => [409, { error: { code: 'conflict', message: 'Nobody can answer now.' } }] });
    expect(sendMessage('  \n ')).toBe(false);
    expect($chat.get().messages).toEqual([]);
    expect(sendMessage('Hello')).toBe(true);
    await vi.waitFor(() => expect($conversation.get()).toEqual({ step: 'failed', code: 'conflict', message: 'Nobody can answer now.', call: false }));
    expect(statuses()).toEqual(['failed']);
    expect(visitor.heardOf('error')).toEqual([{ code: 'conflict', message: 'Nobody can answer now.' }]);
  });

  it('comes back to be sent again when a queue the server does not know refused it; the next one goes to the default queue', async () => {
    const unknownQueue: Answer = (request) =>
      (request.body as { queue?: string }).queue === 'nope' ? [400, { error: { code: 'unknown_queue', message: 'There is no queue "nope".' } }] : queuedFirst(request);
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': unknownQueue });
    chooseChatQueue('nope');
    expect(sendMessage('My parcel is lost')).toBe(true);
    await vi.waitFor(() => expect($returnedDraft.get()).toBe('My parcel is lost'));
    expect($conversation.get()).toMatchObject({ step: 'failed', code: 'unknown_queue', message: expect.not.stringContaining('nope') });
    expect(visitor.heardOf('error')).toEqual([{ code: 'unknown_queue', message: 'There is no queue "nope".' }]);
    expect(takeReturnedDraft()).toBe('My parcel is lost');
    expect($returnedDraft.get()).toBe('');

    await startChat('My parcel is lost');
    expect(visitor.calls().map((call) => (call.body as { queue?: string }).queue)).toEqual(['nope', 'support']);
    expect(visitor.joined.sent).toEqual(['chat My parcel is lost']);
  });

  it('starts a fresh transcript after an ended conversation', async () => {
    await serve();
    const joined = await chatWithAnn(visitor);
    joined.emit(chat(1, 'visitor', 'Hello'));
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($chat.get().messages).toHaveLength(1);
    sendMessage('One more thing');
    expect($chat.get().messages.map((entry) => entry.text)).toEqual(['One more thing']);
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(2));
    expect(visitor.joined.sent).toEqual(['chat One more thing']);
  });
});

describe('messages', () => {
  it('go from sending to sent when the server echoes them, then delivered and read as the agent says', async () => {
    await serve();
    const joined = await chatWithAnn(visitor);
    sendMessage('Second');
    expect(joined.sent).toEqual(['chat Hello', 'chat Second']);
    expect(statuses()).toEqual(['sending', 'sending']);
    const keys = $chat.get().messages.map((entry) => entry.key);

    // The fake numbers its ids m1, m2…: the echo finds its message by id.
    joined.emit(chat(1, 'visitor', 'Hello', 'm1'));
    expect(statuses()).toEqual(['sent', 'sending']);
    joined.emit(chat(2, 'visitor', 'Second', 'm2'));
    joined.emit({ type: 'receipt', participant: 'agent', kind: 'delivered', through: 2 });
    expect(statuses()).toEqual(['delivered', 'delivered']);
    joined.emit({ type: 'receipt', participant: 'agent', kind: 'read', through: 1 });
    expect(statuses()).toEqual(['read', 'delivered']);
    // The visitor's own receipts say nothing about their messages.
    joined.emit({ type: 'receipt', participant: 'visitor', kind: 'read', through: 5 });
    expect(statuses()).toEqual(['read', 'delivered']);
    // The same messages, not new ones: what the visitor reads does not jump.
    expect($chat.get().messages.map((entry) => entry.key)).toEqual(keys);
    expect(visitor.heardOf('chat:message')).toEqual([
      { from: 'visitor', text: 'Hello' },
      { from: 'visitor', text: 'Second' },
    ]);
  });

  it('refused for coming too fast leave the transcript for the message box and say why, until the next one goes', async () => {
    const idOf = (text: string) => $chat.get().messages.find((entry) => entry.text === text)!.id!;
    await serve();
    const joined = await chatWithAnn(visitor);
    sendMessage('Second');
    sendMessage('Third');
    joined.emit(chat(1, 'visitor', 'Hello', 'm1'));
    const tooFast = 'You are sending messages too quickly. Please wait a few seconds and send it again.';
    joined.emit({ type: 'error', code: 'rate_limited', message: tooFast, refusedChat: idOf('Second') });
    joined.emit(chat(2, 'visitor', 'Third', 'm3'));
    expect($chat.get().messages.map((entry) => [entry.text, messageStatus(entry, $chat.get())])).toEqual([['Hello', 'sent'], ['Third', 'sent']]);
    expect($chatRefusal.get()).toBe(tooFast);
    expect(takeReturnedDraft()).toBe('Second');

    // A message support could not keep for the agent is said in the widget's own words.
    sendMessage('Fourth');
    expect($chatRefusal.get()).toBe('');
    // A refused receipt takes no message back: Fourth may still get through.
    const full = 'Too much is waiting for the other side to receive; try again once they are back.';
    joined.emit({ type: 'error', code: 'backlog_full', message: full });
    expect(takeReturnedDraft()).toBe('');
    joined.emit({ type: 'error', code: 'backlog_full', message: full, refusedChat: idOf('Fourth') });
    expect($chatRefusal.get()).toBe('Your messages cannot reach support right now. Please try again in a moment.');
    expect(takeReturnedDraft()).toBe('Fourth');
  });

  it('are kept in transcript order and taken once by number, whatever is replayed', async () => {
    await serve();
    const joined = await chatWithAnn(visitor);
    sendMessage('My order');
    joined.emit(chat(1, 'visitor', 'Hello', 'm1'));
    joined.emit(chat(2, 'agent', 'Hi, I am Ann'));
    joined.emit(chat(1, 'visitor', 'Hello', 'm1'));
    joined.emit(chat(2, 'agent', 'Hi, I am Ann'));
    joined.emit(chat(3, 'agent', 'Which order?'));
    expect($chat.get().messages.map((entry) => [entry.n, entry.text])).toEqual([
      [1, 'Hello'],
      [2, 'Hi, I am Ann'],
      [3, 'Which order?'],
      [null, 'My order'],
    ]);
    expect(visitor.heardOf('chat:message')).toEqual([
      { from: 'visitor', text: 'Hello' },
      { from: 'agent', text: 'Hi, I am Ann' },
      { from: 'agent', text: 'Which order?' },
    ]);
  });

  it('show the agent typing until they send', async () => {
    await serve();
    const joined = await chatWithAnn(visitor);
    joined.emit({ type: 'typing', participant: 'agent', typing: true });
    expect($chat.get().agentTyping).toBe(true);
    joined.emit(chat(1, 'agent', 'Here is the link'));
    expect($chat.get().agentTyping).toBe(false);
    joined.emit({ type: 'typing', participant: 'agent', typing: true });
    joined.emit({ type: 'typing', participant: 'agent', typing: false });
    expect($chat.get().agentTyping).toBe(false);
  });

  it('not yet with the server are marked not sent when another tab takes over', async () => {
    await serve();
    const joined = await chatWithAnn(visitor);
    joined.emit({ type: 'replaced' });
    expect(statuses()).toEqual(['failed']);
    expect(sendMessage('From the old tab')).toBe(false);
  });
});

describe('what the agent learns of the visitor', () => {
  it('typing: once when the visitor starts, stopped after a pause or on send, and only once an agent is there', async () => {
    await serve();
    const joined = await startChat();
    draftChanged('W');
    expect(joined.sent).toEqual(['chat Hello']);
    joined.emit({ type: 'accepted', agent: { name: 'Ann' } });

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      draftChanged('Wh');
      draftChanged('Whe');
      vi.advanceTimersByTime(typingIdleMs - 1);
      draftChanged('Wher');
      vi.advanceTimersByTime(typingIdleMs - 1);
      expect(joined.sent).toEqual(['chat Hello', 'typing']);
      vi.advanceTimersByTime(1);
      expect(joined.sent).toEqual(['chat Hello', 'typing', 'not typing']);

      draftChanged('Where is it?');
      sendMessage('Where is it?');
      expect(joined.sent).toEqual(['chat Hello', 'typing', 'not typing', 'typing', 'not typing', 'chat Where is it?']);
      draftChanged('x');
      draftChanged('');
      expect(joined.sent.slice(-2)).toEqual(['typing', 'not typing']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('read: what the visitor can see, once for a burst, when the panel is open on a visible page', async () => {
    await serve();
    const joined = await chatWithAnn(visitor);
    joined.emit(chat(1, 'visitor', 'Hello', 'm1'));
    joined.emit(chat(2, 'agent', 'Hi!'));
    joined.emit(chat(3, 'agent', 'How can I help?'));
    await Promise.resolve();
    expect(joined.sent.filter((message) => message.startsWith('read'))).toEqual([]);

    $panelOpen.set(true);
    await Promise.resolve();
    expect(joined.sent.filter((message) => message.startsWith('read'))).toEqual(['read 3']);

    $pageVisible.set(false);
    joined.emit(chat(4, 'agent', 'Are you there?'));
    await Promise.resolve();
    expect(joined.sent.filter((message) => message.startsWith('read'))).toEqual(['read 3']);
    $pageVisible.set(true);
    await Promise.resolve();
    // The visitor's own messages need no read receipt from them.
    joined.emit(chat(5, 'visitor', 'Yes', 'm2'));
    await Promise.resolve();
    expect(joined.sent.filter((message) => message.startsWith('read'))).toEqual(['read 3', 'read 4']);
  });

  it('unread: the agent\'s messages since the visitor last saw the panel, none of their own', async () => {
    await serve();
    const joined = await chatWithAnn(visitor);
    joined.emit(chat(1, 'visitor', 'Hello', 'm1'));
    joined.emit(chat(2, 'agent', 'Hi!'));
    joined.emit(chat(3, 'agent', 'How can I help?'));
    expect($unread.get()).toBe(2);
    $panelOpen.set(true);
    await Promise.resolve();
    expect($unread.get()).toBe(0);
    $panelOpen.set(false);
    joined.emit(chat(4, 'visitor', 'My order', 'm2'));
    joined.emit(chat(5, 'agent', 'Which one?'));
    await Promise.resolve();
    expect($unread.get()).toBe(1);
  });
});
