// After a conversation: the agent records how it went (a disposition,
// notes, and one of the tenant's wrap-up reasons if it has any). While the tenant's wrap-up time runs the Switchboard holds back the
// next offer; a form stays until it is saved, so nothing typed is lost. Several
// conversations may wait for their wrap-up at once; the Switchboard holds
// offers back for the newest only.
import type { AgentServerMessage, Disposition } from '@beckon/protocol';
import { atom, computed } from 'nanostores';
import { closeConversation } from './assignment.ts';
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
  /** The tenant's wrap-up reasons as the wrap-up began, and the one chosen ('' for none). */
  reasons: string[];
  reason: string;
  saving: boolean;
}

/** Open wrap-ups by contact id (a contact's id is its conversation's). */
export const $wrapUps = atom<Readonly<Record<string, WrapUp>>>({});

/** The wrap-up that holds the next offer back, if one does (only the newest can). */
export const $holdingWrapUp = computed($wrapUps, (all) => Object.values(all).find((wrapUp) => wrapUp.holding) ?? null);

/**
 * What a form says about new offers. An older form no longer holds them, but
 * while a newer one does, offers are not coming in yet.
 * @example offersLine(wrapUp, $holdingWrapUp.get(), Date.now()); // 'New offers in 12 s, or as soon as you save.'
 */
export function offersLine(wrapUp: WrapUp, holding: WrapUp | null, now: number): string {
  if (wrapUp.holding && secondsUntil(wrapUp.until, now) > 0) return `New offers in ${secondsUntil(wrapUp.until, now)} s, or as soon as you save.`;
  if (holding && secondsUntil(holding.until, now) > 0) return 'New offers wait for your latest wrap-up.';
  return 'New offers are coming in again.';
}

/**
 * Whole seconds left until a time, never below zero.
 * @example secondsUntil(Date.now() + 1_500, Date.now()); // 2
 */
export function secondsUntil(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

function change(contactId: string, update: (wrapUp: WrapUp) => WrapUp): void {
  const all = $wrapUps.get();
  const current = all[contactId];
  if (current) $wrapUps.set({ ...all, [contactId]: update(current) });
}

/**
 * The Switchboard started (or, after a reload, still runs) a contact's wrap-up.
 * @example beginWrapUp({ type: 'wrap-up', contactId: 'c1', until: Date.now() + 30_000, reasons: ['Billing'] });
 */
export function beginWrapUp(message: Extract<AgentServerMessage, { type: 'wrap-up' }>): void {
  const all = $wrapUps.get();
  const others = Object.fromEntries(Object.entries(all).map(([id, wrapUp]) => [id, { ...wrapUp, holding: false }]));
  const current = all[message.contactId];
  const fresh: WrapUp = { contactId: message.contactId, until: message.until, holding: true, disposition: '', notes: '', reasons: message.reasons, reason: '', saving: false };
  $wrapUps.set({ ...others, [message.contactId]: current ? { ...current, until: message.until, holding: true, reasons: message.reasons } : fresh });
}

/**
 * A wrap-up's hold ended: saved (its form and conversation close, History
 * shows it) or timed out (the form stays).
 * @example wrapUpEnded({ type: 'wrap-up-ended', contactId: 'c1', saved: true });
 */
export function wrapUpEnded(message: Extract<AgentServerMessage, { type: 'wrap-up-ended' }>): void {
  if (!message.saved) return change(message.contactId, (wrapUp) => ({ ...wrapUp, holding: false }));
  const { [message.contactId]: saved, ...rest } = $wrapUps.get();
  if (!saved) return;
  $wrapUps.set(rest);
  closeConversation(message.contactId);
  void loadContacts();
}

/**
 * Changes what a form holds.
 * @example editWrapUp('c1', { disposition: 'resolved' });
 */
export function editWrapUp(contactId: string, edit: Partial<Pick<WrapUp, 'disposition' | 'notes' | 'reason'>>): void {
  change(contactId, (wrapUp) => ({ ...wrapUp, ...edit }));
}

/**
 * Saves a wrap-up; false when no disposition is chosen yet or the console is offline.
 * @example saveWrapUp('c1');
 */
export function saveWrapUp(contactId: string): boolean {
  const current = $wrapUps.get()[contactId];
  if (!current || !current.disposition || current.saving) return false;
  const sent = sendToSwitchboard({ type: 'wrap-up', contactId, disposition: current.disposition, notes: current.notes, reason: current.reason || null });
  if (sent) change(contactId, (wrapUp) => ({ ...wrapUp, saving: true }));
  return sent;
}

/**
 * Lets every wrap-up be saved again: the save went out on a socket that
 * dropped, or the server refused it, so no answer is coming. Saving twice
 * is harmless: the server keeps the last.
 * @example releaseSaves();
 */
export function releaseSaves(): void {
  const all = $wrapUps.get();
  if (Object.values(all).some((wrapUp) => wrapUp.saving)) {
    $wrapUps.set(Object.fromEntries(Object.entries(all).map(([id, wrapUp]) => [id, { ...wrapUp, saving: false }])));
  }
}

/**
 * Back to no wrap-ups (sign-out).
 * @example resetWrapUps();
 */
export function resetWrapUps(): void {
  $wrapUps.set({});
}
