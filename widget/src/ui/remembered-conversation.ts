// The visitor's current conversation, chat or call, kept in localStorage so a
// reload, another page of the site or another tab comes back to it. It is
// forgotten when the conversation ends or its token expires.

export interface RememberedConversation {
  conversationId: string;
  token: string;
  /** Epoch ms after which the conversation token is no longer accepted. */
  expiresAt: number;
  /** The last transcript number the host page was told about, so a page that resumes does not announce it again. */
  heardThrough: number;
  /** The visitor's microphone and camera switches in its call: a reload or another tab must not turn them back on. */
  muted?: boolean;
  cameraOff?: boolean;
  /** The verified customer it was started as (null: an anonymous visitor): a page that does not name them ends it. */
  customer?: string | null;
}

/**
 * The localStorage key for a widget key's conversation; the loader reads the same key.
 * @example rememberedConversationKey('demo') // 'beckon:conversation:demo'
 */
export function rememberedConversationKey(widgetKey: string): string {
  return `beckon:conversation:${widgetKey}`;
}

/**
 * Reads the remembered conversation, or null when there is none, it expired,
 * or storage is blocked. `storage` is a getter: a sandboxed frame throws on merely reading `localStorage`.
 * @example const conversation = readRememberedConversation(() => localStorage, 'demo');
 */
export function readRememberedConversation(storage: () => Storage, widgetKey: string, now = Date.now()): RememberedConversation | null {
  try {
    const kept = JSON.parse(storage().getItem(rememberedConversationKey(widgetKey)) ?? 'null') as RememberedConversation | null;
    const valid = kept && typeof kept.conversationId === 'string' && typeof kept.token === 'string' && Number.isSafeInteger(kept.heardThrough);
    if (valid && kept.expiresAt > now) return kept;
    storage().removeItem(rememberedConversationKey(widgetKey));
  } catch {
    // Storage blocked (private mode, sandboxed frame) or corrupt: nothing to come back to.
  }
  return null;
}

/**
 * Remembers the conversation, or forgets it with null.
 * @example writeRememberedConversation(() => localStorage, 'demo', null);
 */
export function writeRememberedConversation(storage: () => Storage, widgetKey: string, conversation: RememberedConversation | null): void {
  try {
    if (conversation) storage().setItem(rememberedConversationKey(widgetKey), JSON.stringify(conversation));
    else storage().removeItem(rememberedConversationKey(widgetKey));
  } catch {
    // Without storage a reload simply leaves the conversation, as it would anyway.
  }
}
