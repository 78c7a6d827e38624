import { atom } from 'nanostores';
import { loadContacts } from './contacts.ts';
import { loadDeliveries } from './deliveries.ts';

/** The console's pages. */
export type View = 'conversations' | 'history' | 'webhooks';

export const $view = atom<View>('conversations');

/**
 * Switches page; History and the webhook log are fetched afresh each time they are opened.
 * @example showView('history');
 */
export function showView(view: View): void {
  $view.set(view);
  if (view === 'history') void loadContacts();
  if (view === 'webhooks') void loadDeliveries();
}
