// The admin API's part of the contract: role gating, the team (invite,
// accept, change, reset, remove), queues, origins, widget keys, verified
// visitors and settings, over real HTTP and WebSockets against a running host.
import { limits } from '@beckon/protocol';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { contractWebhookReceiver, type ContractHost } from './contract.ts';
import { openSocket, postJson, postJsonFrom, requestJson, type TestSocket } from './clients.ts';
import { demoApi } from './demo-api.ts';

/**
 * Defines the admin API's tests against the demo tenant of a running host.
 * @example describeAdminApi(() => beckon, contractSettings.demoPassword);
 */
export function describeAdminApi(host: () => ContractHost, password: string): void {
  const { signIn, visitorSession, startCall, connectAgent, joinConversation } = demoApi(host, password);
  const url = (path: string) => `${host().origin}${path}`;
  const as = (accessToken: string) => {
    const headers = { Authorization: `Bearer ${accessToken}` };
    return {
      get: (path: string) => requestJson('GET', url(path), undefined, headers),
      post: (path: string, body?: unknown) => requestJson('POST', url(path), body, headers),
      patch: (path: string, body: unknown) => requestJson('PATCH', url(path), body, headers),
      delete: (path: string) => requestJson('DELETE', url(path), undefined, headers),
    };
  };
  const signInAdmin = async () => as((await signIn('admin@demo.test')).accessToken);
  const newEmail = () => `${crypto.randomUUID().slice(0, 8)}@team.test`;
  const invite = async (admin: ReturnType<typeof as>, fields: Record<string, unknown> = {}) => {
    const { status, body } = await admin.post('/v1/admin/agents', { name: 'Ada Lovelace', email: newEmail(), ...fields });
    expect(status).toBe(201);
    return body as { agent: { id: string; email: string; role: string; state: string }; invite: { token: string; url: string; expiresAt: number } };
  };
  const accept = (token: string, newPassword: string) => postJson(url(`/v1/invites/${token}`), { password: newPassword });
  const signInWith = (email: string, agentPassword: string) => postJson(url('/v1/auth/sign-in'), { email, password: agentPassword });
  const sessionWithKey = (key: string, origin = host().origin) => postJson(url('/v1/visitor/session'), { key }, { Origin: origin });
  // An invited agent who has set a password and signed in.
  const teammate = async (admin: ReturnType<typeof as>, fields: Record<string, unknown> = {}) => {
    const { agent, invite: link } = await invite(admin, fields);
    const { status, body } = await accept(link.token, 'teammate password');
    expect(status).toBe(200);
    return { agent, session: body as { accessToken: string; refreshToken: string } };
  };
  const consoleSocketUrl = () => `${host().origin.replace('http', 'ws')}/v1/agent/ws`;
  // A teammate whose console is open.
  const teammateAtConsole = async (admin: ReturnType<typeof as>) => {
    const { agent, session } = await teammate(admin);
    const socket = await openSocket(consoleSocketUrl(), session.accessToken);
    await socket.next('presence');
    return { agent, session, socket };
  };

  describe('the admin API', () => {
    it('lets admins in, answers 403 with the one error shape to other roles and 401 without a token', async () => {
      const agent = as((await signIn()).accessToken);
      const adminPaths = [['get', '/v1/admin/agents'], ['get', '/v1/admin/settings'], ['delete', '/v1/admin/widget-keys/x'], ['get', '/v1/admin/identity-secret'], ['post', '/v1/admin/identity-secret'], ['delete', '/v1/admin/identity-secret']] as const;
      for (const [method, path] of adminPaths) {
        expect(await agent[method](path)).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'Only admins can do this.' } } });
      }
      expect(await agent.post('/v1/admin/queues', { id: 'sneaky', name: 'Sneaky' })).toMatchObject({ status: 403 });
      expect(await requestJson('GET', url('/v1/admin/agents'))).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: 'Missing or expired credentials.' } } });
      const admin = await signInAdmin();
      const { status, body } = await admin.get('/v1/admin/agents');
      expect(status).toBe(200);
      expect(body.agents).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'admin@demo.test', role: 'admin', state: 'active' })]));
      expect(JSON.stringify(body)).not.toContain('password');
    });

    it('refuses sign-ins to an email from an address after 10 wrong passwords from it in 10 minutes, even with the right one, and says when to try again', async () => {
      const { agent } = await teammate(await signInAdmin());
      const guesser = host().client(1);
      const signInFrom = (agentPassword: string) => postJsonFrom(guesser, url('/v1/auth/sign-in'), { email: agent.email, password: agentPassword });
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect((await signInFrom(`guess ${attempt}`)).status).toBe(401);
      }
      const refused = await signInFrom('teammate password');
      expect(refused).toMatchObject({ status: 429, body: { error: { code: 'too_many_attempts' } } });
      expect(refused.body.error.message).toMatch(/^Too many wrong passwords for this email; try again in \d+ minutes?\.$/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
      // The guesser cannot lock the agent out: from their own address they sign in as usual, and so do other agents.
      expect((await signInWith(agent.email, 'teammate password')).status).toBe(200);
      expect((await signIn()).accessToken).toEqual(expect.any(String));
    });

    it('holds an email back from new addresses after 30 wrong passwords spread over many in an hour, while the agent signs in from their own', async () => {
      const { agent } = await teammate(await signInAdmin());
      const guess = (client: number, attempt: number) => postJsonFrom(host().client(client), url('/v1/auth/sign-in'), { email: agent.email, password: `guess ${attempt}` });
      for (let attempt = 0; attempt < 30; attempt++) expect((await guess(20 + Math.floor(attempt / 10), attempt)).status).toBe(401);
      const refused = await postJsonFrom(host().client(23), url('/v1/auth/sign-in'), { email: agent.email, password: 'teammate password' });
      expect(refused).toMatchObject({ status: 429, body: { error: { code: 'too_many_attempts' } } });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
      expect((await signInWith(agent.email, 'teammate password')).status).toBe(200);
    });

    it('holds back an email nobody signs in with exactly as an agent\'s, so the throttle does not tell which emails are agents\'', async () => {
      const { agent } = await teammate(await signInAdmin());
      const guesser = host().client(2);
      const answers = async (email: string) => {
        const seen: { status: number; body: unknown }[] = [];
        for (let attempt = 1; attempt <= 11; attempt++) {
          const { status, body } = await postJsonFrom(guesser, url('/v1/auth/sign-in'), { email, password: `guess ${attempt}` });
          seen.push({ status, body });
        }
        return seen;
      };
      const agents = await answers(agent.email);
      expect(agents.map((answer) => answer.status)).toEqual([...Array(10).fill(401), 429]);
      expect(await answers(newEmail())).toEqual(agents);
    });

    it('counts guesses sent all at once before checking any, so sending them together gets no more than 10 checked', async () => {
      const guesser = host().client(3);
      const email = newEmail();
      const answers = await Promise.all(Array.from({ length: 15 }, (_, attempt) => postJsonFrom(guesser, url('/v1/auth/sign-in'), { email, password: `guess ${attempt}` })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(10).fill(401), ...Array(5).fill(429)]);
    });

    it('refuses an agent more searches by text and reports in a short time than the limit, with 429 and when to try again, holding back no one else', async () => {
      const admin = await signInAdmin();
      const searcher = (await teammate(admin, { role: 'supervisor' })).session.accessToken;
      const others = [(await teammate(admin)).session.accessToken, (await signIn('supervisor@demo.test')).accessToken];
      const get = (accessToken: string, path: string) => fetch(url(path), { headers: { Authorization: `Bearer ${accessToken}` } });
      const search = (accessToken: string) => get(accessToken, `/v1/contacts?text=${encodeURIComponent('refund')}`);
      const report = (accessToken: string) => get(accessToken, `/v1/reports?from=${Date.now() - 86_400_000}&to=${Date.now()}`);
      const { max } = limits.searchesPerAgent;
      // Sent at once, well within the short window the contract's host counts them in; a report counts as a search.
      const burst = await Promise.all(Array.from({ length: max }, (_, n) => (n % 2 ? search(searcher) : report(searcher))));
      expect(burst.map((answer) => answer.status)).toEqual(Array(max).fill(200));
      for (const refused of [await search(searcher), await report(searcher)]) {
        expect(refused.status).toBe(429);
        expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^Too many searches and reports in a short time\. Please try again in \d+ seconds?\.$/) } });
        expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      }
      // Paging through History without text is served as before.
      expect((await get(searcher, '/v1/contacts?limit=5')).status).toBe(200);
      // Another agent, and another supervisor, search and report as usual.
      expect((await search(others[0]!)).status).toBe(200);
      expect((await report(others[1]!)).status).toBe(200);
      const retryAfter = Number((await search(searcher)).headers.get('Retry-After'));
      await new Promise((waited) => setTimeout(waited, retryAfter * 1000));
      expect((await search(searcher)).status).toBe(200);
    });

    it('takes as long to refuse an email nobody signs in with, or one whose password was reset, as a wrong password, so timing does not tell which emails are agents\'', async () => {
      const admin = await signInAdmin();
      const { agent } = await teammate(admin);
      const { agent: resetAgent } = await teammate(admin);
      expect((await admin.post(`/v1/admin/agents/${resetAgent.id}/reset`)).status).toBe(200);
      const timed = async (email: string) => {
        const started = performance.now();
        expect((await signInWith(email, 'not the password')).status).toBe(401);
        return performance.now() - started;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      const reset: number[] = [];
      // Fewer than the 10 wrong passwords that hold an email's sign-ins back; interleaved, so load slows all alike.
      for (let round = 0; round < 7; round++) {
        known.push(await timed(agent.email));
        unknown.push(await timed(newEmail()));
        reset.push(await timed(resetAgent.email));
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      expect(median(unknown)).toBeGreaterThan(median(known) / 2);
      expect(median(reset)).toBeGreaterThan(median(known) / 2);
    });

    it('invites an agent with a one-time link: they set a password, are signed in, and can sign in again', async () => {
      const admin = await signInAdmin();
      const { agent, invite: link } = await invite(admin, { role: 'supervisor', skills: ['es'], capacity: 2 });
      expect(agent).toMatchObject({ role: 'supervisor', state: 'invited' });
      expect(link.url).toBe(`${host().origin}/console/#invite=${link.token}`);
      expect(link.expiresAt - Date.now()).toBeGreaterThan(71 * 3600_000);
      expect((await signInWith(agent.email, 'not set yet')).status).toBe(401);

      expect(await requestJson('GET', url(`/v1/invites/${link.token}`))).toEqual({ status: 200, body: { name: 'Ada Lovelace', email: agent.email, expiresAt: link.expiresAt } });
      expect(await accept(link.token, 'short')).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'password must be at least 8 characters' } } });
      const accepted = await accept(link.token, 'a long new password');
      expect(accepted).toMatchObject({ status: 200, body: { agent: { id: agent.id, role: 'supervisor' }, accessToken: expect.any(String) } });
      expect(await accept(link.token, 'another password')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      expect((await requestJson('GET', url(`/v1/invites/${link.token}`))).status).toBe(404);
      expect(await signInWith(agent.email, 'a long new password')).toMatchObject({ status: 200, body: { agent: { email: agent.email } } });
      const listed = (await admin.get('/v1/admin/agents')).body.agents.find((a: { id: string }) => a.id === agent.id);
      expect(listed).toMatchObject({ state: 'active', skills: ['es'], capacity: 2 });
      // The same email twice, and made-up links.
      expect(await admin.post('/v1/admin/agents', { name: 'Again', email: agent.email })).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
      expect((await accept('demo.made-up', 'a long new password')).status).toBe(404);
      expect((await accept('no-tenant', 'a long new password')).status).toBe(404);
    });

    it('changes role, skills and capacity, and a role counts at once, not when the token runs out', async () => {
      const admin = await signInAdmin();
      const { agent, session } = await teammate(admin);
      const theirs = as(session.accessToken);
      expect((await theirs.get('/v1/admin/queues')).status).toBe(403);
      const promoted = await admin.patch(`/v1/admin/agents/${agent.id}`, { role: 'admin', skills: ['billing', 'es'], capacity: 3 });
      expect(promoted).toMatchObject({ status: 200, body: { agent: { role: 'admin', skills: ['billing', 'es'], capacity: 3 } } });
      expect((await theirs.get('/v1/admin/queues')).status).toBe(200);
      expect((await admin.patch(`/v1/admin/agents/${agent.id}`, { role: 'agent' })).status).toBe(200);
      expect((await theirs.get('/v1/admin/queues')).status).toBe(403);
      expect((await admin.patch('/v1/admin/agents/nobody', { capacity: 2 })).status).toBe(404);
    });

    it('resets an agent: the password and refresh tokens stop working, and a new link sets a new password', async () => {
      const admin = await signInAdmin();
      const { agent, session } = await teammate(admin);
      const reset = await admin.post(`/v1/admin/agents/${agent.id}/reset`);
      expect(reset).toMatchObject({ status: 200, body: { agent: { id: agent.id, state: 'invited' }, invite: { token: expect.any(String) } } });
      expect((await signInWith(agent.email, 'teammate password')).status).toBe(401);
      expect((await postJson(url('/v1/auth/refresh'), { refreshToken: session.refreshToken })).status).toBe(401);
      expect((await accept(reset.body.invite.token, 'after the reset')).status).toBe(200);
      expect((await signInWith(agent.email, 'after the reset')).status).toBe(200);
    });

    // A reset is what an admin does about a stolen session: it must end it, not leave it for 15 minutes, or for good on an open socket.
    it('signs a reset agent out everywhere at once: their console is closed and access tokens from before the reset are refused', async () => {
      const admin = await signInAdmin();
      const { agent, session, socket } = await teammateAtConsole(admin);
      const reset = await admin.post(`/v1/admin/agents/${agent.id}/reset`);
      expect(await socket.closed).toBe(4401);
      expect((await as(session.accessToken).get('/v1/contacts')).status).toBe(401);
      await expect(openSocket(consoleSocketUrl(), session.accessToken)).rejects.toThrow(/could not open/);
      // The session the new link starts works at once.
      const fresh = await accept(reset.body.invite.token, 'after the reset');
      expect((await as(fresh.body.accessToken).get('/v1/contacts')).status).toBe(200);
    });

    it('keeps the session an admin resets their own password from, so they see the link they need to sign in again', async () => {
      const admin = await signInAdmin();
      const { agent, session } = await teammate(admin, { role: 'admin' });
      const themselves = as(session.accessToken);
      expect(await themselves.post(`/v1/admin/agents/${agent.id}/reset`)).toMatchObject({ status: 200, body: { invite: { token: expect.any(String) } } });
      expect((await themselves.get('/v1/contacts')).status).toBe(200);
      // Other tests count on the demo admin being the only one.
      expect((await admin.delete(`/v1/admin/agents/${agent.id}`)).status).toBe(204);
    });

    it('removes an agent: their console is closed, they cannot sign in, and an invite brings them back', async () => {
      const admin = await signInAdmin();
      const { agent, session, socket } = await teammateAtConsole(admin);
      expect(await admin.delete(`/v1/admin/agents/${agent.id}`)).toEqual({ status: 204, body: null });
      await socket.closed;
      await expect(openSocket(consoleSocketUrl(), session.accessToken)).rejects.toThrow(/could not open/);
      expect((await as(session.accessToken).get('/v1/contacts')).status).toBe(401);
      expect((await signInWith(agent.email, 'teammate password')).status).toBe(401);
      expect((await postJson(url('/v1/auth/refresh'), { refreshToken: session.refreshToken })).status).toBe(401);
      expect((await admin.get('/v1/admin/agents')).body.agents.map((a: { id: string }) => a.id)).not.toContain(agent.id);
      expect((await admin.delete(`/v1/admin/agents/${agent.id}`)).status).toBe(404);
      const back = await invite(admin, { email: agent.email });
      expect(back.agent).toMatchObject({ id: agent.id, state: 'invited' });
      // Back on the team is not back in with the access token they had.
      expect((await as(session.accessToken).get('/v1/contacts')).status).toBe(401);
    });

    it('ends the conversations of an agent an admin removes: the visitor is told, and the agent\'s conversation token stops working', async () => {
      const admin = await signInAdmin();
      const skill = `s${crypto.randomUUID().slice(0, 8)}`;
      expect((await admin.post('/v1/admin/queues', { id: skill, name: 'Only them', skills: [skill] })).status).toBe(201);
      const { agent, session } = await teammate(admin, { skills: [skill] });
      const ws = host().origin.replace('http', 'ws');
      const agentConsole = await openSocket(`${ws}/v1/agent/ws`, session.accessToken);
      await agentConsole.next('presence');
      const call = await startCall(await visitorSession(), undefined, skill, 'chat');
      const visitor = await joinConversation(call.conversationId, call.token);
      const offer = await agentConsole.next('offer');
      agentConsole.send({ type: 'accept', offerId: offer.offerId });
      const assigned = await agentConsole.next('assigned');
      const agentSide = await joinConversation(call.conversationId, assigned.token as string);
      await visitor.next('accepted');

      expect(await admin.delete(`/v1/admin/agents/${agent.id}`)).toEqual({ status: 204, body: null });
      expect(await visitor.next('ended')).toMatchObject({ reason: 'left' });
      expect(await agentSide.next('ended')).toMatchObject({ reason: 'left' });
      // Joining again with the token hears only that it has ended.
      const again = await joinConversation(call.conversationId, assigned.token as string);
      expect(await again.next('ended')).toMatchObject({ reason: 'left' });
      expect((await admin.delete(`/v1/admin/queues/${skill}`)).status).toBe(204);
    });

    it('hands nothing to a removed agent: a reassignment or a transfer to them is refused, and the visitor stays reachable', async () => {
      const { accessToken } = await signIn('admin@demo.test');
      const admin = as(accessToken);
      const { agent: removed } = await teammate(admin);
      expect((await admin.delete(`/v1/admin/agents/${removed.id}`)).status).toBe(204);
      const agent = await connectAgent();
      agent.socket.send({ type: 'presence', status: 'away' });
      await agent.socket.next('presence');
      const call = await startCall(await visitorSession());
      const visitor = await joinConversation(call.conversationId, call.token);
      await visitor.next('queued');
      const board = await openSocket(`${host().origin.replace('http', 'ws')}/v1/supervisor/ws`, accessToken);
      await board.next('board');
      board.send({ type: 'reassign', contactId: call.conversationId, agentId: removed.id });
      expect(await board.next('error')).toMatchObject({ code: 'conflict' });
      board.close();

      agent.socket.send({ type: 'presence', status: 'available' });
      const offer = await agent.socket.next('offer');
      agent.socket.send({ type: 'accept', offerId: offer.offerId });
      await agent.socket.next('assigned');
      agent.socket.send({ type: 'transfer', contactId: call.conversationId, to: { agent: removed.id }, warm: false, note: '' });
      expect(await agent.socket.next('error')).toMatchObject({ code: 'conflict', message: 'Choose another agent of your team.' });
      visitor.send({ type: 'hangup', reason: 'hangup' });
      await visitor.next('ended');
      agent.socket.close();
    });

    it('keeps the last admin: no removing yourself, no demoting the only admin', async () => {
      const session = await signIn('admin@demo.test');
      const admin = as(session.accessToken);
      const admins = (await admin.get('/v1/admin/agents')).body.agents.filter((a: { role: string }) => a.role === 'admin');
      // Other tests leave no admin behind; were one left, demoting ourselves would succeed and spoil the rest of the suite.
      expect(admins.map((a: { email: string }) => a.email)).toEqual(['admin@demo.test']);
      expect(await admin.delete(`/v1/admin/agents/${session.agent.id}`)).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: 'You cannot remove yourself; ask another admin.' } } });
      expect(await admin.patch(`/v1/admin/agents/${session.agent.id}`, { role: 'agent' })).toMatchObject({
        status: 409,
        body: { error: { code: 'conflict', message: 'The team needs at least one admin; make someone else an admin first.' } },
      });
      expect((await admin.get('/v1/admin/settings')).status).toBe(200);
    });

    it('refuses bad bodies with a clear message', async () => {
      const admin = await signInAdmin();
      const cases: [Promise<{ status: number; body: any }>, string][] = [
        [admin.post('/v1/admin/agents', { name: 'Ada', email: 'not an email' }), 'email must be an email address'],
        [admin.post('/v1/admin/agents', { name: 'Ada', email: newEmail(), role: 'owner' }), 'role must be one of agent, supervisor, admin'],
        [admin.patch('/v1/admin/agents/x', { nickname: 'Ada' }), 'body must change at least one of name, role, skills, capacity'],
        [admin.post('/v1/admin/queues', { id: 'Big Queue', name: 'Big' }), 'id must be lowercase letters, digits, - or _'],
        [admin.post('/v1/admin/origins', { origin: 'shop.example/help' }), 'origin must be a page origin such as https://shop.example, without a path'],
        [admin.post('/v1/admin/widget-keys', {}), 'label must be a string'],
        [admin.patch('/v1/admin/settings', { ringTimeoutSeconds: 1 }), 'ringTimeoutSeconds must be an integer from 5 to 300'],
        [admin.post('/v1/admin/agents', '{"name":'), 'The request body must be JSON.'],
      ];
      for (const [response, message] of cases) expect(await response).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message } } });
    });

    it('manages queues: a new queue takes calls, one with callers waiting stays, the default queue stays', async () => {
      const admin = await signInAdmin();
      const id = `q${crypto.randomUUID().slice(0, 8)}`;
      expect(await admin.post('/v1/admin/queues', { id, name: 'Night shift', skills: ['nobody-has-this'] })).toEqual({
        status: 201,
        body: { queue: { id, name: 'Night shift', priority: 0, skills: ['nobody-has-this'] } },
      });
      expect((await admin.post('/v1/admin/queues', { id, name: 'Twice' })).status).toBe(409);
      const call = await startCall(await visitorSession(), undefined, id);
      expect(await admin.delete(`/v1/admin/queues/${id}`)).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
      const visitor = await joinConversation(call.conversationId, call.token);
      visitor.send({ type: 'cancel', seq: 1 });
      await visitor.next('ended');
      expect(await admin.patch(`/v1/admin/queues/${id}`, { priority: 7 })).toMatchObject({ status: 200, body: { queue: { priority: 7 } } });
      expect((await admin.get('/v1/admin/queues')).body.queues).toContainEqual({ id, name: 'Night shift', priority: 7, skills: ['nobody-has-this'] });
      expect((await admin.delete(`/v1/admin/queues/${id}`)).status).toBe(204);
      expect((await admin.delete('/v1/admin/queues/support')).status).toBe(409);
      expect((await admin.patch(`/v1/admin/queues/${id}`, { priority: 1 })).status).toBe(404);
    });

    it('removing an origin stops new visitor sessions and calls from its pages', async () => {
      const admin = await signInAdmin();
      const origin = `http://${crypto.randomUUID().slice(0, 8)}.shop.test`;
      expect((await sessionWithKey('demo', origin)).status).toBe(403);
      expect(await admin.post('/v1/admin/origins', { origin: `${origin}/` })).toMatchObject({ status: 201, body: { origins: expect.arrayContaining([origin]) } });
      const session = await sessionWithKey('demo', origin);
      expect(session.status).toBe(200);
      expect((await admin.delete(`/v1/admin/origins/${encodeURIComponent(origin)}`)).status).toBe(204);
      expect(await sessionWithKey('demo', origin)).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
      const call = await postJson(url('/v1/calls'), { media: 'audio' }, { Origin: origin, Authorization: `Bearer ${session.body.token}` });
      expect(call).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
      expect((await admin.get('/v1/admin/origins')).body.origins).not.toContain(origin);
      expect((await admin.delete(`/v1/admin/origins/${encodeURIComponent(origin)}`)).status).toBe(404);
    });

    it('rotates and revokes widget keys: a rotated key works for the overlap, a revoked one not at all', async () => {
      const admin = await signInAdmin();
      const created = await admin.post('/v1/admin/widget-keys', { label: 'Help centre' });
      expect(created).toMatchObject({ status: 201, body: { widgetKey: { label: 'Help centre', expiresAt: null }, key: expect.stringMatching(/^wk_/) } });
      const { key, widgetKey } = created.body;
      const session = await sessionWithKey(key);
      expect(session.status).toBe(200);
      const callWith = (token: string) => postJson(url('/v1/calls'), { media: 'chat', page: '' }, { Origin: host().origin, Authorization: `Bearer ${token}` });
      const listed = (await admin.get('/v1/admin/widget-keys')).body;
      expect(listed.widgetKeys).toContainEqual(widgetKey);
      expect(JSON.stringify(listed)).not.toContain(key);

      const rotated = await admin.post(`/v1/admin/widget-keys/${widgetKey.id}/rotate`);
      expect(rotated).toMatchObject({ status: 201, body: { key: expect.stringMatching(/^wk_/), previous: { id: widgetKey.id } } });
      expect(rotated.body.previous.expiresAt - Date.now()).toBeGreaterThan(59 * 60_000);
      expect((await sessionWithKey(key)).status).toBe(200);
      expect((await sessionWithKey(rotated.body.key)).status).toBe(200);
      expect((await admin.post(`/v1/admin/widget-keys/${widgetKey.id}/rotate`)).status).toBe(409);

      expect((await admin.delete(`/v1/admin/widget-keys/${widgetKey.id}`)).status).toBe(204);
      expect(await sessionWithKey(key)).toMatchObject({ status: 401, body: { error: { code: 'unknown_widget_key' } } });
      // Sessions made with it stop too: a revoked key starts no more calls, messages or callbacks.
      expect(await callWith(session.body.token)).toMatchObject({ status: 401, body: { error: { code: 'unknown_widget_key' } } });
      expect((await admin.delete(`/v1/admin/widget-keys/${rotated.body.widgetKey.id}`)).status).toBe(204);
      expect((await sessionWithKey(rotated.body.key)).status).toBe(401);
      expect((await admin.delete(`/v1/admin/widget-keys/${widgetKey.id}`)).status).toBe(404);
      expect((await sessionWithKey('demo')).status).toBe(200);
    });

    // An identity token as the host site's server signs it, running out in 10 minutes; `claims` and `alg` change it.
    const identityToken = (secret: string, claims: Record<string, unknown> = {}, alg = 'HS256') =>
      new SignJWT({ sub: 'customer-42', name: 'Ada Lovelace', email: 'ada@example.com', exp: Math.floor(Date.now() / 1000) + 600, ...claims })
        .setProtectedHeader({ alg })
        .sign(new TextEncoder().encode(secret));
    // From an address of their own: the suite's usual one would reach its limit of visitor sessions.
    const sessionWithIdentity = (identity: string) => {
      const client = host().client(11);
      return postJsonFrom({ ...client, headers: { ...client.headers, Origin: host().origin } }, url('/v1/visitor/session'), { key: 'demo', identity });
    };
    const refusedIdentity = (message: RegExp) => ({ status: 401, body: { error: { code: 'invalid_identity', message: expect.stringMatching(message) } } });

    it('verifies a visitor with the identity secret: their contact, offer, History search and webhook carry the customer', async () => {
      const admin = await signInAdmin();
      const made = await admin.post('/v1/admin/identity-secret');
      expect(made).toMatchObject({ status: 201, body: { secret: expect.stringMatching(/^ids_/), identitySecret: { preview: expect.stringMatching(/^ids_/) } } });
      const { secret } = made.body;
      const shown = await admin.get('/v1/admin/identity-secret');
      expect(shown).toEqual({ status: 200, body: { identitySecret: made.body.identitySecret } });
      expect(JSON.stringify(shown.body)).not.toContain(secret);

      const customerId = `c-${crypto.randomUUID().slice(0, 8)}`;
      const customer = { id: customerId, name: 'Ada Lovelace', email: `${customerId}@example.com` };
      // The widget hears whom the session vouches for, to end that customer's conversation once they sign out.
      const session = await sessionWithIdentity(await identityToken(secret, { sub: customerId, email: customer.email }));
      expect(session).toMatchObject({ status: 200, body: { customerId } });
      const skill = `s${crypto.randomUUID().slice(0, 8)}`;
      expect((await admin.post('/v1/admin/queues', { id: skill, name: 'Verified', skills: [skill] })).status).toBe(201);
      const { session: agentSession } = await teammate(admin, { skills: [skill] });
      const agentConsole = await openSocket(consoleSocketUrl(), agentSession.accessToken);
      await agentConsole.next('presence');
      const hooks = await contractWebhookReceiver();
      const call = await startCall(session.body.token, undefined, skill, 'chat');
      expect((await agentConsole.next('offer')).caller).toEqual({ visitor: 'Ada Lovelace', page: 'http://shop.test/help', customer });
      const created = await hooks.next((webhook) => webhook.event.type === 'contact.created' && webhook.event.data.contact?.id === call.conversationId);
      expect(created.event.data.contact).toMatchObject({ visitor: 'Ada Lovelace', customer });

      const search = async (text: string) => (await as(agentSession.accessToken).get(`/v1/contacts?text=${encodeURIComponent(text)}`)).body.contacts;
      for (const text of [customerId, customer.email.toUpperCase()]) {
        expect(await search(text)).toEqual([expect.objectContaining({ id: call.conversationId, visitor: 'Ada Lovelace', customer })]);
      }
      // The console lists a customer's contacts beside their new one: exactly theirs, and never counted as a search.
      for (let n = 0; n < limits.searchesPerAgent.max; n++) {
        const mine = await as(agentSession.accessToken).get(`/v1/contacts?customer=${encodeURIComponent(customerId)}&limit=6`);
        expect(mine).toMatchObject({ status: 200, body: { contacts: [expect.objectContaining({ id: call.conversationId, customer })], next: null } });
      }
      expect((await as(agentSession.accessToken).get(`/v1/contacts?customer=${customerId.toUpperCase()}`)).body.contacts).toEqual([]);
      expect((await as(agentSession.accessToken).get(`/v1/contacts?customer=${'x'.repeat(129)}`)).status).toBe(400);
      // An anonymous visitor's contact has none.
      const anonymous = await startCall(await visitorSession(), undefined, skill, 'chat');
      const anonymousContact = (await as(agentSession.accessToken).get('/v1/contacts?limit=5')).body.contacts.find((contact: { id: string }) => contact.id === anonymous.conversationId);
      expect(anonymousContact).toMatchObject({ visitor: expect.stringMatching(/^Visitor [0-9A-F]{4}$/), customer: null });
      agentConsole.close();
      for (const waiting of [call, anonymous]) {
        const visitor = await joinConversation(waiting.conversationId, waiting.token);
        visitor.send({ type: 'hangup', reason: 'hangup', seq: 1 });
        await visitor.next('ended');
      }
      expect((await admin.delete(`/v1/admin/queues/${skill}`)).status).toBe(204);
    });

    it('blocks a verified customer wherever they come from, and their address for anyone', async () => {
      const admin = await signInAdmin();
      const { secret } = (await admin.post('/v1/admin/identity-secret')).body;
      const customerId = `c-${crypto.randomUUID().slice(0, 8)}`;
      const from = (n: number, token?: string) => {
        const client = host().client(n);
        return { ...client, headers: { ...client.headers, Origin: host().origin, ...(token && { Authorization: `Bearer ${token}` }) } };
      };
      const session = async (n: number, identity?: string) => postJsonFrom(from(n), url('/v1/visitor/session'), { key: 'demo', ...(identity && { identity }) });
      const signed = await identityToken(secret, { sub: customerId });
      const first = await session(12, signed);
      const { body: left } = await postJsonFrom(from(12, first.body.token), url('/v1/messages'), { media: 'chat', page: 'http://shop.test/help', name: 'Mal', email: 'mal@example.com', text: 'Again' });
      const blocked = await admin.post(`/v1/contacts/${left.contactId}/block`, { days: 1 });
      expect(blocked.status).toBe(201);

      expect(await session(13, signed)).toMatchObject({ status: 403, body: { error: { code: 'visitor_blocked', message: "This site's support team has blocked you for a time." } } });
      expect((await session(12)).status).toBe(403);
      expect((await session(13)).status).toBe(200);
      expect((await session(13, await identityToken(secret, { sub: `${customerId}-other` }))).status).toBe(200);

      expect((await admin.delete(`/v1/admin/visitor-blocks/${blocked.body.block.id}`)).status).toBe(204);
      expect((await session(13, signed)).status).toBe(200);
      expect((await admin.delete('/v1/admin/identity-secret')).status).toBe(204);
    });

    it('refuses identity tokens that do not verify with 401 invalid_identity saying why, and rotating or removing the secret refuses its tokens', async () => {
      const admin = await signInAdmin();
      await admin.delete('/v1/admin/identity-secret');
      expect(await admin.get('/v1/admin/identity-secret')).toEqual({ status: 200, body: { identitySecret: null } });
      expect(await sessionWithIdentity(await identityToken('a secret of no one'))).toMatchObject(refusedIdentity(/^This site has no identity secret/));

      const { secret } = (await admin.post('/v1/admin/identity-secret')).body;
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')}.${btoa(JSON.stringify({ sub: 'customer-42', exp: now + 600 })).replace(/=+$/, '')}.`;
      const refusals: [Promise<string> | string, RegExp][] = [
        // Signed with another secret: also what another tenant's secret is to this tenant's widget key.
        [identityToken(`${secret}x`), /signature does not match this site's identity secret/],
        [unsigned, /must be signed with HS256/],
        [identityToken(secret, {}, 'HS512'), /must be signed with HS256/],
        [identityToken(secret, { exp: now - 3600 }), /has expired/],
        [identityToken(secret, { exp: now + 3 * 86_400 }), /must run out \(exp\) within 24 hours/],
        [identityToken(secret, { name: 'Ada\nAgent note: refund approved' }), /name must be on one line, without control characters/],
        [identityToken(secret, { sub: undefined }), /has no sub/],
        [identityToken(secret, { exp: undefined }), /has no exp/],
        ['not a token', /not a signed JWT/],
      ];
      for (const [token, message] of refusals) expect(await sessionWithIdentity(await token)).toMatchObject(refusedIdentity(message));

      const before = await identityToken(secret);
      expect((await sessionWithIdentity(before)).status).toBe(200);
      const rotated = (await admin.post('/v1/admin/identity-secret')).body.secret;
      expect(await sessionWithIdentity(before)).toMatchObject(refusedIdentity(/signature does not match/));
      expect((await sessionWithIdentity(await identityToken(rotated))).status).toBe(200);
      expect(await admin.delete('/v1/admin/identity-secret')).toEqual({ status: 204, body: null });
      expect(await sessionWithIdentity(await identityToken(rotated))).toMatchObject(refusedIdentity(/^This site has no identity secret/));
      expect((await admin.delete('/v1/admin/identity-secret')).status).toBe(404);
      // Without a token the visitor is served as ever.
      expect((await visitorSession()).length).toBeGreaterThan(0);
    });

    it('takes a session verified with a secret an admin has since replaced or removed for an anonymous visitor', async () => {
      const admin = await signInAdmin();
      const client = host().client(11);
      const leaveMessage = async (token: string) => {
        const left = await postJsonFrom({ ...client, headers: { ...client.headers, Origin: host().origin, Authorization: `Bearer ${token}` } }, url('/v1/messages'), {
          media: 'chat', page: 'http://shop.test/help', name: 'Ada', email: 'ada@example.com', text: 'Hello',
        });
        expect(left.status).toBe(200);
        const contacts = (await admin.get('/v1/contacts?limit=20')).body.contacts as { id: string; visitor: string; customer: unknown }[];
        return contacts.find((contact) => contact.id === left.body.contactId);
      };
      const anonymous = { visitor: expect.stringMatching(/^Visitor [0-9A-F]{4}$/), customer: null };

      const leaked = (await admin.post('/v1/admin/identity-secret')).body.secret;
      const before = (await sessionWithIdentity(await identityToken(leaked, { sub: 'customer-leaked' }))).body.token;
      const replaced = (await admin.post('/v1/admin/identity-secret')).body.secret;
      expect(await leaveMessage(before)).toMatchObject(anonymous);

      const after = (await sessionWithIdentity(await identityToken(replaced, { sub: 'customer-new' }))).body.token;
      expect(await leaveMessage(after)).toMatchObject({ visitor: 'Ada Lovelace', customer: { id: 'customer-new' } });
      expect((await admin.delete('/v1/admin/identity-secret')).status).toBe(204);
      expect(await leaveMessage(after)).toMatchObject(anonymous);
    });

    it('keeps saved replies for every agent to read, changed and deleted by admins only, with clear errors', async () => {
      const admin = await signInAdmin();
      const agent = as((await signIn()).accessToken);
      const title = `Refunds ${crypto.randomUUID().slice(0, 6)}`;
      const added = await admin.post('/v1/admin/saved-replies', { title: `  ${title} `, text: 'Refunds take <b>5</b> working days.\nAnything else?' });
      expect(added).toEqual({ status: 201, body: { savedReply: { id: expect.any(String), title, text: 'Refunds take <b>5</b> working days.\nAnything else?' } } });
      const { id } = added.body.savedReply;
      const listed = async () => (await agent.get('/v1/saved-replies')).body.savedReplies as { id: string; title: string; text: string }[];
      expect((await listed()).find((reply) => reply.id === id)).toEqual(added.body.savedReply);

      expect(await agent.post('/v1/admin/saved-replies', { title: 'Mine', text: 'x' })).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect(await admin.post('/v1/admin/saved-replies', { title: 'Blank', text: '   ' })).toMatchObject({ status: 400, body: { error: { message: 'text must not be blank' } } });
      expect(await admin.post('/v1/admin/saved-replies', { title: 'Long', text: 'x'.repeat(4001) })).toMatchObject({ status: 400, body: { error: { message: 'text must be at most 4000 characters' } } });
      expect(await admin.patch(`/v1/admin/saved-replies/${id}`, {})).toMatchObject({ status: 400 });
      expect(await admin.patch(`/v1/admin/saved-replies/${crypto.randomUUID()}`, { text: 'x' })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });

      expect(await admin.patch(`/v1/admin/saved-replies/${id}`, { text: 'Refunds take 3 working days.' })).toEqual({ status: 200, body: { savedReply: { id, title, text: 'Refunds take 3 working days.' } } });
      expect((await listed()).find((reply) => reply.id === id)?.text).toBe('Refunds take 3 working days.');
      expect((await admin.delete(`/v1/admin/saved-replies/${id}`)).status).toBe(204);
      expect((await listed()).some((reply) => reply.id === id)).toBe(false);
      expect((await admin.delete(`/v1/admin/saved-replies/${id}`)).status).toBe(404);
      expect((await requestJson('GET', url('/v1/saved-replies'))).status).toBe(401);
    });

    it('keeps settings: ring timeout and wrap-up apply to the next call, null returns to the default, relay-only needs a TURN server', async () => {
      const admin = await signInAdmin();
      const defaults = (await admin.get('/v1/admin/settings')).body.settings;
      expect(defaults).toEqual({ relayOnly: false, wrapUpSeconds: expect.any(Number), ringTimeoutSeconds: expect.any(Number), maxFileBytes: 100 * 1024 * 1024, keepContactsDays: null, recordCalls: false, wrapUpReasons: [] });
      expect(await admin.patch('/v1/admin/settings', { keepContactsDays: 0 })).toMatchObject({ status: 400, body: { error: { message: 'keepContactsDays must be an integer from 1 to 3650' } } });
      expect(await admin.patch('/v1/admin/settings', { relayOnly: true })).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
      const changed = await admin.patch('/v1/admin/settings', { ringTimeoutSeconds: 20, wrapUpSeconds: 20, maxFileBytes: 5_000_000, relayOnly: false, keepContactsDays: 365, recordCalls: true });
      expect(changed).toEqual({ status: 200, body: { settings: { relayOnly: false, wrapUpSeconds: 20, ringTimeoutSeconds: 20, maxFileBytes: 5_000_000, keepContactsDays: 365, recordCalls: true, wrapUpReasons: [] } } });

      let agent: { socket: TestSocket } | null = null;
      try {
        agent = await connectAgent();
        const call = await startCall(await visitorSession());
        const visitor = await joinConversation(call.conversationId, call.token);
        const offer = await agent.socket.next('offer');
        expect((offer.expiresAt as number) - Date.now()).toBeGreaterThan(15_000);
        agent.socket.send({ type: 'accept', offerId: offer.offerId });
        await visitor.next('accepted');
        visitor.send({ type: 'hangup', reason: 'hangup', seq: 1 });
        await visitor.next('ended');
        const wrapUp = await agent.socket.next('wrap-up');
        expect(wrapUp.contactId).toBe(call.conversationId);
        expect((wrapUp.until as number) - Date.now()).toBeGreaterThan(15_000);
        agent.socket.send({ type: 'wrap-up', contactId: wrapUp.contactId, disposition: 'resolved', notes: '' });
        await agent.socket.next('wrap-up-ended');
      } finally {
        const restored = await admin.patch('/v1/admin/settings', { ringTimeoutSeconds: null, wrapUpSeconds: null, maxFileBytes: null, keepContactsDays: null, recordCalls: false });
        expect(restored.body.settings).toEqual(defaults);
        agent?.socket.close();
      }
    });
  });
}
