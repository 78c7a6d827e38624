// The Admin page as a whole: who sees it, what opening it fetches and what signing out forgets.
import { computed } from 'nanostores';
import { loadIdentitySecret, resetIdentitySecret } from './identity-secret.ts';
import { loadOrigins, resetOrigins } from './origins.ts';
import { loadQueues, resetQueues } from './queues.ts';
import { loadSavedReplies } from './saved-replies.ts';
import { $session } from './session.ts';
import { loadTeam, resetTeam } from './team.ts';
import { loadVisitorBlocks } from './visitor-blocks.ts';
import { loadSettings, resetSettings } from './tenant-settings.ts';
import { loadWidgetKeys, resetWidgetKeys } from './widget-keys.ts';

/** Whether the signed-in agent is an admin, as of their last sign-in or token refresh. */
export const $isAdmin = computed($session, (session) => session?.agent.role === 'admin');

/**
 * Fetches every section of the Admin page afresh.
 * @example await loadAdmin();
 */
export async function loadAdmin(): Promise<void> {
  await Promise.all([loadTeam(), loadQueues(), loadOrigins(), loadWidgetKeys(), loadIdentitySecret(), loadSettings(), loadSavedReplies(), loadVisitorBlocks()]);
}

/**
 * Forgets everything the Admin page fetched, e.g. on sign-out.
 * @example resetAdmin();
 */
export function resetAdmin(): void {
  resetTeam();
  resetQueues();
  resetOrigins();
  resetWidgetKeys();
  resetIdentitySecret();
  resetSettings();
}
