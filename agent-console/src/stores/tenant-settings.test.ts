// The settings form's store against a real HTTP server.
import type { TenantSettings } from '@beckon/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $session, sessionFrom } from './session.ts';
import { $settingsAction, $tenantSettings, loadSettings, resetSettings, saveSettings } from './tenant-settings.ts';

let api: TestApi;
let stored: TenantSettings;
let changes: unknown[];

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('GET', '/v1/admin/settings', () => ({ status: 200, body: { settings: stored } }));
  api.route('PATCH', '/v1/admin/settings', (body) => {
    changes.push(body);
    const change = body as Partial<TenantSettings>;
    if (change.relayOnly) return { status: 409, body: { error: { code: 'conflict', message: 'This server has no TURN relay.' } } };
    stored = { ...stored, ...change };
    return { status: 200, body: { settings: stored } };
  });
});
afterAll(() => api.close());

beforeEach(() => {
  stored = { relayOnly: false, wrapUpSeconds: 30, ringTimeoutSeconds: 30, maxFileBytes: 100 * 1024 * 1024, keepContactsDays: null, recordCalls: false, wrapUpReasons: [] };
  changes = [];
  resetSettings();
  $session.set(sessionFrom({ accessToken: 'admin-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'r@example.com', role: 'admin' } }, Date.now()));
});

describe('settings', () => {
  it('sends only what changed, so untouched settings keep following the server\'s defaults', async () => {
    await loadSettings();
    expect($tenantSettings.get()).toEqual({ settings: stored, loading: false, error: null });
    expect(await saveSettings({ ...stored, wrapUpSeconds: 60 })).toBe(true);
    expect(changes).toEqual([{ wrapUpSeconds: 60 }]);
    expect($tenantSettings.get().settings?.wrapUpSeconds).toBe(60);
    expect($settingsAction.get().done).toBe('Settings saved.');
  });

  it('sends nothing when nothing changed', async () => {
    await loadSettings();
    expect(await saveSettings({ ...stored })).toBe(true);
    expect(changes).toEqual([]);
    expect($settingsAction.get().done).toBe('Nothing changed.');
  });

  it('shows why a change was refused and keeps the settings as they were', async () => {
    await loadSettings();
    expect(await saveSettings({ ...stored, relayOnly: true })).toBe(false);
    expect($settingsAction.get().error).toBe('Could not save the settings: This server has no TURN relay.');
    expect($tenantSettings.get().settings?.relayOnly).toBe(false);
  });
});
