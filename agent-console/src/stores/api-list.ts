// A list the console fetches from the API for one of its pages (History,
// webhook deliveries, the Admin page's lists): the items, whether a fetch is running, and why the last one failed.
import { atom, type WritableAtom } from 'nanostores';
import { latestLoad, type Loading } from './latest-load.ts';

export interface ApiList<T> extends Loading {
  items: T[];
}

/**
 * A store for one list with its load and reset actions; a token the server
 * no longer accepts is refreshed once and the request retried.
 * @example const contacts = apiList('history', async (base, token) => (await getContacts(base, token)).contacts);
 */
export function apiList<T>(what: string, fetchItems: (apiBase: string, accessToken: string) => Promise<T[]>) {
  const empty: ApiList<T> = { items: [], loading: false, error: null };
  const $list: WritableAtom<ApiList<T>> = atom(empty);
  const listLoad = latestLoad($list, what);
  return {
    $list,
    load: (): Promise<void> => listLoad.load(fetchItems, (items) => ({ items })),
    reset(): void {
      listLoad.forget();
      $list.set(empty);
    },
  };
}
