import type { SignInResponse } from '@beckon/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, until, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $session, $signIn, freshAccessToken, refreshSession, restoreSession, sessionFrom, signIn, signOut } from './session.ts';

const agent = { id: 'a1', name: 'Ada Agent', email: 'ada@example.com', role: 'agent' as const };
let api: TestApi;
let issued = 0;
/** Refresh tokens the test API still honours; using one retires it, as the real API does. */
const liveRefreshTokens = new Set<string>();

function issue(expiresIn: number): SignInResponse {
  issued++;
  const refreshToken = `refresh-${issued}`;
  liveRefreshTokens.add(refreshToken);
  return { accessToken: `access-${issued}`, refreshToken, expiresIn, agent };
}

let lifetimeSeconds = 900;

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('POST', '/v1/auth/sign-in', (body) => {
    const { password } = body as { password: string };
    if (password !== 'right') return { status: 401, body: { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } } };
    return { status: 200, body: issue(lifetimeSeconds) };
  });
  api.route('POST', '/v1/auth/refresh', (body) => {
    const { refreshToken } = body as { refreshToken: string };
    if (!liveRefreshTokens.delete(refreshToken)) return { status: 401, body: { error: { code: 'unauthorized', message: 'Please sign in again.' } } };
    return { status: 200, body: issue(lifetimeSeconds) };
  });
  api.route('POST', '/v1/auth/sign-out', (body) => {
    liveRefreshTokens.delete((body as { refreshToken: string }).refreshToken);
    return { status: 204, body: null };
  });
});

afterAll(() => api.close());

beforeEach(() => {
  signOut();
  lifetimeSeconds = 900;
  api.requests.length = 0;
});

describe('sessionFrom', () => {
  it('refreshes at 80% of the token lifetime and expires at 100%', () => {
    const session = sessionFrom({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, agent }, 1_000_000);
    expect(session.refreshAt).toBe(1_000_000 + 720_000);
    expect(session.expiresAt).toBe(1_000_000 + 900_000);
  });
});

describe('signIn', () => {
  it('keeps the session in sessionStorage so a reload stays signed in', async () => {
    expect(await signIn('ada@example.com', 'right')).toBe(true);
    expect($session.get()?.agent.name).toBe('Ada Agent');
    const token = $session.get()?.accessToken;
    $session.set(null);
    restoreSession();
    expect($session.get()?.accessToken).toBe(token);
  });

  it('says "Wrong email or password" and stays signed out on a wrong password, so the form can take the focus back', async () => {
    expect(await signIn('ada@example.com', 'wrong')).toBe(false);
    expect($session.get()).toBeNull();
    expect($signIn.get()).toEqual({ pending: false, error: 'Wrong email or password' });
  });

  it('explains a network failure differently from a wrong password', async () => {
    $apiBase.set('http://127.0.0.1:1');
    await signIn('ada@example.com', 'right');
    $apiBase.set(api.base);
    expect($signIn.get().error).toMatch(/^Could not sign in/);
  });
});

describe('signOut', () => {
  it('ends the session on the server too, so the refresh token left behind no longer works', async () => {
    await signIn('ada@example.com', 'right');
    const { refreshToken } = $session.get()!;
    signOut();
    expect($session.get()).toBeNull();
    await until(() => !liveRefreshTokens.has(refreshToken));
    expect(api.requests).toContain('POST /v1/auth/sign-out');
  });
});

describe('token refresh', () => {
  it('refreshes on its own before the access token expires, with the rotated refresh token', async () => {
    lifetimeSeconds = 0.1;
    await signIn('ada@example.com', 'right');
    const first = $session.get()!;
    await until(() => $session.get()?.accessToken !== first.accessToken);
    const second = $session.get()!;
    // Rotation: the next refresh must use the new token, which only works if the store kept it.
    await until(() => $session.get()?.accessToken !== second.accessToken);
    expect($session.get()).not.toBeNull();
    expect(api.requests.filter((r) => r === 'POST /v1/auth/refresh').length).toBeGreaterThanOrEqual(2);
  });

  it('makes one request when refreshes overlap, since a refresh token works once', async () => {
    await signIn('ada@example.com', 'right');
    await Promise.all([refreshSession(), refreshSession(), refreshSession()]);
    expect($session.get()).not.toBeNull();
    expect(api.requests.filter((r) => r === 'POST /v1/auth/refresh')).toHaveLength(1);
  });

  it('returns to the sign-in form when the refresh token is refused', async () => {
    await signIn('ada@example.com', 'right');
    liveRefreshTokens.clear();
    await refreshSession();
    expect($session.get()).toBeNull();
    expect(sessionStorage.length).toBe(0);
    expect($signIn.get().error).toMatch(/sign in again/);
  });

  it('refreshes before handing out an access token that has run out', async () => {
    await signIn('ada@example.com', 'right');
    const stale = $session.get()!;
    $session.set({ ...stale, expiresAt: Date.now() - 1 });
    const token = await freshAccessToken();
    expect(token).not.toBe(stale.accessToken);
    expect(token).toBe($session.get()?.accessToken);
  });

  it('refreshes at once after a reload past the refresh time', async () => {
    await signIn('ada@example.com', 'right');
    const stored = { ...$session.get()!, refreshAt: Date.now() - 1000 };
    sessionStorage.setItem('beckon.agent-session', JSON.stringify(stored));
    $session.set(null);
    restoreSession();
    await until(() => $session.get() !== null && $session.get()?.accessToken !== stored.accessToken);
  });

  it('ignores a damaged stored session', () => {
    sessionStorage.setItem('beckon.agent-session', '{"accessToken":1');
    restoreSession();
    expect($session.get()).toBeNull();
  });
});
