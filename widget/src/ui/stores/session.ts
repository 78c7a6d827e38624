// The visitor session: a short-lived token the API gives for the widget key
// when the visitor first opens the panel (or a call is started).
import { atom } from 'nanostores';
import type { WidgetErrorCode } from '../../context.ts';
import { asApiError, openVisitorSession } from '../api.ts';
import { emitError } from '../host-events.ts';
import { services } from '../services.ts';

export type SessionState =
  | { status: 'none' }
  | { status: 'opening' }
  | { status: 'ready'; token: string; expiresAt: number }
  | { status: 'unavailable'; code: WidgetErrorCode; message: string };

export const $session = atom<SessionState>({ status: 'none' });

// A token this close to expiry is renewed first, so a call request never carries a dead one.
const renewMs = 30_000;
let opening: Promise<string | null> | null = null;

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
  try {
    const { token, expiresIn } = await openVisitorSession(base, key);
    $session.set({ status: 'ready', token, expiresAt: Date.now() + expiresIn * 1000 });
    return token;
  } catch (error) {
    const { code, message } = asApiError(error);
    return unavailable(code, message);
  }
}

function unavailable(code: WidgetErrorCode, message: string): null {
  $session.set({ status: 'unavailable', code, message });
  emitError(code, message);
  return null;
}
