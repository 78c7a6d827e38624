// The requests of one Admin page section that change something: whether one
// is out, what the last one did, and why it failed, in the server's words.
import { atom } from 'nanostores';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

export interface AdminActionState {
  pending: boolean;
  /** What the last request did, for a status line. */
  done: string | null;
  /** Why the last request failed. */
  error: string | null;
}

const idle: AdminActionState = { pending: false, done: null, error: null };

/**
 * A section's action runner; after each success the section's list is loaded again.
 * @example const team = adminAction(loadTeam); await team.run('Could not remove Ada', (base, token) => adminRequest(base, token, 'DELETE', `/agents/${id}`), 'Ada was removed.');
 */
export function adminAction(reload: () => Promise<void>) {
  const $state = atom<AdminActionState>(idle);
  return {
    $state,
    async run(failure: string, call: (apiBase: string, accessToken: string) => Promise<unknown>, done: string | null = null): Promise<boolean> {
      $state.set({ pending: true, done: null, error: null });
      try {
        await withToken((token) => call($apiBase.get(), token));
      } catch (error) {
        $state.set({ pending: false, done: null, error: `${failure}: ${reason(error)}` });
        return false;
      }
      $state.set({ pending: false, done, error: null });
      await reload();
      return true;
    },
    /** Says what happened without a request (there was nothing to send). */
    tell(done: string): void {
      $state.set({ pending: false, done, error: null });
    },
    reset(): void {
      $state.set(idle);
    },
  };
}
