// A list the console fetches from the API for one of its pages (History,
// webhook deliveries, the Admin page's lists): the items, whether a fetch is running, and why the last one failed.
import { atom, type WritableAtom } from 'nanostores';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

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
