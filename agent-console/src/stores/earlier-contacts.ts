// A verified customer's earlier contacts, beside their conversation: what
// they came about before, who helped them, and how it ended.
import type { Contact } from '@beckon/protocol';
import { map } from 'nanostores';
import { getContacts } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

/** How many of a customer's earlier contacts are listed: the most recent; History finds the rest. */
export const earlierContactsShown = 5;

export interface EarlierContacts {
  contacts: Contact[];
  /** Whether the customer has more than those listed. */
  more: boolean;
  loading: boolean;
  error: string | null;
}

/** By the conversation they are shown beside. */
export const $earlierContacts = map<Record<string, EarlierContacts>>({});

/**
 * Fetches a customer's contacts other than this conversation.
 * @example await loadEarlierContacts('c2', 'customer-42');
 */
export async function loadEarlierContacts(conversationId: string, customerId: string): Promise<void> {
  // Once per conversation; one that failed is asked again the next time it is shown.
  const known = $earlierContacts.get()[conversationId];
  if (known && !known.error) return;
  $earlierContacts.setKey(conversationId, { contacts: [], more: false, loading: true, error: null });
  try {
    const query = { customer: customerId, limit: String(earlierContactsShown + 2) };
    const { contacts, next } = await withToken((token) => getContacts($apiBase.get(), token, query));
    const earlier = contacts.filter((contact) => contact.id !== conversationId);
    $earlierContacts.setKey(conversationId, { contacts: earlier.slice(0, earlierContactsShown), more: earlier.length > earlierContactsShown || next !== null, loading: false, error: null });
  } catch (error) {
    $earlierContacts.setKey(conversationId, { contacts: [], more: false, loading: false, error: `Could not load their earlier contacts: ${reason(error)}` });
  }
}
