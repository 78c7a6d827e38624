// The widget keys store against a real HTTP server.
import type { WidgetKey } from '@beckon/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $session, sessionFrom } from './session.ts';
import { $newWidgetKey, $widgetKeyAction, $widgetKeys, createWidgetKey, dismissNewWidgetKey, resetWidgetKeys, revokeWidgetKey, rotateWidgetKey } from './widget-keys.ts';

const site: WidgetKey = { id: 'k1', preview: 'wk_AbCd…', label: 'Main site', createdAt: 1_700_000_000_000, expiresAt: null };
let api: TestApi;

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('GET', '/v1/admin/widget-keys', () => ({ status: 200, body: { widgetKeys: [site] } }));
  api.route('POST', '/v1/admin/widget-keys', (body) => ({ status: 201, body: { widgetKey: { ...site, label: (body as { label: string }).label }, key: 'wk_AbCdEfGh' } }));
  api.route('POST', '/v1/admin/widget-keys/k1/rotate', () => ({
    status: 201,
    body: { widgetKey: { ...site, id: 'k2' }, key: 'wk_NewNewNew', previous: { ...site, expiresAt: 1_700_003_600_000 } },
  }));
  api.route('DELETE', '/v1/admin/widget-keys/k1', () => ({ status: 204, body: undefined }));
});
afterAll(() => api.close());

beforeEach(() => {
  api.requests.length = 0;
  resetWidgetKeys();
  $session.set(sessionFrom({ accessToken: 'admin-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'r@example.com', role: 'admin' } }, Date.now()));
});

describe('widget keys', () => {
  it('shows a new key in full once, and lists keys by their first characters', async () => {
    expect(await createWidgetKey('Help centre')).toBe(true);
    expect($newWidgetKey.get()).toEqual({ label: 'Help centre', key: 'wk_AbCdEfGh', rotated: false });
    expect($widgetKeys.get().items).toEqual([site]);
    dismissNewWidgetKey();
    expect($newWidgetKey.get()).toBeNull();
  });

  it('shows the replacement of a rotated key, and revokes a key by its id', async () => {
    expect(await rotateWidgetKey(site)).toBe(true);
    expect($newWidgetKey.get()).toEqual({ label: 'Main site', key: 'wk_NewNewNew', rotated: true });
    expect(await revokeWidgetKey(site)).toBe(true);
    expect($widgetKeyAction.get().done).toBe('The key wk_AbCd… was revoked.');
    expect(api.requests).toEqual(['POST /v1/admin/widget-keys/k1/rotate', 'GET /v1/admin/widget-keys', 'DELETE /v1/admin/widget-keys/k1', 'GET /v1/admin/widget-keys']);
  });
});
