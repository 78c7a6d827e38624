// What the call UI needs from the browser and the page, provided once by
// `mount` so the stores can be exercised with stand-ins under Node.
import type { Media } from '@beckon/protocol';
import type { Conversation, ConversationOptions, DeviceAccess } from '@beckon/rtc';
import type { RememberedCall } from './remembered-call.ts';

export interface Services {
  /** The API's origin. */
  base: string;
  /** The widget key from the script tag. */
  key: string;
  /** The queue calls wait in unless one is asked for (the script tag's `data-queue`). */
  queue?: string;
  /** The address of the page the visitor calls from. */
  page(): string;
  captureMedia(media: Media): Promise<MediaStream>;
  /** A stream without tracks, for a conversation that waits for a call back before devices are needed. */
  emptyStream(): MediaStream;
  /** One device at a time, for switching and for falling back after an unplug. */
  devices: DeviceAccess;
  joinConversation(options: ConversationOptions): Conversation;
  /** The call this tab was in before a reload, if any. */
  rememberedCall(): RememberedCall | null;
  rememberCall(call: RememberedCall | null): void;
}

let provided: Services | null = null;

/**
 * Makes the browser (or a test's stand-ins) available to the stores.
 * @example provideServices({ base: 'https://support.example', key: 'demo', page: () => location.href, captureMedia, devices: browserDevices, joinConversation, rememberedCall, rememberCall });
 */
export function provideServices(next: Services): void {
  provided = next;
}

/**
 * Returns the services given to `provideServices`.
 * @example const { base, key } = services();
 */
export function services(): Services {
  if (!provided) throw new Error('The Beckon call UI is not mounted');
  return provided;
}
