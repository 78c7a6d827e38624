import { atom } from 'nanostores';
import { loadContacts } from './contacts.ts';

/** The console's two pages. */
export type View = 'calls' | 'history';

export const $view = atom<View>('calls');

/**
 * Switches page; History is fetched afresh each time it is opened.
 * @example showView('history');
 */
export function showView(view: View): void {
  $view.set(view);
  if (view === 'history') void loadContacts();
}
