// The Admin page's settings form: relay-only, wrap-up, ring timeout, the file size limit and how long contacts are kept.
import type { SettingsChange, SettingsResponse, TenantSettings } from '@beckon/protocol';
import { atom } from 'nanostores';
import { adminRequest } from '../admin-api.ts';
import { reason } from '../format.ts';
import { adminAction } from './admin-action.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

export interface LoadedSettings { settings: TenantSettings | null; loading: boolean; error: string | null }

export const $tenantSettings = atom<LoadedSettings>({ settings: null, loading: false, error: null });

/**
 * Fetches the tenant's settings.
 * @example await loadSettings();
 */
export async function loadSettings(): Promise<void> {
  $tenantSettings.set({ ...$tenantSettings.get(), loading: true, error: null });
  try {
    const { settings } = await withToken((token) => adminRequest<SettingsResponse>($apiBase.get(), token, 'GET', '/settings'));
    $tenantSettings.set({ settings, loading: false, error: null });
  } catch (error) {
    $tenantSettings.set({ ...$tenantSettings.get(), loading: false, error: `Could not load the settings: ${reason(error)}` });
  }
}

const action = adminAction(loadSettings);
export const $settingsAction = action.$state;

/**
 * Saves the settings the form holds, sending only those that changed: a
 * setting left at the server's default keeps following it.
 * @example await saveSettings({ ...current, wrapUpSeconds: 60 }) // true
 */
export async function saveSettings(wanted: TenantSettings): Promise<boolean> {
  const current = $tenantSettings.get().settings;
  const change: SettingsChange = {};
  for (const key of Object.keys(wanted) as (keyof TenantSettings)[]) {
    // A list (the wrap-up reasons) is compared by what it holds.
    if (!current || JSON.stringify(wanted[key]) !== JSON.stringify(current[key])) Object.assign(change, { [key]: wanted[key] });
  }
  if (Object.keys(change).length === 0) {
    action.tell('Nothing changed.');
    return true;
  }
  return action.run('Could not save the settings', (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'PATCH', '/settings', change), 'Settings saved.');
}

/**
 * Forgets the settings, e.g. on sign-out.
 * @example resetSettings();
 */
export function resetSettings(): void {
  $tenantSettings.set({ settings: null, loading: false, error: null });
  action.reset();
}
