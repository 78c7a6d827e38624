// Whispers: private lines between this agent and a supervisor, never seen by visitors.
import type { Whisper } from '@beckon/protocol';
import { atom } from 'nanostores';
import { showNotice } from './notice.ts';
import { sendToSwitchboard } from './switchboard.ts';

export const $whispers = atom<Whisper[]>([]);

/** How many whispers the console keeps on screen. */
const kept = 100;

/**
 * Keeps a whisper that arrived (from a supervisor, or the echo of this agent's reply).
 * @example receiveWhisper({ from: { id: 's1', name: 'Morgan' }, to: 'a1', text: 'Offer the refund', at: Date.now() });
 */
export function receiveWhisper(whisper: Whisper): void {
  $whispers.set([...$whispers.get(), whisper].slice(-kept));
}

/**
 * Answers a supervisor privately.
 * @example replyWhisper(supervisorId, 'Done');
 */
export function replyWhisper(to: string, text: string): void {
  if (!text.trim()) return;
  if (!sendToSwitchboard({ type: 'whisper', to, text })) showNotice('Not connected; the reply was not sent.', 'alert');
}

/**
 * Forgets the whispers, e.g. on sign-out.
 * @example resetWhispers();
 */
export function resetWhispers(): void {
  $whispers.set([]);
}
