// What the call UI needs from the browser and the page, provided once by
// `mount` so the stores can be exercised with stand-ins under Node.
import type { Media } from '@beckon/protocol';
import type { Conversation, ConversationOptions, DeviceAccess } from '@beckon/rtc';
import type { RememberedConversation } from './remembered-conversation.ts';

export interface Services {
  /** The API's origin. */
  base: string;
  /** The widget key from the script tag. */
  key: string;
  /** The queue conversations wait in unless one is asked for (the script tag's `data-queue`). */
  queue?: string;
  /** The address of the page the visitor writes or calls from. */
  page(): string;
  captureMedia(media: Media): Promise<MediaStream>;
  /**
   * The screen, window or tab the visitor picks; browsers only show the picker
   * when this is called within the click that asked for it.
   */
  captureScreen(): Promise<MediaStream>;
  /** One device at a time, for switching and for falling back after an unplug. */
  devices: DeviceAccess;
  joinConversation(options: ConversationOptions): Conversation;
  /** The conversation this site's pages were in, if any. */
  rememberedConversation(): RememberedConversation | null;
  rememberConversation(conversation: RememberedConversation | null): void;
}

let provided: Services | null = null;

/**
 * Makes the browser (or a test's stand-ins) available to the stores.
 * @example provideServices({ base: 'https://support.example', key: 'demo', page: () => location.href, captureMedia, captureScreen, devices: browserDevices, joinConversation, rememberedConversation, rememberConversation });
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
