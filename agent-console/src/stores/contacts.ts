// Contact history for the History page, a page at a time and as the agent
// looks for something (text, outcome, days), all of it as CSV, and an
// admin's deleting of a contact.
import { maxContactsPage, type Contact, type Outcome } from '@beckon/protocol';
import { atom } from 'nanostores';
import { adminRequest } from '../admin-api.ts';
import { getContacts } from '../api.ts';
import { contactsCsv } from '../contacts-csv.ts';
import { formatStart } from '../format.ts';
import { dayStart } from '../local-days.ts';
import { adminAction } from './admin-action.ts';
import { $apiBase } from './api-base.ts';
import type { ApiList } from './api-list.ts';
import { latestLoad } from './latest-load.ts';
import { withToken } from './with-token.ts';

/** What History shows: the contacts with this text and outcome, begun on these days (YYYY-MM-DD, in the agent's time zone); '' for any. */
export interface HistoryFilter { text: string; outcome: Outcome | ''; from: string; to: string }

const anything: HistoryFilter = { text: '', outcome: '', from: '', to: '' };

/** How many contacts History fetches at a time. */
export const historyPage = 100;

const empty: ApiList<Contact> & { next: string | null } = { items: [], loading: false, error: null, next: null };
/** The contacts shown, and the cursor of the older ones (null when there are none). */
export const $contacts = atom(empty);
export const $historyFilter = atom<HistoryFilter>(anything);

/** The most contacts one CSV holds. */
export const maxCsvContacts = 10_000;

// The API's query for the filter; a day runs from the agent's local midnight to the next.
function filterQuery({ text, outcome, from, to }: HistoryFilter): Record<string, string> {
  return { ...(text.trim() && { text: text.trim() }), ...(outcome && { outcome }), ...(from && { from: String(dayStart(from)) }), ...(to && { to: String(dayStart(to, 1)) }) };
}
const pageLoad = latestLoad($contacts, 'history');

// Fetches from the newest (`before` null) or the next older page, as the filter asks.
function fetchPage(before: string | null): Promise<void> {
  const query = { limit: String(historyPage), ...(before && { before }), ...filterQuery($historyFilter.get()) };
  return pageLoad.load(
    (apiBase, accessToken) => getContacts(apiBase, accessToken, query),
    (page) => ({ items: [...(before ? $contacts.get().items : []), ...page.contacts], next: page.next }),
  );
}

/**
 * Fetches the newest contacts that match the filter again.
 * @example await loadContacts();
 */
export const loadContacts = (): Promise<void> => fetchPage(null);

/**
 * Adds the next older page to those shown.
 * @example await loadOlderContacts();
 */
export function loadOlderContacts(): Promise<void> {
  const { next } = $contacts.get();
  return next ? fetchPage(next) : Promise.resolve();
}

/**
 * Shows the contacts with this text and outcome, begun on these days, newest first.
 * @example await findContacts({ text: 'invoice 42', outcome: '', from: '2026-11-01', to: '' });
 */
export function findContacts(filter: HistoryFilter): Promise<void> {
  $historyFilter.set(filter);
  return loadContacts();
}

/**
 * Every contact the filter finds (up to `maxCsvContacts`) as CSV, and whether there were more.
 * @example const { csv, more } = await contactsAsCsv();
 */
export async function contactsAsCsv(): Promise<{ csv: string; more: boolean }> {
  const query = filterQuery($historyFilter.get());
  const found: Contact[] = [];
  let before: string | null = null;
  do {
    const page = await withToken((token) => getContacts($apiBase.get(), token, { ...query, limit: String(maxContactsPage), ...(before && { before }) }));
    found.push(...page.contacts);
    before = page.next;
  } while (before && found.length < maxCsvContacts);
  return { csv: contactsCsv(found.slice(0, maxCsvContacts)), more: before !== null || found.length > maxCsvContacts };
}

const action = adminAction(loadContacts);
/** What the last deletion did, or why it failed. */
export const $contactAction = action.$state;

/**
 * Deletes an ended contact and all that is kept of it (admins only), then fetches the list again.
 * @example await deleteContact(contact) // true
 */
export function deleteContact(contact: Contact): Promise<boolean> {
  const which = `the contact with ${contact.visitor} (${formatStart(contact.createdAt)})`;
  return action.run(`Could not delete ${which}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/contacts/${encodeURIComponent(contact.id)}`), `Deleted ${which}.`);
}

/**
 * Forgets the list and the filter, e.g. on sign-out.
 * @example resetContacts();
 */
export function resetContacts(): void {
  pageLoad.forget();
  $contacts.set(empty);
  $historyFilter.set(anything);
  action.reset();
}
