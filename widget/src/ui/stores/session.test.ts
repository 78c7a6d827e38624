import { fakeDevices } from '@beckon/rtc/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../context.ts';
import { hostEvents } from '../host-events.ts';
import { provideServices } from '../services.ts';
import { startSupportApi } from '../testing/support-api.ts';
import { $session, ensureSession, identify } from './session.ts';

let api: Awaited<ReturnType<typeof startSupportApi>>;
let heard: HostEvent[];
let stopListening: () => void;

async function serve(answer: Parameters<typeof startSupportApi>[0][string]) {
  api = await startSupportApi({ '/v1/visitor/session': answer });
  provideServices({ base: api.base, key: 'demo', page: () => 'https://shop.example/help', captureMedia: async () => { throw new Error('unused'); }, captureScreen: async () => { throw new Error('unused'); }, devices: fakeDevices([]).access, joinConversation: () => { throw new Error('unused'); }, rememberedConversation: () => null, rememberConversation: () => {} });
}

beforeEach(() => {
  identify(null);
  $session.set({ status: 'none' });
  heard = [];
  stopListening = hostEvents.on((event) => void heard.push(event));
});
afterEach(async () => {
  stopListening();
  await api?.close();
});

describe('visitor session', () => {
  it('opens one session for the widget key however many parts ask at once, then reuses it', async () => {
    await serve(() => [200, { token: 'visitor-token', visitorId: 'v1', expiresIn: 900 }]);
    const tokens = await Promise.all([ensureSession(), ensureSession()]);
    expect(await ensureSession()).toBe('visitor-token');
    expect(tokens).toEqual(['visitor-token', 'visitor-token']);
    expect(api.requests).toEqual([{ path: '/v1/visitor/session', authorization: undefined, body: { key: 'demo' } }]);
    expect($session.get().status).toBe('ready');
  });

  it('renews a session that is about to expire', async () => {
    let issued = 0;
    await serve(() => [200, { token: `token-${++issued}`, visitorId: 'v1', expiresIn: 10 }]);
    expect(await ensureSession()).toBe('token-1');
    expect(await ensureSession()).toBe('token-2');
  });

  it('marks support unavailable and tells the host page the server refusal', async () => {
    await serve(() => [403, { error: { code: 'origin_not_allowed', message: 'This site may not use the widget.' } }]);
    expect(await ensureSession()).toBeNull();
    expect($session.get()).toEqual({ status: 'unavailable', code: 'origin_not_allowed', message: 'This site may not use the widget.' });
    expect(heard).toEqual([{ name: 'error', detail: { code: 'origin_not_allowed', message: 'This site may not use the widget.' } }]);
  });

  it("sends the host site's identity token, and a new one opens a new session", async () => {
    let issued = 0;
    await serve(() => [200, { token: `token-${++issued}`, visitorId: 'v1', expiresIn: 900 }]);
    identify('identity-1');
    expect(await ensureSession()).toBe('token-1');
    identify('identity-2');
    expect(await ensureSession()).toBe('token-2');
    expect(api.requests.map((request) => request.body)).toEqual([{ key: 'demo', identity: 'identity-1' }, { key: 'demo', identity: 'identity-2' }]);
  });

  it('keeps the session of a page that gives the same identity token again', async () => {
    let issued = 0;
    await serve(() => [200, { token: `token-${++issued}`, visitorId: 'v1', expiresIn: 900 }]);
    identify('identity-1');
    expect(await ensureSession()).toBe('token-1');
    identify('identity-1');
    expect(await ensureSession()).toBe('token-1');
    expect(api.requests).toHaveLength(1);
  });

  it('opens the session again for an identity token given while one was being opened', async () => {
    let issued = 0;
    let answerFirst = () => {};
    const firstHeld = new Promise<void>((held) => (answerFirst = held));
    await serve(async () => {
      if (++issued === 1) await firstHeld;
      return [200, { token: `token-${issued}`, visitorId: 'v1', expiresIn: 900 }];
    });
    const session = ensureSession();
    await vi.waitFor(() => expect(api.requests).toHaveLength(1));
    identify('identity-1');
    answerFirst();
    expect(await session).toBe('token-2');
    expect(api.requests.map((request) => request.body)).toEqual([{ key: 'demo' }, { key: 'demo', identity: 'identity-1' }]);
  });

  it('tells the host page why its identity token was refused, and goes on as an anonymous visitor', async () => {
    const refusal = { code: 'invalid_identity', message: 'The identity token has expired; sign a new one for each page.' };
    await serve((request) => ((request.body as { identity?: string }).identity ? [401, { error: refusal }] : [200, { token: 'anonymous', visitorId: 'v1', expiresIn: 900 }]));
    identify('expired-token');
    expect(await ensureSession()).toBe('anonymous');
    expect(heard).toEqual([{ name: 'error', detail: refusal }]);
    expect(api.requests.map((request) => request.body)).toEqual([{ key: 'demo', identity: 'expired-token' }, { key: 'demo' }]);
  });

  it('refuses an identity token that is not a string, keeping the visitor anonymous', async () => {
    await serve(() => [200, { token: 'anonymous', visitorId: 'v1', expiresIn: 900 }]);
    identify({ sub: 'customer-42' });
    expect(heard).toEqual([{ name: 'error', detail: { code: 'bad_request', message: 'identify takes the identity token your server signed (a string), or null' } }]);
    expect(await ensureSession()).toBe('anonymous');
    expect(api.requests.map((request) => request.body)).toEqual([{ key: 'demo' }]);
  });

  it('reports a network failure when support cannot be reached', async () => {
    await serve(() => [200, {}]);
    await api.close();
    expect(await ensureSession()).toBeNull();
    expect($session.get()).toMatchObject({ status: 'unavailable', code: 'network_error' });
  });
});
