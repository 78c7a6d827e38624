// The Admin page's allowed origins against a real HTTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $originAction, $origins, addOrigin, loadOrigins, resetOrigins } from './origins.ts';
import { $session, sessionFrom } from './session.ts';

let api: TestApi;
let allowed: string[];

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('GET', '/v1/admin/origins', () => ({ status: 200, body: { origins: allowed } }));
  // As the server does: it keeps the origin of what it is given.
  api.route('POST', '/v1/admin/origins', (body) => {
    allowed = [...new Set([...allowed, new URL((body as { origin: string }).origin).origin])];
    return { status: 201, body: { origins: allowed } };
  });
});
afterAll(() => api.close());

beforeEach(async () => {
  allowed = ['https://shop.example'];
  resetOrigins();
  $session.set(sessionFrom({ accessToken: 'admin-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'robin@example.com', role: 'admin' } }, Date.now()));
  await loadOrigins();
  api.requests.length = 0;
});

describe('allowing a website', () => {
  it('names the origin as it is kept, not as it was typed', async () => {
    expect(await addOrigin('https://Help.Example:443')).toBe(true);
    expect($originAction.get().done).toBe('https://help.example was allowed.');
    expect($origins.get().items).toEqual(['https://shop.example', 'https://help.example']);
  });

  it('says an origin on the list already is allowed already, and sends nothing', async () => {
    expect(await addOrigin('HTTPS://shop.example/')).toBe(true);
    expect($originAction.get()).toEqual({ pending: false, done: 'https://shop.example is allowed already.', error: null });
    expect(api.requests).toEqual([]);
  });
});
