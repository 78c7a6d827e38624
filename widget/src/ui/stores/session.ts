// The visitor session: a short-lived token the API gives for the widget key
// when the visitor first opens the panel (or a call is started); with the
// host site's identity token, for the customer it vouches for.
import { atom } from 'nanostores';
import type { WidgetErrorCode } from '../../context.ts';
import { asApiError, openVisitorSession } from '../api.ts';
import { emitError } from '../host-events.ts';
import { customerNamedBy } from '../identity-token.ts';
import { services } from '../services.ts';

export type SessionState =
  | { status: 'none' }
  | { status: 'opening' }
  /** `customerId`: the verified customer the server vouched for; null for an anonymous visitor. */
  | { status: 'ready'; token: string; expiresAt: number; customerId: string | null }
  | { status: 'unavailable'; code: WidgetErrorCode; message: string };

export const $session = atom<SessionState>({ status: 'none' });

// A token this close to expiry is renewed first, so a call request never carries a dead one.
const renewMs = 30_000;
let opening: Promise<string | null> | null = null;
// The host site's identity token (`data-identity`, `Beckon('identify', …)`); null: anonymous.
let identity: string | null = null;

/**
 * Takes the host site's identity token for the visitor's next session (null: anonymous from now on);
 * a session opened before is not used again, while a conversation going on keeps its own
 * (`leaveIfSignedOut` ends it when it was another customer's).
 * @example identify('eyJhbGciOiJIUzI1NiJ9…');
 */
export function identify(token: unknown): void {
  if (token !== null && (typeof token !== 'string' || !token)) return emitError('bad_request', 'identify takes the identity token your server signed (a string), or null');
  // A page that says it again (each route of a single-page app) keeps its session.
  if (token === identity) return;
  identity = token;
  // Counted as run out, so the next conversation opens a session of its own, while
  // one being started still finds whom the session it was asked with vouched for.
  const session = $session.get();
  if (session.status === 'ready') $session.set({ ...session, expiresAt: 0 });
}

/**
 * The customer the page names now (its identity token's `sub`, unverified): only ever a reason to end a conversation, never to grant one.
 * @example identify(tokenOfCustomer42); namedCustomer() // 'c_42'
 */
export function namedCustomer(): string | null {
  return customerNamedBy(identity);
}

/**
 * Returns a visitor token, opening a session first when there is none or it is about to expire; null when support is unavailable.
 * @example const token = await ensureSession(); if (token) await requestCall(base, token, call);
 */
export function ensureSession(): Promise<string | null> {
  const session = $session.get();
  if (session.status === 'ready' && session.expiresAt - renewMs > Date.now()) return Promise.resolve(session.token);
  opening ??= open().finally(() => {
    opening = null;
  });
  return opening;
}

async function open(): Promise<string | null> {
  $session.set({ status: 'opening' });
  const { base, key } = services();
  // A snippet pasted without its data-key: the server could only answer "bad request".
  if (!key) return unavailable('missing_widget_key', 'The widget.js script tag has no data-key attribute with the widget key.');
  const asked = identity;
  try {
    const { token, expiresIn, customerId } = await openVisitorSession(base, key, asked);
    // Identified as someone else meanwhile: that session is theirs.
    if (identity !== asked) return open();
    $session.set({ status: 'ready', token, expiresAt: Date.now() + expiresIn * 1000, customerId });
    return token;
  } catch (error) {
    const { code, message } = asApiError(error);
    if (code !== 'invalid_identity') return unavailable(code, message);
    // The site's developer hears why; the visitor still gets support, as an anonymous visitor.
    emitError(code, message);
    if (identity === asked) identity = null;
    return open();
  }
}

/**
 * Says support is unavailable to this visitor, in place of the message box and
 * the call buttons, and tells the host page why (opening the panel again tries anew).
 * @example unavailable('visitor_blocked', "This site's support team has blocked requests from your network for a time.");
 */
export function unavailable(code: WidgetErrorCode, message: string): null {
  $session.set({ status: 'unavailable', code, message });
  emitError(code, message);
  return null;
}
