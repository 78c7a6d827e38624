// Handing a conversation on: blind to a queue or an agent (the visitor waits
// again), or warm to an agent (it rings them while this agent stays, and
// moves when they accept).
import type { AgentServerMessage, TransferTarget, TransferTargets } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getTransferTargets } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { conversationById } from './conversations.ts';
import { showNotice } from './notice.ts';
import { sendToSwitchboard } from './switchboard.ts';
import { withToken } from './with-token.ts';

export interface TransferForm {
  conversationId: string;
  targets: TransferTargets | null;
  error: string | null;
  /** A warm transfer rings this colleague now. */
  ringing: string | null;
}

export const $transfer = atom<TransferForm | null>(null);

/**
 * Opens the transfer form for a conversation and fetches where it can go.
 * @example await openTransfer('c1');
 */
export async function openTransfer(conversationId: string): Promise<void> {
  const form: TransferForm = { conversationId, targets: null, error: null, ringing: null };
  $transfer.set(form);
  try {
    const targets = await withToken((token) => getTransferTargets($apiBase.get(), token));
    if ($transfer.get() === form) $transfer.set({ ...form, targets });
  } catch (error) {
    if ($transfer.get() === form) $transfer.set({ ...form, error: `Could not load where to transfer: ${reason(error)}` });
  }
}

/**
 * Closes the form (a warm transfer already ringing goes on ringing).
 * @example closeTransfer();
 */
export function closeTransfer(): void {
  $transfer.set(null);
}

/**
 * Hands the conversation on.
 * @example transfer('c1', { queue: 'billing' }, false, '');
 */
export function transfer(conversationId: string, to: TransferTarget, warm: boolean, note: string): void {
  const form = $transfer.get();
  if (!sendToSwitchboard({ type: 'transfer', contactId: conversationId, to, warm, note })) {
    if (form) $transfer.set({ ...form, error: 'You are offline; try again when the console is connected.' });
    return;
  }
  if (!warm) return closeTransfer();
  const name = 'agent' in to ? form?.targets?.agents.find((agent) => agent.id === to.agent)?.name ?? 'your colleague' : '';
  if (form) $transfer.set({ ...form, ringing: name, error: null });
  showNotice(`Ringing ${name}; stay with the visitor until they answer.`);
}

const results = {
  accepted: 'took the conversation',
  declined: 'declined the transfer; the conversation stays with you',
  missed: 'did not answer the transfer; the conversation stays with you',
} as const;

/**
 * What became of this agent's warm transfer.
 * @example transferEnded({ type: 'transfer-ended', contactId: 'c1', result: 'declined' });
 */
export function transferEnded(message: Extract<AgentServerMessage, { type: 'transfer-ended' }>): void {
  const form = $transfer.get();
  const who = form?.conversationId === message.contactId && form.ringing ? form.ringing : 'Your colleague';
  if (form?.conversationId === message.contactId) closeTransfer();
  const visitor = conversationById(message.contactId)?.caller.visitor;
  showNotice(`${who} ${results[message.result]}${visitor ? ` (${visitor})` : ''}.`, message.result === 'accepted' ? 'status' : 'alert');
}
