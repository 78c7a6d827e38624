// The Admin page's team store against a real HTTP server.
import type { AdminAgent } from '@beckon/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $isAdmin } from './admin.ts';
import { $apiBase } from './api-base.ts';
import { $session, sessionFrom, signOut } from './session.ts';
import { $oneTimeLink, $team, $teamAction, changeAgent, dismissOneTimeLink, inviteAgent, removeAgent, resetAgent, resetTeam } from './team.ts';

const ada: AdminAgent = { id: 'a2', name: 'Ada', email: 'ada@example.com', role: 'agent', skills: ['es'], capacity: 1, state: 'invited' };
const link = { token: 'demo.t0k3n', url: 'http://support.example/console/#invite=demo.t0k3n', expiresAt: 1_900_000_000_000 };
let api: TestApi;
let bodies: { path: string; body: unknown; authorization: string | undefined }[];

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  const record = (path: string, reply: { status: number; body: unknown }) => (body: unknown, request: { headers: Record<string, string | string[] | undefined> }) => {
    bodies.push({ path, body, authorization: request.headers.authorization as string | undefined });
    return reply;
  };
  api.route('GET', '/v1/admin/agents', () => ({ status: 200, body: { agents: [ada] } }));
  api.route('PATCH', '/v1/admin/agents/a2', record('PATCH a2', { status: 200, body: { agent: { ...ada, role: 'supervisor' } } }));
  api.route('POST', '/v1/admin/agents/a2/reset', record('reset a2', { status: 200, body: { agent: ada, invite: link } }));
  api.route('DELETE', '/v1/admin/agents/a2', record('DELETE a2', { status: 204, body: undefined }));
});
afterAll(() => api.close());

beforeEach(() => {
  bodies = [];
  api.requests.length = 0;
  resetTeam();
  $session.set(sessionFrom({ accessToken: 'admin-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'robin@example.com', role: 'admin' } }, Date.now()));
});

describe('the team', () => {
  it('shows an invite link once, then loads the team again', async () => {
    api.route('POST', '/v1/admin/agents', (body) => ({ status: 201, body: { agent: { ...ada, ...(body as object) }, invite: link } }));
    expect(await inviteAgent({ name: 'Ada', email: 'ada@example.com', role: 'agent', skills: ['es'], capacity: 1 })).toBe(true);
    expect($oneTimeLink.get()).toEqual({ agentName: 'Ada', url: link.url, expiresAt: link.expiresAt, why: 'invite' });
    expect(api.requests).toEqual(['POST /v1/admin/agents', 'GET /v1/admin/agents']);
    expect($team.get().items).toEqual([ada]);
    dismissOneTimeLink();
    expect($oneTimeLink.get()).toBeNull();
  });

  it('says why an invite failed, in the server\'s words, and shows no link', async () => {
    api.route('POST', '/v1/admin/agents', () => ({ status: 409, body: { error: { code: 'conflict', message: 'An agent with this email is already on the team.' } } }));
    expect(await inviteAgent({ name: 'Ada', email: 'ada@example.com', role: 'agent', skills: [], capacity: 1 })).toBe(false);
    expect($teamAction.get()).toEqual({ pending: false, done: null, error: 'Could not invite Ada: An agent with this email is already on the team.' });
    expect($oneTimeLink.get()).toBeNull();
    expect(api.requests).toEqual(['POST /v1/admin/agents']);
  });

  it('changes, resets and removes an agent by id, with the admin\'s token', async () => {
    expect(await changeAgent(ada, { role: 'supervisor', skills: ['es', 'billing'] })).toBe(true);
    expect($teamAction.get().done).toBe('Ada was changed.');
    expect(await resetAgent(ada)).toBe(true);
    expect($oneTimeLink.get()).toMatchObject({ agentName: 'Ada', why: 'reset', url: link.url });
    expect(await removeAgent(ada)).toBe(true);
    expect($teamAction.get().done).toBe('Ada was removed.');
    expect(bodies).toEqual([
      { path: 'PATCH a2', body: { role: 'supervisor', skills: ['es', 'billing'] }, authorization: 'Bearer admin-token' },
      { path: 'reset a2', body: null, authorization: 'Bearer admin-token' },
      { path: 'DELETE a2', body: null, authorization: 'Bearer admin-token' },
    ]);
  });

  it('shows the Admin page to admins only', () => {
    expect($isAdmin.get()).toBe(true);
    const session = $session.get()!;
    $session.set({ ...session, agent: { ...session.agent, role: 'supervisor' } });
    expect($isAdmin.get()).toBe(false);
    signOut();
    expect($isAdmin.get()).toBe(false);
  });
});
