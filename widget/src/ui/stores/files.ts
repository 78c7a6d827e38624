// Files between the visitor and the agent, peer to peer: the visitor accepts
// a file before any byte flows, and what arrives is checked (SHA-256).
import type { FileTransfer } from '@beckon/rtc';
import { atom } from 'nanostores';
import { conversationEvents, joinedConversation } from './conversation.ts';

export const $files = atom<FileTransfer[]>([]);
/** Why the last file could not be sent, in words for the visitor. */
export const $fileProblem = atom<string | null>(null);

/**
 * Offers files to the agent.
 * @example sendFiles(input.files);
 */
export function sendFiles(files: Iterable<File>): void {
  $fileProblem.set(null);
  for (const file of files) {
    try {
      const conversation = joinedConversation();
      if (!conversation) throw new Error('Files can be sent once you are talking with an agent.');
      conversation.sendFile(file);
    } catch (error) {
      $fileProblem.set(error instanceof Error ? error.message : String(error));
    }
  }
}

/**
 * Accepts or declines a file the agent offers.
 * @example answerFile('f1', true);
 */
export function answerFile(transferId: string, accept: boolean): void {
  const conversation = joinedConversation();
  if (accept) conversation?.acceptFile(transferId);
  else conversation?.declineFile(transferId);
}

/**
 * Stops a file on its way.
 * @example cancelFile('f1');
 */
export function cancelFile(transferId: string): void {
  joinedConversation()?.cancelFile(transferId);
}

conversationEvents.on((event) => {
  if (event.type === 'files') $files.set(event.transfers);
  if (event.type === 'joined' || event.type === 'ended' || event.type === 'replaced') {
    $files.set([]);
    $fileProblem.set(null);
  }
});
