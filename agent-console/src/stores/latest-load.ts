// How a console page fetches into its store: only the latest request lands,
// so a slow older answer (a Refresh before a search, say) never overwrites a
// newer one, and the page says whether it is loading and why it failed.
import type { WritableAtom } from 'nanostores';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

/** Whether a fetch is running, and why the last one failed. */
export interface Loading {
  loading: boolean;
  error: string | null;
}

/**
 * Loads into `$store`: `loading` while the latest request runs, then what
 * `landed` makes of its answer, or "Could not load <what>: <reason>" when it
 * failed; earlier requests still on their way are ignored, and `forget` drops
 * the latest too (e.g. on sign-out). A token the server no longer accepts is
 * refreshed once and the request retried.
 * @example
 * const reportLoad = latestLoad($report, 'the report');
 * await reportLoad.load((base, token) => getReport(base, token, from, to), (report) => ({ from, to, report }), { from, to });
 */
export function latestLoad<S extends Loading>($store: WritableAtom<S>, what: string) {
  let latest = 0;
  return {
    async load<A>(request: (apiBase: string, accessToken: string) => Promise<A>, landed: (answer: A) => Omit<S, keyof Loading>, starting?: Partial<S>): Promise<void> {
      const current = ++latest;
      $store.set({ ...$store.get(), ...starting, loading: true, error: null });
      try {
        const answer = await withToken((token) => request($apiBase.get(), token));
        if (current === latest) $store.set({ ...landed(answer), loading: false, error: null } as S);
      } catch (error) {
        if (current === latest) $store.set({ ...$store.get(), loading: false, error: `Could not load ${what}: ${reason(error)}` });
      }
    },
    forget(): void {
      latest++;
    },
  };
}
