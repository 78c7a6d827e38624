// The visitor's world for the stores' tests: the support API on a real HTTP
// server, conversations the test drives, the visitor's devices and screen
// picker, this site's localStorage, and what the host page heard.
import type { Media } from '@beckon/protocol';
import { fakeDevices, fakeStream } from '@beckon/rtc/testing';
import { expect, vi } from 'vitest';
import type { HostEvent } from '../../context.ts';
import { hostEvents } from '../host-events.ts';
import { readRememberedConversation, writeRememberedConversation, type RememberedConversation } from '../remembered-conversation.ts';
import { provideServices } from '../services.ts';
import { $alternatives } from '../stores/alternatives.ts';
import { $call } from '../stores/call.ts';
import { $chat, $chatRefusal, $returnedDraft, sendMessage } from '../stores/chat.ts';
import { $conversation } from '../stores/conversation.ts';
import { releaseMedia } from '../stores/media.ts';
import { $panelOpen, $pageVisible } from '../stores/panel.ts';
import { $realTimeText } from '../stores/real-time-text.ts';
import { $requests } from '../stores/requests.ts';
import { $screen } from '../stores/screen.ts';
import { $session, identify } from '../stores/session.ts';
import { skipSurvey } from '../stores/survey.ts';
import { type Answer, fakeConversation, startSupportApi } from './support-api.ts';

export const visitorSession: Answer = () => [200, { token: 'visitor-token', visitorId: 'v1', expiresIn: 900, customerId: null }];
export const queuedThird: Answer = () => [200, { conversationId: 'c1', token: 'conversation-token', position: 3 }];

export interface VisitorOptions {
  /** The camera and microphone; by default they are granted. */
  captureMedia?: (media: Media) => Promise<MediaStream>;
  /** The screen picker; by default the visitor picks a screen. */
  captureScreen?: () => Promise<MediaStream>;
  /** The script tag's `data-queue`. */
  queue?: string;
  /** This site's localStorage, shared by the pages (tabs) of a test; a new one by default. */
  storage?: Storage;
}

/**
 * A Storage kept in memory, as localStorage behaves within one site.
 * @example const storage = memoryStorage(); storage.setItem('a', '1');
 */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/**
 * Sets every store back to a page that just loaded, with the panel closed.
 * @example beforeEach(resetWidget);
 */
export function resetWidget(): void {
  $conversation.set({ step: 'idle' });
  $alternatives.set({ step: 'none' });
  $call.set({ step: 'idle' });
  $chat.set({ conversationId: null, messages: [], delivered: 0, read: 0, agentTyping: false });
  $returnedDraft.set('');
  $chatRefusal.set('');
  $requests.set({ pending: null, declined: null, refused: null });
  $screen.set({ sharing: null, agentScreen: null, drawings: { strokes: [], remotePointer: null } });
  $realTimeText.set({ on: false, agent: '' });
  $session.set({ status: 'none' });
  // A page that names no signed-in customer.
  identify(null);
  $panelOpen.set(false);
  $pageVisible.set(true);
  skipSurvey();
  releaseMedia();
}

/**
 * Starts the API with `answers` and provides the stores with the visitor's world.
 * @example const visitor = await startVisitor({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird }); … await visitor.close();
 */
export async function startVisitor(answers: Record<string, Answer>, options: VisitorOptions = {}) {
  const api = await startSupportApi(answers);
  const storage = options.storage ?? memoryStorage();
  const world = {
    api,
    conversations: [] as ReturnType<typeof fakeConversation>[],
    /** Camera and microphone streams handed out, in order. */
    streams: [] as ReturnType<typeof fakeStream>[],
    /** Screens the visitor picked, in order. */
    screens: [] as ReturnType<typeof fakeStream>[],
    storage,
    /** The conversation localStorage holds for the widget key. */
    get remembered(): RememberedConversation | null {
      return readRememberedConversation(() => storage, 'demo');
    },
    set remembered(conversation: RememberedConversation | null) {
      writeRememberedConversation(() => storage, 'demo', conversation);
    },
    heard: [] as HostEvent[],
    // The first of each kind is the default.
    devices: fakeDevices([
      { kind: 'audioinput', deviceId: 'default', label: 'Default microphone' },
      { kind: 'audioinput', deviceId: 'headset', label: 'Headset' },
      { kind: 'videoinput', deviceId: 'default', label: 'Webcam' },
      { kind: 'videoinput', deviceId: 'document-camera', label: 'Document camera' },
    ]),
    /** The conversation joined last. */
    get joined() {
      return world.conversations.at(-1)!;
    },
    /** Every `POST /v1/calls`. */
    calls: () => api.requests.filter((request) => request.path === '/v1/calls'),
    /** The host page's events of one name, details only. */
    heardOf: (name: HostEvent['name']) => world.heard.filter((event) => event.name === name).map((event) => event.detail),
  };
  provideServices({
    base: api.base,
    key: 'demo',
    ...(options.queue && { queue: options.queue }),
    page: () => 'https://shop.example/help',
    captureMedia:
      options.captureMedia ??
      (async (media) => {
        world.streams.push(fakeStream(media));
        return world.streams.at(-1)!.stream;
      }),
    captureScreen:
      options.captureScreen ??
      (async () => {
        world.screens.push(fakeStream('video'));
        return world.screens.at(-1)!.stream;
      }),
    devices: world.devices.access,
    joinConversation: (joinOptions) => {
      world.conversations.push(fakeConversation(joinOptions));
      return world.joined.conversation;
    },
    rememberedConversation: () => readRememberedConversation(() => storage, 'demo'),
    rememberConversation: (conversation) => writeRememberedConversation(() => storage, 'demo', conversation),
  });
  const stopListening = hostEvents.on((event) => void world.heard.push(event));
  return Object.assign(world, {
    /** Ends the conversation still joined, so the next test starts from nothing, and stops the API. */
    async close() {
      world.conversations.at(-1)?.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
      stopListening();
      await api.close();
    },
  });
}

/**
 * The visitor's first message starts a chat, and Ann accepts it; resolves with the conversation.
 * @example const joined = await chatWithAnn(visitor); joined.emit({ type: 'request', kind: 'video', by: 'agent' });
 */
export async function chatWithAnn(visitor: Awaited<ReturnType<typeof startVisitor>>, firstMessage = 'Hello') {
  expect(sendMessage(firstMessage)).toBe(true);
  await vi.waitFor(() => expect(visitor.conversations).toHaveLength(1));
  const joined = visitor.joined;
  joined.emit({ type: 'media', media: 'chat' });
  joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
  return joined;
}
