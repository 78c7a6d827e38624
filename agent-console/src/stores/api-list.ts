// A list the console fetches from the API for one of its pages (History,
// webhook deliveries): the items, whether a fetch is running, and why the last one failed.
import { atom, type WritableAtom } from 'nanostores';
import { ApiFailure } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { freshAccessToken, refreshSession } from './session.ts';

export interface ApiList<T> {
  items: T[];
  loading: boolean;
  error: string | null;
}

/**
 * A store for one list with its load and reset actions; a token the server
 * no longer accepts is refreshed once and the request retried.
 * @example const contacts = apiList('history', async (base, token) => (await getContacts(base, token)).contacts);
 */
export function apiList<T>(what: string, fetchItems: (apiBase: string, accessToken: string) => Promise<T[]>) {
  const empty: ApiList<T> = { items: [], loading: false, error: null };
  const $list: WritableAtom<ApiList<T>> = atom(empty);
  let latest = 0;
  return {
    $list,
    async load(): Promise<void> {
      const request = ++latest;
      $list.set({ ...$list.get(), loading: true, error: null });
      try {
        const items = await withToken((token) => fetchItems($apiBase.get(), token));
        if (request === latest) $list.set({ items, loading: false, error: null });
      } catch (error) {
        if (request === latest) $list.set({ ...$list.get(), loading: false, error: `Could not load ${what}: ${reason(error)}` });
      }
    },
    reset(): void {
      latest++;
      $list.set(empty);
    },
  };
}

/**
 * Calls the API with a valid access token; a token the server no longer
 * accepts is refreshed once and the call made again.
 * @example const { messages } = await withToken((token) => getTranscript($apiBase.get(), token, 'c1'));
 */
export async function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
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
