// Blocked visitors: an agent blocks the visitor of a conversation they have
// open (which then ends); admins see every block and lift them.
import type { NewVisitorBlock, VisitorBlock } from '@beckon/protocol';
import { atom } from 'nanostores';
import { adminRequest } from '../admin-api.ts';
import { postVisitorBlock } from '../api.ts';
import { formatStart, reason } from '../format.ts';
import { adminAction } from './admin-action.ts';
import { $apiBase } from './api-base.ts';
import { apiList } from './api-list.ts';
import { withToken } from './with-token.ts';

/** Where blocking a conversation's visitor is: its form open, a request out, done, or refused. */
export type Blocking =
  | { step: 'asking' | 'sending'; error: string | null }
  | { step: 'blocked'; block: VisitorBlock };

/** Blocking by conversation id; a conversation with no entry has no form open. */
export const $blocking = atom<Record<string, Blocking>>({});

const setBlocking = (contactId: string, blocking: Blocking | null) => {
  const { [contactId]: _dropped, ...others } = $blocking.get();
  $blocking.set(blocking ? { ...others, [contactId]: blocking } : others);
};

/**
 * Opens (or closes) the form that blocks a conversation's visitor.
 * @example askToBlock('c1', true);
 */
export function askToBlock(contactId: string, open: boolean): void {
  setBlocking(contactId, open ? { step: 'asking', error: null } : null);
}

/**
 * Blocks the conversation's visitor; true once the server has the block.
 * @example if (await blockVisitor('c1', { days: 7, reason: 'Abusive' })) hangUp('c1');
 */
export async function blockVisitor(contactId: string, block: NewVisitorBlock): Promise<boolean> {
  setBlocking(contactId, { step: 'sending', error: null });
  try {
    const { block: made } = await withToken((token) => postVisitorBlock($apiBase.get(), token, contactId, block));
    setBlocking(contactId, { step: 'blocked', block: made });
    return true;
  } catch (error) {
    setBlocking(contactId, { step: 'asking', error: `Could not block the visitor: ${reason(error)}` });
    return false;
  }
}

const list = apiList('the blocked visitors', async (apiBase, accessToken) => (await adminRequest<{ blocks: VisitorBlock[] }>(apiBase, accessToken, 'GET', '/visitor-blocks')).blocks);
const action = adminAction(list.load);

export const $visitorBlocks = list.$list;
export const $visitorBlockAction = action.$state;

/**
 * Fetches the blocks that hold now (admins only).
 * @example await loadVisitorBlocks();
 */
export const loadVisitorBlocks = list.load;

/**
 * Lifts a block (admins only). Said as that block, not the visitor: another block of theirs may still hold.
 * @example await unblockVisitor(block) // true
 */
export function unblockVisitor(block: VisitorBlock): Promise<boolean> {
  return action.run(`Could not unblock ${block.visitor}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/visitor-blocks/${encodeURIComponent(block.id)}`), `The block of ${block.visitor} until ${formatStart(block.expiresAt)} is lifted.`);
}

/**
 * Forgets the blocks and every open form, e.g. on sign-out.
 * @example resetVisitorBlocks();
 */
export function resetVisitorBlocks(): void {
  list.reset();
  action.reset();
  $blocking.set({});
}
