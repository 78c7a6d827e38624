// After a call: the agent records how it went (a disposition and notes).
// While the tenant's wrap-up time runs the Switchboard holds back the next
// offer; the form stays until it is saved, so nothing typed is lost.
import type { AgentServerMessage, Disposition } from '@beckon/protocol';
import { atom } from 'nanostores';
import { loadContacts } from './contacts.ts';
import { sendToSwitchboard } from './switchboard.ts';

export interface WrapUp {
  contactId: string;
  /** When the hold on offers ends (ms since the epoch). */
  until: number;
  /** Whether offers are still held back for it. */
  holding: boolean;
  disposition: Disposition | '';
  notes: string;
  saving: boolean;
}

export const $wrapUp = atom<WrapUp | null>(null);

/**
 * The Switchboard started (or, after a reload, still runs) a call's wrap-up.
 * @example beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: Date.now() + 30_000 });
 */
export function beginWrapUp(message: Extract<AgentServerMessage, { type: 'wrap-up' }>): void {
  const current = $wrapUp.get();
  if (current?.contactId === message.contactId) return $wrapUp.set({ ...current, until: message.until, holding: true });
  $wrapUp.set({ contactId: message.contactId, until: message.until, holding: true, disposition: '', notes: '', saving: false });
}

/**
 * The wrap-up's hold ended: saved (the form closes, History shows it) or timed out (the form stays).
 * @example wrapUpEnded({ type: 'wrap-up-ended', contactId: 'c1', saved: true });
 */
export function wrapUpEnded(message: Extract<AgentServerMessage, { type: 'wrap-up-ended' }>): void {
  const current = $wrapUp.get();
  if (current?.contactId !== message.contactId) return;
  if (!message.saved) return $wrapUp.set({ ...current, holding: false });
  $wrapUp.set(null);
  void loadContacts();
}

/**
 * Changes what the form holds.
 * @example editWrapUp({ disposition: 'resolved' });
 */
export function editWrapUp(change: Partial<Pick<WrapUp, 'disposition' | 'notes'>>): void {
  const current = $wrapUp.get();
  if (current) $wrapUp.set({ ...current, ...change });
}

/**
 * Saves the wrap-up; false when no disposition is chosen yet or the console is offline.
 * @example saveWrapUp();
 */
export function saveWrapUp(): boolean {
  const current = $wrapUp.get();
  if (!current || !current.disposition || current.saving) return false;
  const sent = sendToSwitchboard({ type: 'wrap-up', contactId: current.contactId, disposition: current.disposition, notes: current.notes });
  if (sent) $wrapUp.set({ ...current, saving: true });
  return sent;
}

/**
 * Back to no wrap-up (sign-out).
 * @example resetWrapUp();
 */
export function resetWrapUp(): void {
  $wrapUp.set(null);
}
