import { atom } from 'nanostores';
import { loadAdmin } from './admin.ts';
import { $apiBase } from './api-base.ts';
import { $isSupervisor, closeBoard, openBoard } from './board.ts';
import { loadContacts } from './contacts.ts';
import { loadDeliveries } from './deliveries.ts';
import { loadReport } from './reports.ts';
import { freshAccessToken } from './session.ts';

/** The console's pages. */
export type View = 'conversations' | 'history' | 'webhooks' | 'admin' | 'board' | 'reports';

export const $view = atom<View>('conversations');

/**
 * Switches page; History, the webhook log, Reports and the Admin page are fetched
 * afresh each time they are opened, and the Board is live while it is shown.
 * @example showView('history');
 */
export function showView(view: View): void {
  if ($view.get() === 'board' && view !== 'board') closeBoard();
  $view.set(view);
  if (view === 'board') openBoard({ apiBase: $apiBase.get(), accessToken: freshAccessToken });
  if (view === 'history') void loadContacts();
  if (view === 'webhooks') void loadDeliveries();
  if (view === 'reports') void loadReport();
  if (view === 'admin') void loadAdmin();
}

// A role taken away takes its pages with it.
$isSupervisor.listen((supervisor) => {
  if (!supervisor && ($view.get() === 'board' || $view.get() === 'webhooks' || $view.get() === 'reports')) showView('conversations');
});
