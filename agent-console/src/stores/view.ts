import { atom } from 'nanostores';
import { loadAdmin } from './admin.ts';
import { loadContacts } from './contacts.ts';
import { loadDeliveries } from './deliveries.ts';

/** The console's pages. */
export type View = 'calls' | 'history' | 'webhooks' | 'admin';

export const $view = atom<View>('calls');

/**
 * Switches page; History, the webhook log and the Admin page are fetched afresh each time they are opened.
 * @example showView('history');
 */
export function showView(view: View): void {
  $view.set(view);
  if (view === 'history') void loadContacts();
  if (view === 'webhooks') void loadDeliveries();
  if (view === 'admin') void loadAdmin();
}
