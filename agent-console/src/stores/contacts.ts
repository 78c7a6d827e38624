// Contact history for the History page, and an admin's deleting of a contact.
import type { Contact } from '@beckon/protocol';
import { adminRequest } from '../admin-api.ts';
import { getContacts } from '../api.ts';
import { formatStart } from '../format.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

const history = apiList('history', async (apiBase, accessToken) => (await getContacts(apiBase, accessToken)).contacts);
const action = adminAction(history.load);

export const $contacts = history.$list;
/** What the last deletion did, or why it failed. */
export const $contactAction = action.$state;

/**
 * Fetches the contact list.
 * @example await loadContacts();
 */
export const loadContacts = history.load;

/**
 * Deletes an ended contact and all that is kept of it (admins only), then fetches the list again.
 * @example await deleteContact(contact) // true
 */
export function deleteContact(contact: Contact): Promise<boolean> {
  const which = `the contact with ${contact.visitor} (${formatStart(contact.createdAt)})`;
  return action.run(`Could not delete ${which}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/contacts/${encodeURIComponent(contact.id)}`), `Deleted ${which}.`);
}

/**
 * Forgets the list, e.g. on sign-out.
 * @example resetContacts();
 */
export function resetContacts(): void {
  history.reset();
  action.reset();
}
