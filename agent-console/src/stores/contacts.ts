// Contact history for the History page.
import type { Contact } from '@beckon/protocol';
import { atom } from 'nanostores';
import { ApiFailure, getContacts } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { freshAccessToken, refreshSession } from './session.ts';

export interface ContactHistory {
  contacts: Contact[];
  loading: boolean;
  error: string | null;
}

const empty: ContactHistory = { contacts: [], loading: false, error: null };
export const $contacts = atom<ContactHistory>(empty);

let latest = 0;

/**
 * Fetches the contact list; a token the server no longer accepts is
 * refreshed once and the request retried.
 * @example await loadContacts();
 */
export async function loadContacts(): Promise<void> {
  const request = ++latest;
  $contacts.set({ ...$contacts.get(), loading: true, error: null });
  try {
    const { contacts } = await withToken((token) => getContacts($apiBase.get(), token));
    if (request === latest) $contacts.set({ contacts, loading: false, error: null });
  } catch (error) {
    if (request === latest) $contacts.set({ ...$contacts.get(), loading: false, error: `Could not load history: ${reason(error)}` });
  }
}

async function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = await freshAccessToken();
  if (!token) throw new Error('You are signed out.');
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) throw error;
    await refreshSession();
    const renewed = await freshAccessToken();
    if (!renewed || renewed === token) throw error;
    return call(renewed);
  }
}

/**
 * Forgets the list, e.g. on sign-out.
 * @example resetContacts();
 */
export function resetContacts(): void {
  latest++;
  $contacts.set(empty);
}
