// Files between the agent and the visitor, peer to peer over the call's data
// channels: the receiver accepts before any byte flows, and each file's
// SHA-256 is checked on arrival.
import { engineOf } from './conversations.ts';
import { showNotice } from './notice.ts';

/**
 * Offers files to the visitor; one too large, or before the connection is up, is refused with a notice.
 * @example sendFiles('c1', input.files);
 */
export function sendFiles(conversationId: string, files: Iterable<File>): void {
  const engine = engineOf(conversationId);
  for (const file of files) {
    try {
      if (!engine) throw new Error('This conversation is not connected.');
      engine.sendFile(file);
    } catch (error) {
      showNotice(error instanceof Error ? error.message : String(error), 'alert');
    }
  }
}

/**
 * Answers a file the visitor offers.
 * @example answerFile('c1', 'f1', true);
 */
export function answerFile(conversationId: string, transferId: string, accept: boolean): void {
  const engine = engineOf(conversationId);
  if (accept) engine?.acceptFile(transferId);
  else engine?.declineFile(transferId);
}

/**
 * Stops a file on its way, in either direction.
 * @example cancelFile('c1', 'f1');
 */
export function cancelFile(conversationId: string, transferId: string): void {
  engineOf(conversationId)?.cancelFile(transferId);
}
