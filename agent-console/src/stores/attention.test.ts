import type { ChatMessage } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { $notifications, consoleTitle, followAttention, turnOnNotifications, type AttentionPage } from './attention.ts';
import { newConversation, type AgentConversation } from './conversation-state.ts';
import { $conversations, $selectedId, resetConversations } from './conversations.ts';
import { $offer, type RingingOffer } from './offer.ts';
import { $pageVisible } from './page-visibility.ts';
import { $view } from './view.ts';

const caller = { visitor: 'Visitor 4F2A', page: 'https://shop.example/help' };
const offer: RingingOffer = { offerId: 'o1', conversationId: 'c1', media: 'video', caller, ringsUntil: 0, answering: false };
const message = (n: number, text = `text ${n}`): ChatMessage => ({ n, id: `m${n}`, from: 'visitor', text, at: n });
const chat = (messages: ChatMessage[], readThrough = 0): AgentConversation => ({
  ...newConversation({ offerId: 'o2', conversationId: 'c2', media: 'chat', caller }, null),
  phase: 'live',
  messages,
  readThrough,
});

// The browser's desktop notifications, which cannot be shown here: what the console asked for.
let shown: { title: string; body?: string; tag?: string; click(): void }[];
let permission: NotificationPermission;
let focused: number;
let stop: () => void;
const page: AttentionPage = {
  document: { title: '' },
  focus: () => void focused++,
  Notification: class {
    static get permission() {
      return permission;
    }
    static requestPermission = async () => (permission = 'granted');
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body, tag: options?.tag, click: () => this.onclick?.() });
    }
    close() {}
  } as unknown as AttentionPage['Notification'],
};

beforeEach(() => {
  shown = [];
  permission = 'default';
  focused = 0;
  resetConversations();
  $offer.set(null);
  $pageVisible.set(true);
  $view.set('history');
  stop = followAttention(page);
});
afterEach(() => stop());

describe('the tab title', () => {
  it('says what rings, else how many visitor messages are unread', () => {
    expect(page.document.title).toBe(consoleTitle);
    $conversations.set({ c2: chat([message(1), message(2)], 1) });
    expect(page.document.title).toBe(`(1) ${consoleTitle}`);
    $offer.set(offer);
    expect(page.document.title).toBe(`Video call from Visitor 4F2A — ${consoleTitle}`);
    $offer.set({ ...offer, answering: true });
    expect(page.document.title).toBe(`(1) ${consoleTitle}`);
  });
});

describe('desktop notifications', () => {
  it('are off until the agent turns them on, and then tell only of what arrives while the console is out of sight', async () => {
    $pageVisible.set(false);
    $offer.set(offer);
    expect(shown).toEqual([]);
    expect($notifications.get()).toBe('default');

    await turnOnNotifications();
    expect($notifications.get()).toBe('granted');
    $offer.set(null);
    $pageVisible.set(true);
    $offer.set({ ...offer, offerId: 'o3' });
    expect(shown).toEqual([]);
    $pageVisible.set(false);
    $offer.set({ ...offer, offerId: 'o4' });
    expect(shown).toMatchObject([{ title: 'Video call from Visitor 4F2A', body: caller.page, tag: 'o4' }]);
    // The page is the visitor's to say, up to 2,048 characters: cut as a message is.
    $offer.set({ ...offer, offerId: 'o5', caller: { ...caller, page: `https://shop.example/${'x'.repeat(300)}` } });
    expect(shown[1]!.body).toHaveLength(120);
  });

  it('tell of a new visitor message, not of the transcript a conversation starts with, and a click opens it', async () => {
    await turnOnNotifications();
    $pageVisible.set(false);
    $conversations.set({ c2: chat([message(1), message(2)]) });
    expect(shown).toEqual([]);
    $conversations.set({ c2: chat([message(1), message(2), message(3, 'Is anyone there? '.repeat(10))]) });
    expect(shown).toMatchObject([{ title: 'Visitor 4F2A wrote', tag: 'message-c2' }]);
    expect(shown[0]!.body).toHaveLength(120);
    expect(shown[0]!.body!.endsWith('…')).toBe(true);

    shown[0]!.click();
    expect(focused).toBe(1);
    expect([$view.get(), $selectedId.get()]).toEqual(['conversations', 'c2']);
    // One the agent has read already is no news.
    $conversations.set({ c2: chat([message(1), message(2), message(3), message(4)], 4) });
    expect(shown).toHaveLength(1);
  });
});
