// The invite page's store against a real HTTP server.
import type { InviteDetails } from '@beckon/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $invite, acceptInvite, closeInvite, inviteTokenFrom, openInvite } from './invite.ts';
import { $session, signOut } from './session.ts';

const details: InviteDetails = { name: 'Ada', email: 'ada@example.com', expiresAt: 1_900_000_000_000 };
const deadLink = { status: 404, body: { error: { code: 'not_found', message: 'This link is not valid: it has been used, has expired, or was replaced by a newer one.' } } };
let api: TestApi;
let passwords: unknown[];

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('GET', '/v1/invites/demo.good', () => ({ status: 200, body: details }));
  api.route('POST', '/v1/invites/demo.good', (body) => {
    passwords.push(body);
    return {
      status: 200,
      body: { accessToken: 'access', refreshToken: 'refresh', expiresIn: 900, agent: { id: 'a2', name: 'Ada', email: 'ada@example.com', role: 'agent' } },
    };
  });
  api.route('GET', '/v1/invites/demo.used', () => deadLink);
});
afterAll(() => api.close());

beforeEach(() => {
  passwords = [];
  closeInvite();
  signOut();
});

describe('inviteTokenFrom', () => {
  it('reads the token of an invite link\'s fragment only', () => {
    expect(inviteTokenFrom('#invite=demo.q3J_-x')).toBe('demo.q3J_-x');
    expect(inviteTokenFrom('')).toBeNull();
    expect(inviteTokenFrom('#history')).toBeNull();
    expect(inviteTokenFrom('#invite=<script>')).toBeNull();
  });
});

describe('accepting an invite', () => {
  it('shows who the link is for, sets the password and signs the agent in', async () => {
    await openInvite('demo.good');
    expect($invite.get()).toEqual({ token: 'demo.good', details, loading: false, pending: false, error: null });
    expect(await acceptInvite('correct horse', 'correct horse')).toBe(true);
    expect(passwords).toEqual([{ password: 'correct horse' }]);
    expect($invite.get()).toBeNull();
    expect($session.get()?.agent.name).toBe('Ada');
  });

  it('checks the two passwords match and are long enough before asking the server', async () => {
    await openInvite('demo.good');
    expect(await acceptInvite('correct horse', 'correct horses')).toBe(false);
    expect($invite.get()?.error).toBe('The two passwords are not the same.');
    expect(await acceptInvite('short', 'short')).toBe(false);
    expect($invite.get()?.error).toBe('The password needs at least 8 characters.');
    expect(passwords).toEqual([]);
    expect($session.get()).toBeNull();
  });

  it('explains a link that no longer works, in the server\'s words', async () => {
    await openInvite('demo.used');
    expect($invite.get()).toMatchObject({ details: null, loading: false, error: deadLink.body.error.message });
  });

  it('tells a connection problem apart from a dead link', async () => {
    $apiBase.set('http://127.0.0.1:1');
    await openInvite('demo.good');
    $apiBase.set(api.base);
    expect($invite.get()?.error).toMatch(/^Could not reach the server/);
  });
});
