import { fakeStream } from '@beckon/rtc/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatWithAnn, memoryStorage, resetWidget, startVisitor, visitorSession, type VisitorOptions } from '../testing/visitor.ts';
import type { RememberedConversation } from '../remembered-conversation.ts';
import type { Answer } from '../testing/support-api.ts';
import { $call, toggleCamera, toggleMute } from './call.ts';
import { $chat, sendMessage } from './chat.ts';
import { $conversation, continueHere, leaveIfSignedOut, resumeConversation } from './conversation.ts';
import { $media } from './media.ts';
import { $panelOpen } from './panel.ts';
import { $realTimeText } from './real-time-text.ts';
import { $requests } from './requests.ts';
import { $screen, shareScreen } from './screen.ts';
import { identify } from './session.ts';
import { $survey } from './survey.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;

async function serve(answers: Record<string, Answer> = {}, options?: VisitorOptions) {
  visitor = await startVisitor(answers, options);
}

const inAnHour = () => Date.now() + 3_600_000;
const chat = (n: number, from: 'visitor' | 'agent', text: string) => ({ type: 'chat', message: { n, id: `m${n}`, from, text, at: 1_000 + n } }) as const;

beforeEach(resetWidget);
afterEach(() => visitor.close());

describe('a conversation after a reload or in another tab', () => {
  it('comes back from localStorage: same conversation, no new queue entry, nothing captured for a chat', async () => {
    await serve();
    visitor.remembered = { conversationId: 'c7', token: 'conversation-token-7', expiresAt: inAnHour(), heardThrough: 0 };
    expect(resumeConversation()).toBe(true);
    expect(visitor.joined.options).toEqual({ apiBase: visitor.api.base, conversationId: 'c7', token: 'conversation-token-7', participant: 'visitor' });
    expect($conversation.get()).toEqual({ step: 'resuming' });
    expect($panelOpen.get()).toBe(false);

    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    visitor.joined.emit({ type: 'media', media: 'chat' });
    expect($conversation.get()).toEqual({ step: 'accepted', media: 'chat', agent: 'Ann' });
    expect($panelOpen.get()).toBe(true);
    expect(visitor.streams).toEqual([]);
    expect(visitor.calls()).toEqual([]);
  });

  it('is back in a call: the devices again once the conversation says it carries video, and no escalation to announce', async () => {
    await serve();
    visitor.remembered = { conversationId: 'c7', token: 't', expiresAt: inAnHour(), heardThrough: 0 };
    resumeConversation();
    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    expect(visitor.streams).toEqual([]);
    visitor.joined.emit({ type: 'media', media: 'video' });
    await vi.waitFor(() => expect($call.get()).toEqual({ step: 'in-call', media: 'video', connected: false, reconnecting: false }));
    expect(visitor.joined.sent).toEqual(['add audio video']);
    expect($media.get().local).toBe(visitor.joined.conversation.localStream);
    expect($conversation.get()).toEqual({ step: 'accepted', media: 'video', agent: 'Ann' });
    expect(visitor.heardOf('call:escalated')).toEqual([]);
  });

  it('is back in a call muted and with the camera off when the visitor left it so, before a track reaches the call', async () => {
    await serve();
    visitor.remembered = { conversationId: 'c7', token: 't', expiresAt: inAnHour(), heardThrough: 0 };
    resumeConversation();
    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    visitor.joined.emit({ type: 'media', media: 'video' });
    await vi.waitFor(() => expect($call.get().step).toBe('in-call'));
    toggleMute();
    toggleCamera();
    expect(visitor.remembered).toMatchObject({ conversationId: 'c7', muted: true, cameraOff: true });

    // The page reloads: nothing of it is left but what it remembered.
    visitor.joined.emit({ type: 'replaced' });
    resetWidget();
    resumeConversation();
    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    visitor.joined.emit({ type: 'media', media: 'video' });
    await vi.waitFor(() => expect($call.get().step).toBe('in-call'));
    expect(visitor.joined.sent).toEqual(['add audio (off) video (off)']);
    expect($media.get()).toMatchObject({ muted: true, cameraOff: true });
    expect(visitor.joined.conversation.localStream.getTracks().map((track) => track.enabled)).toEqual([false, false]);
  });

  it('keeps its place in the queue', async () => {
    await serve();
    visitor.remembered = { conversationId: 'c7', token: 't', expiresAt: inAnHour(), heardThrough: 0 };
    resumeConversation();
    visitor.joined.emit({ type: 'queued', position: 2, estimatedWaitSeconds: 120 });
    visitor.joined.emit({ type: 'media', media: 'chat' });
    expect($conversation.get()).toEqual({ step: 'queued', media: 'chat', position: 2, estimatedWaitSeconds: 120 });
  });

  it('is not resumed once its token expired, and the expired one is forgotten', async () => {
    await serve();
    visitor.remembered = { conversationId: 'c7', token: 't', expiresAt: Date.now() - 1, heardThrough: 0 };
    expect(resumeConversation()).toBe(false);
    expect(visitor.conversations).toEqual([]);
    expect(visitor.storage.length).toBe(0);
    expect($conversation.get()).toEqual({ step: 'idle' });
  });

  it('is simply gone when it ended while no page of the site was open', async () => {
    await serve();
    visitor.remembered = { conversationId: 'c7', token: 't', expiresAt: inAnHour(), heardThrough: 0 };
    resumeConversation();
    visitor.joined.emit({ type: 'ended', reason: 'left', outcome: 'completed' });
    expect($conversation.get()).toEqual({ step: 'idle' });
    expect($panelOpen.get()).toBe(false);
    expect(visitor.remembered).toBeNull();
    expect(visitor.heard).toEqual([]);
  });

  it('does not announce again what the host page already heard from an earlier page', async () => {
    await serve();
    visitor.remembered = { conversationId: 'c7', token: 't', expiresAt: inAnHour(), heardThrough: 2 };
    resumeConversation();
    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    for (const message of [chat(1, 'visitor', 'Hi'), chat(2, 'agent', 'Hello!'), chat(3, 'agent', 'How can I help?')]) visitor.joined.emit(message);
    expect(visitor.heardOf('chat:message')).toEqual([{ from: 'agent', text: 'How can I help?' }]);
    expect(visitor.remembered?.heardThrough).toBe(3);
    expect($chat.get().messages.map((entry) => entry.text)).toEqual(['Hi', 'Hello!', 'How can I help?']);
  });
});

describe('another tab taking the conversation over', () => {
  async function chatting() {
    const storage = memoryStorage();
    await serve({}, { storage });
    visitor.remembered = { conversationId: 'c7', token: 't', expiresAt: inAnHour(), heardThrough: 0 };
    resumeConversation();
    const first = visitor.joined;
    first.emit({ type: 'accepted', agent: { name: 'Ann' } });
    first.emit({ type: 'media', media: 'video' });
    first.emit(chat(1, 'agent', 'Hello!'));
    await vi.waitFor(() => expect($call.get().step).toBe('in-call'));
    return first;
  }

  it('leaves this page saying so, with its devices released and the conversation still remembered for the other tab', async () => {
    const first = await chatting();
    first.emit({ type: 'replaced' });
    expect($conversation.get()).toEqual({ step: 'replaced' });
    expect($call.get()).toEqual({ step: 'idle' });
    expect($media.get().local).toBeNull();
    expect(visitor.remembered).toMatchObject({ conversationId: 'c7' });
    // Whatever the old page still hears is not this page's business any more.
    first.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($conversation.get()).toEqual({ step: 'replaced' });
  });

  it('comes back with Continue here, without duplicating the transcript or announcing what the other tab did', async () => {
    const first = await chatting();
    first.emit({ type: 'replaced' });
    // Meanwhile the other tab heard a second message.
    visitor.remembered = { ...visitor.remembered!, heardThrough: 2 };

    continueHere();
    const again = visitor.joined;
    expect(again).not.toBe(first);
    expect(again.options).toMatchObject({ conversationId: 'c7', token: 't' });
    expect($conversation.get()).toEqual({ step: 'resuming' });
    again.emit({ type: 'accepted', agent: { name: 'Ann' } });
    for (const message of [chat(1, 'agent', 'Hello!'), chat(2, 'visitor', 'Thanks'), chat(3, 'agent', 'Anything else?')]) again.emit(message);
    expect($chat.get().messages.map((entry) => [entry.n, entry.text])).toEqual([
      [1, 'Hello!'],
      [2, 'Thanks'],
      [3, 'Anything else?'],
    ]);
    expect(visitor.heardOf('chat:message')).toEqual([
      { from: 'agent', text: 'Hello!' },
      { from: 'agent', text: 'Anything else?' },
    ]);
  });

  it('shows how it ended when the other tab ended it meanwhile', async () => {
    const first = await chatting();
    first.emit({ type: 'replaced' });
    visitor.remembered = null;
    continueHere();
    expect(visitor.remembered).toMatchObject({ conversationId: 'c7' });
    visitor.joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($conversation.get()).toEqual({ step: 'ended', reason: 'hangup', call: true, agent: 'Ann' });
    expect(visitor.remembered).toBeNull();
  });
});

describe('a chat becoming a call', () => {
  it('tells the host page when the media goes up, not when it comes down', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': () => [200, { conversationId: 'c1', token: 't', position: 1 }] });
    const joined = await chatWithAnn(visitor);
    joined.emit({ type: 'media', media: 'audio' });
    joined.emit({ type: 'media', media: 'video' });
    joined.emit({ type: 'media', media: 'chat' });
    expect(visitor.heardOf('call:escalated')).toEqual([{ media: 'audio' }, { media: 'video' }]);
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    // It was a call at some point: it ended as one.
    expect($conversation.get()).toMatchObject({ step: 'ended', call: true });
  });
});

describe('a transfer to another agent or queue', () => {
  it('goes back to waiting with the transcript and the devices, and drops what belonged to the agent who left', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': () => [200, { conversationId: 'c1', token: 't', position: 1 }] });
    const joined = await chatWithAnn(visitor);
    joined.emit({ type: 'media', media: 'video' });
    await vi.waitFor(() => expect($call.get().step).toBe('in-call'));
    joined.emit({ type: 'connection', state: 'connected' });
    joined.emit(chat(1, 'visitor', 'Hello'));
    joined.emit(chat(2, 'agent', 'Let me pass you on'));
    await shareScreen();
    joined.emit({ type: 'remote-screen', stream: fakeStream('video').stream });
    joined.emit({ type: 'real-time-text', text: 'Bye fr' });
    joined.emit({ type: 'request', kind: 'screen', by: 'agent' });

    joined.emit({ type: 'transferred', to: 'Billing' });
    expect($conversation.get()).toEqual({ step: 'queued', media: 'video', position: null, estimatedWaitSeconds: null, transferredTo: 'Billing' });
    expect($call.get()).toEqual({ step: 'in-call', media: 'video', connected: false, reconnecting: false });
    expect(joined.conversation.localStream.getTracks().every((track) => track.readyState === 'live')).toBe(true);
    expect($chat.get().messages.map((entry) => entry.text)).toEqual(['Hello', 'Let me pass you on']);
    expect($requests.get().pending).toBeNull();
    expect($screen.get()).toMatchObject({ agentScreen: null, sharing: visitor.screens[0]!.stream });
    expect($realTimeText.get().agent).toBe('');

    joined.emit({ type: 'queued', position: 1, estimatedWaitSeconds: 60 });
    expect($conversation.get()).toMatchObject({ step: 'queued', position: 1, transferredTo: 'Billing' });
    joined.emit({ type: 'accepted', agent: { name: 'Bea' } });
    joined.emit({ type: 'connection', state: 'connected' });
    expect($conversation.get()).toEqual({ step: 'accepted', media: 'video', agent: 'Bea' });
    expect($call.get()).toMatchObject({ step: 'in-call', connected: true });
    // Each agent's connection is news to the host page.
    expect(visitor.heardOf('call:connected')).toEqual([{}, {}]);
  });
});

describe('a verified customer signing out', () => {
  // The host site's identity token for a customer; the widget reads its sub, the server checks its signature.
  const identityOf = (customer: string, exp = 1) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: customer, exp })).toString('base64url')}.signature`;
  const sessionOf = (customerId: string | null): Answer => () => [200, { token: 'visitor-token', visitorId: 'v1', expiresIn: 900, customerId }];
  // What `Beckon('identify', token)` does.
  const pageIdentifies = (token: string | null) => {
    identify(token);
    leaveIfSignedOut();
  };
  const queued: Answer = () => [200, { conversationId: 'c1', token: 't', position: 1 }];

  async function customerChatting(customer: string | null = 'c_42') {
    await serve({ '/v1/visitor/session': sessionOf(customer), '/v1/calls': queued });
    if (customer) pageIdentifies(identityOf(customer));
    const joined = await chatWithAnn(visitor, 'Where is my order?');
    joined.emit(chat(1, 'visitor', 'Where is my order?'));
    joined.emit(chat(2, 'agent', 'Order 1234 ships tomorrow, to 1 Main Street.'));
    return joined;
  }

  function expectFreshStart() {
    expect($conversation.get()).toEqual({ step: 'idle' });
    expect($chat.get().messages).toEqual([]);
    expect($survey.get()).toEqual({ step: 'none' });
    expect(visitor.remembered).toBeNull();
  }

  it('remembers the customer the server vouched for with the conversation', async () => {
    await customerChatting();
    expect(visitor.remembered).toMatchObject({ conversationId: 'c1', customer: 'c_42' });
  });

  it("ends the customer's conversation when the page signs them out, for the agent too, and shows a fresh start", async () => {
    const joined = await customerChatting();
    pageIdentifies(null);
    expect(joined.sent.at(-1)).toBe('hangup');
    expectFreshStart();
    expect(visitor.heardOf('call:ended')).toEqual([{ reason: 'hangup' }]);
    // What the old conversation still says on its way out reaches nobody.
    joined.emit(chat(3, 'agent', 'Anything else?'));
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expectFreshStart();
  });

  it("ends it when the page names another customer, and keeps it for a new token of the same customer", async () => {
    const joined = await customerChatting();
    pageIdentifies(identityOf('c_42', 2));
    expect($conversation.get()).toEqual({ step: 'accepted', media: 'chat', agent: 'Ann' });
    expect(joined.sent).not.toContain('hangup');
    pageIdentifies(identityOf('c_7'));
    expect(joined.sent.at(-1)).toBe('hangup');
    expectFreshStart();
  });

  it('keeps the conversation of an anonymous visitor who signs in; the next, started as the customer, ends when they sign out', async () => {
    let vouched: string | null = null;
    await serve({ '/v1/visitor/session': () => [200, { token: 'visitor-token', visitorId: 'v1', expiresIn: 900, customerId: vouched }], '/v1/calls': queued });
    const joined = await chatWithAnn(visitor, 'Where is my order?');
    vouched = 'c_42';
    pageIdentifies(identityOf('c_42'));
    expect($conversation.get()).toMatchObject({ step: 'accepted' });
    expect(joined.sent).not.toContain('hangup');
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });

    // Its session was the anonymous visitor's: the customer's chat opens one of their own.
    expect(sendMessage('One more thing')).toBe(true);
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(2));
    expect(visitor.remembered).toMatchObject({ customer: 'c_42' });
    pageIdentifies(null);
    expect(visitor.joined.sent.at(-1)).toBe('hangup');
    expectFreshStart();
  });

  it('ends the conversation of an anonymous visitor who signed in during it, once they sign out', async () => {
    const joined = await customerChatting(null);
    pageIdentifies(identityOf('c_42'));
    expect(joined.sent).not.toContain('hangup');
    expect(visitor.remembered).toMatchObject({ customer: 'c_42' });
    pageIdentifies(null);
    expect(joined.sent.at(-1)).toBe('hangup');
    expectFreshStart();
  });

  it("forgets the transcript and survey of the customer's ended conversation", async () => {
    const joined = await customerChatting();
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($survey.get()).toMatchObject({ step: 'asking' });
    pageIdentifies(null);
    expectFreshStart();
  });

  it("leaves alone the other tab's record of an anonymous visitor's conversation when this page says again that no one is signed in", async () => {
    const joined = await customerChatting(null);
    joined.emit({ type: 'replaced' });
    // The other tab muted the call and told the host page of more messages: a reload must keep the microphone off.
    visitor.remembered = { ...visitor.remembered!, heardThrough: 5, muted: true };
    pageIdentifies(null);
    expect(visitor.remembered).toMatchObject({ conversationId: 'c1', heardThrough: 5, muted: true });
  });

  it('joins the conversation another tab took over, to end it', async () => {
    const joined = await customerChatting();
    joined.emit({ type: 'replaced' });
    pageIdentifies(null);
    expect(visitor.conversations).toHaveLength(2);
    expect(visitor.joined.sent).toEqual(['hangup']);
    expectFreshStart();
  });

  it('ends a conversation that started while the customer signed out', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await serve({
      '/v1/visitor/session': sessionOf('c_42'),
      '/v1/calls': async () => {
        await answered;
        return [200, { conversationId: 'c1', token: 't', position: 1 }];
      },
    });
    pageIdentifies(identityOf('c_42'));
    expect(sendMessage('Where is my order?')).toBe(true);
    await vi.waitFor(() => expect(visitor.calls()).toHaveLength(1));
    pageIdentifies(null);
    answer();
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(1));
    expect(visitor.joined.sent.at(-1)).toBe('hangup');
    expectFreshStart();
  });

  describe('on a page that loads', () => {
    const remembered = { conversationId: 'c7', token: 't', expiresAt: Date.now() + 3_600_000, heardThrough: 2, customer: 'c_42' };

    it('ends rather than resumes a customer conversation unless the page names the same customer', async () => {
      const pages: [RememberedConversation, string | null, 'ends' | 'resumes'][] = [
        [remembered, null, 'ends'],
        [remembered, identityOf('c_7'), 'ends'],
        // A new token for the same customer, as each page of the shop signs one.
        [remembered, identityOf('c_42', 3), 'resumes'],
        [{ ...remembered, customer: null }, identityOf('c_42'), 'resumes'],
      ];
      for (const [kept, page, outcome] of pages) {
        await serve();
        visitor.remembered = kept;
        identify(page);
        resumeConversation();
        if (outcome === 'ends') {
          expect(visitor.joined.sent).toEqual(['hangup']);
          expectFreshStart();
          expect($panelOpen.get()).toBe(false);
        } else {
          visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
          expect($conversation.get()).toMatchObject({ step: 'accepted' });
          expect(visitor.joined.sent).toEqual([]);
        }
        await visitor.close();
      }
    });
  });
});
