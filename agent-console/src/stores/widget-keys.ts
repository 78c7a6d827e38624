// The Admin page's widget keys: each is listed by its first characters only;
// a key made or rotated just now is shown in full once, to be copied into the script tag.
import type { NewWidgetKeyResponse, RotatedWidgetKeyResponse, WidgetKey, WidgetKeysResponse } from '@beckon/protocol';
import { atom } from 'nanostores';
import { adminRequest } from '../admin-api.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

/** A key made just now; the only time the console sees it. */
export interface NewWidgetKey { label: string; key: string; rotated: boolean }

const list = apiList('the widget keys', async (apiBase, accessToken) => (await adminRequest<WidgetKeysResponse>(apiBase, accessToken, 'GET', '/widget-keys')).widgetKeys);
const action = adminAction(list.load);

export const $widgetKeys = list.$list;
export const $widgetKeyAction = action.$state;
export const $newWidgetKey = atom<NewWidgetKey | null>(null);

/**
 * Fetches the widget keys.
 * @example await loadWidgetKeys();
 */
export const loadWidgetKeys = list.load;

/**
 * Makes a widget key and keeps it to be shown once.
 * @example await createWidgetKey('Help centre') // true
 */
export function createWidgetKey(label: string): Promise<boolean> {
  return action.run(label.trim() ? `Could not make a key for ${label.trim()}` : 'Could not make the key', async (apiBase, accessToken) => {
    const { key } = await adminRequest<NewWidgetKeyResponse>(apiBase, accessToken, 'POST', '/widget-keys', { label });
    $newWidgetKey.set({ label, key, rotated: false });
  });
}

/**
 * Replaces a key; the old one keeps working for an hour, so pages can be updated.
 * @example await rotateWidgetKey(widgetKey) // true
 */
export function rotateWidgetKey(widgetKey: WidgetKey): Promise<boolean> {
  return action.run(`Could not rotate ${widgetKey.label}`, async (apiBase, accessToken) => {
    const { key } = await adminRequest<RotatedWidgetKeyResponse>(apiBase, accessToken, 'POST', `/widget-keys/${widgetKey.id}/rotate`);
    $newWidgetKey.set({ label: widgetKey.label, key, rotated: true });
  });
}

/**
 * Stops a key at once.
 * @example await revokeWidgetKey(widgetKey) // true
 */
export function revokeWidgetKey(widgetKey: WidgetKey): Promise<boolean> {
  return action.run(
    `Could not revoke ${widgetKey.label}`,
    (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/widget-keys/${widgetKey.id}`),
    `The key ${widgetKey.preview} was revoked.`,
  );
}

/**
 * Hides the new key once it has been copied.
 * @example dismissNewWidgetKey();
 */
export function dismissNewWidgetKey(): void {
  $newWidgetKey.set(null);
}

/**
 * Forgets the keys, e.g. on sign-out.
 * @example resetWidgetKeys();
 */
export function resetWidgetKeys(): void {
  list.reset();
  action.reset();
  $newWidgetKey.set(null);
}
