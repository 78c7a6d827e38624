// The visitor's current call, kept in the tab's sessionStorage so a reload
// (or a new page of the same site in this tab) comes back to it.
import type { Media } from '@beckon/protocol';

export interface RememberedCall {
  conversationId: string;
  token: string;
  media: Media;
  /** Epoch ms after which the conversation token is no longer accepted. */
  expiresAt: number;
  /** Waiting to be called back: the page rejoins without asking for devices. */
  callback?: boolean;
}

/**
 * The sessionStorage key for a widget key's call; the loader reads the same key.
 * @example rememberedCallKey('demo') // 'beckon:call:demo'
 */
export function rememberedCallKey(widgetKey: string): string {
  return `beckon:call:${widgetKey}`;
}

/**
 * Reads the remembered call, or null when there is none, it expired, or storage is blocked.
 * @example const call = readRememberedCall(sessionStorage, 'demo');
 */
export function readRememberedCall(storage: Storage, widgetKey: string, now = Date.now()): RememberedCall | null {
  try {
    const call = JSON.parse(storage.getItem(rememberedCallKey(widgetKey)) ?? 'null') as RememberedCall | null;
    const valid = call && typeof call.conversationId === 'string' && typeof call.token === 'string' && (call.media === 'audio' || call.media === 'video');
    if (valid && call.expiresAt > now) return call;
    storage.removeItem(rememberedCallKey(widgetKey));
  } catch {
    // Storage blocked (private mode, sandboxed frame) or corrupt: nothing to come back to.
  }
  return null;
}

/**
 * Remembers the call, or forgets it with null.
 * @example writeRememberedCall(sessionStorage, 'demo', null);
 */
export function writeRememberedCall(storage: Storage, widgetKey: string, call: RememberedCall | null): void {
  try {
    if (call) storage.setItem(rememberedCallKey(widgetKey), JSON.stringify(call));
    else storage.removeItem(rememberedCallKey(widgetKey));
  } catch {
    // Without storage a reload simply ends the call, as it would anyway.
  }
}
