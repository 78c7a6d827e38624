// The invite page: an agent opens their one-time link (`/console/#invite=<token>`),
// sees who it is for, sets a password and is signed in.
import { limits, type InviteDetails } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getInvite, postInviteAcceptance } from '../admin-api.ts';
import { ApiFailure } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { startSession } from './session.ts';

export interface InviteState {
  token: string;
  /** Who the link is for, once loaded; null while loading or when the link does not work. */
  details: InviteDetails | null;
  loading: boolean;
  pending: boolean;
  error: string | null;
}

export const $invite = atom<InviteState | null>(null);

/**
 * The token of an invite link's fragment, or null for any other fragment.
 * @example inviteTokenFrom('#invite=demo.q3J') // 'demo.q3J'
 */
export function inviteTokenFrom(hash: string): string | null {
  const match = /^#invite=([A-Za-z0-9._-]+)$/.exec(hash);
  return match?.[1] ?? null;
}

/**
 * Shows the invite page for a token and loads who it is for.
 * @example await openInvite('demo.q3J…');
 */
export async function openInvite(token: string): Promise<void> {
  $invite.set({ token, details: null, loading: true, pending: false, error: null });
  try {
    const details = await getInvite($apiBase.get(), token);
    update({ details, loading: false });
  } catch (error) {
    update({ loading: false, error: failure(error) });
  }
}

/**
 * Sets the password (typed twice) and signs the agent in; false when it did not work, with the reason in the store.
 * @example await acceptInvite('correct horse', 'correct horse') // true
 */
export async function acceptInvite(password: string, repeated: string): Promise<boolean> {
  const invite = $invite.get();
  if (!invite || invite.pending) return false;
  const problem =
    password !== repeated ? 'The two passwords are not the same.'
    : password.length < limits.minPasswordChars ? `The password needs at least ${limits.minPasswordChars} characters.`
    : null;
  update({ pending: !problem, error: problem });
  if (problem) return false;
  try {
    startSession(await postInviteAcceptance($apiBase.get(), invite.token, password));
    $invite.set(null);
    return true;
  } catch (error) {
    update({ pending: false, error: failure(error) });
    return false;
  }
}

/**
 * Leaves the invite page for the sign-in form.
 * @example closeInvite();
 */
export function closeInvite(): void {
  $invite.set(null);
}

function update(change: Partial<InviteState>): void {
  const current = $invite.get();
  if (current) $invite.set({ ...current, ...change });
}

// The server explains a dead link and a refused password; anything else is a connection problem.
function failure(error: unknown): string {
  return error instanceof ApiFailure ? error.message : `Could not reach the server: ${reason(error)}`;
}
