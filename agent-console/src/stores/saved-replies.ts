// The tenant's saved replies: every agent inserts them in the reply box; admins keep the list.
import type { NewSavedReply, SavedReply } from '@beckon/protocol';
import { adminRequest } from '../admin-api.ts';
import { getSavedReplies } from '../api.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

const list = apiList('the saved replies', async (apiBase, accessToken) => (await getSavedReplies(apiBase, accessToken)).savedReplies);
const action = adminAction(list.load);

export const $savedReplies = list.$list;
export const $savedReplyAction = action.$state;

/**
 * Fetches the saved replies.
 * @example await loadSavedReplies();
 */
export const loadSavedReplies = list.load;

/**
 * Adds a saved reply (admins only).
 * @example await addSavedReply({ title: 'Refunds', text: 'Refunds take 5 working days.' }) // true
 */
export function addSavedReply(reply: NewSavedReply): Promise<boolean> {
  return action.run(`Could not add the reply ${reply.title}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'POST', '/saved-replies', reply), `The reply ${reply.title} was added.`);
}

/**
 * Changes a saved reply (admins only).
 * @example await changeSavedReply(reply, { title: 'Refunds', text: 'Refunds take 3 working days.' }) // true
 */
export function changeSavedReply(reply: SavedReply, change: NewSavedReply): Promise<boolean> {
  return action.run(`Could not change the reply ${reply.title}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'PATCH', `/saved-replies/${encodeURIComponent(reply.id)}`, change), `The reply ${change.title} was saved.`);
}

/**
 * Deletes a saved reply (admins only).
 * @example await deleteSavedReply(reply) // true
 */
export function deleteSavedReply(reply: SavedReply): Promise<boolean> {
  return action.run(`Could not delete the reply ${reply.title}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/saved-replies/${encodeURIComponent(reply.id)}`), `The reply ${reply.title} was deleted.`);
}

/**
 * Forgets the list, e.g. on sign-out.
 * @example resetSavedReplies();
 */
export function resetSavedReplies(): void {
  list.reset();
  action.reset();
}
