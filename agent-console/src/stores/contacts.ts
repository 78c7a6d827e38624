// Contact history for the History page.
import { getContacts } from '../api.ts';
import { apiList } from './api-list.ts';

const history = apiList('history', async (apiBase, accessToken) => (await getContacts(apiBase, accessToken)).contacts);

export const $contacts = history.$list;

/**
 * Fetches the contact list.
 * @example await loadContacts();
 */
export const loadContacts = history.load;

/**
 * Forgets the list, e.g. on sign-out.
 * @example resetContacts();
 */
export const resetContacts = history.reset;
