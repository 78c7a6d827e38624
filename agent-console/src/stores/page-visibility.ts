// Whether the agent can see the console: a message counts as read only then.
import { atom } from 'nanostores';

export const $pageVisible = atom(true);

/**
 * Follows the tab's visibility (another tab in front, a minimised window).
 * @example const stop = followPageVisibility(document);
 */
export function followPageVisibility(page: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>): () => void {
  const update = () => $pageVisible.set(page.visibilityState === 'visible');
  update();
  page.addEventListener('visibilitychange', update);
  return () => page.removeEventListener('visibilitychange', update);
}
