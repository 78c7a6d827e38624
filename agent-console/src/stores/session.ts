// The signed-in agent's tokens. Kept in sessionStorage so a reload stays
// signed in while a closed tab does not; refreshed before the access token
// expires because the presence socket and History need a valid one.
import type { AgentProfile, SignInResponse } from '@beckon/protocol';
import { atom, computed } from 'nanostores';
import { ApiFailure, postRefresh, postSignIn, postSignOut } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';

export interface AgentSession {
  accessToken: string;
  refreshToken: string;
  agent: AgentProfile;
  /** When the access token stops working (ms since the epoch). */
  expiresAt: number;
  /** When to trade the refresh token for a new pair (ms since the epoch). */
  refreshAt: number;
}

/** The sign-in form's progress: whether a request is out and what went wrong. */
export interface SignInState {
  pending: boolean;
  error: string | null;
}

export const $session = atom<AgentSession | null>(null);
export const $signedIn = computed($session, (session) => session !== null);
export const $signIn = atom<SignInState>({ pending: false, error: null });

const storageKey = 'beckon.agent-session';
/** Refresh at this share of the token's life, leaving room for a slow network. */
const refreshShare = 0.8;
const retryMs = 10_000;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<void> | null = null;

/**
 * Turns a sign-in or refresh answer into a session with absolute times.
 * @example sessionFrom(response, Date.now()).refreshAt // now + 80% of expiresIn
 */
export function sessionFrom(response: SignInResponse, now: number): AgentSession {
  const lifetimeMs = response.expiresIn * 1000;
  return {
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    agent: response.agent,
    expiresAt: now + lifetimeMs,
    refreshAt: now + Math.round(lifetimeMs * refreshShare),
  };
}

function keep(session: AgentSession | null): void {
  clearTimeout(refreshTimer);
  $session.set(session);
  if (session) {
    sessionStorage.setItem(storageKey, JSON.stringify(session));
    refreshTimer = setTimeout(() => void refreshSession(), Math.max(0, session.refreshAt - Date.now()));
  } else {
    sessionStorage.removeItem(storageKey);
  }
}

/**
 * Signs in; a wrong password shows an error and leaves the form as it was.
 * Resolves to whether the agent is signed in.
 * @example if (!(await signIn('ada@example.com', 'secret'))) passwordField.focus();
 */
export async function signIn(email: string, password: string): Promise<boolean> {
  $signIn.set({ pending: true, error: null });
  try {
    const response = await postSignIn($apiBase.get(), email, password);
    $signIn.set({ pending: false, error: null });
    keep(sessionFrom(response, Date.now()));
    return true;
  } catch (error) {
    const wrongPassword = error instanceof ApiFailure && error.code === 'invalid_credentials';
    const message = wrongPassword ? 'Wrong email or password' : `Could not sign in: ${reason(error)}`;
    $signIn.set({ pending: false, error: message });
    return false;
  }
}

/**
 * Starts the session an invite link's acceptance answered: the agent is
 * signed in. Whoever was signed in in this tab is signed out first, so their
 * shift ends and the new one starts with the new agent's token.
 * @example startSession(await postInviteAcceptance(apiBase, token, password));
 */
export function startSession(response: SignInResponse): void {
  if ($session.get()) signOut();
  $signIn.set({ pending: false, error: null });
  keep(sessionFrom(response, Date.now()));
}

/**
 * Trades the refresh token for a new pair. Concurrent callers share one
 * request, because refresh tokens rotate and a second use would be refused.
 * @example await refreshSession();
 */
export function refreshSession(): Promise<void> {
  refreshing ??= (async () => {
    const session = $session.get();
    if (!session) return;
    try {
      const response = await postRefresh($apiBase.get(), session.refreshToken);
      if ($session.get() === session) keep(sessionFrom(response, Date.now()));
    } catch (error) {
      if ($session.get() !== session) return;
      if (error instanceof ApiFailure && error.status === 401) {
        signOut('Your session ended. Please sign in again.');
      } else {
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => void refreshSession(), retryMs);
      }
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * An access token that is still valid, refreshing first when it has run out.
 * Null once signed out.
 * @example const token = await freshAccessToken();
 */
export async function freshAccessToken(): Promise<string | null> {
  const session = $session.get();
  if (session && session.expiresAt <= Date.now()) await refreshSession();
  return $session.get()?.accessToken ?? null;
}

/**
 * Forgets the session and returns to the sign-in form. The server is told, so
 * the refresh token stops working there too; the form does not wait for it.
 * @example signOut();
 */
export function signOut(why: string | null = null): void {
  const session = $session.get();
  if (session) postSignOut($apiBase.get(), session.refreshToken).catch(() => {});
  keep(null);
  $signIn.set({ pending: false, error: why });
}

/**
 * Picks up the session a reload left in sessionStorage, refreshing it at once
 * when its refresh time has passed.
 * @example restoreSession();
 */
export function restoreSession(): void {
  const stored = readStored(sessionStorage.getItem(storageKey));
  if (stored) keep(stored);
  else sessionStorage.removeItem(storageKey);
}

function readStored(text: string | null): AgentSession | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<AgentSession>;
    const complete =
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.agent?.name === 'string' &&
      typeof value.expiresAt === 'number' &&
      typeof value.refreshAt === 'number';
    return complete ? (value as AgentSession) : null;
  } catch {
    return null;
  }
}

