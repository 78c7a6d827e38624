// The transcript of a past contact, opened from History.
import type { ChatMessage } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getTranscript } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

export interface OpenTranscript {
  contactId: string;
  visitor: string;
  /** The name of the agent who answered, for their messages. */
  agent: string;
  messages: ChatMessage[];
  loading: boolean;
  error: string | null;
}

export const $transcript = atom<OpenTranscript | null>(null);

/**
 * Opens a contact's transcript and fetches it.
 * @example await openTranscript({ id: 'c1', visitor: 'Visitor 4F2A', agent: { name: 'Ada' } });
 */
export async function openTranscript(contact: { id: string; visitor: string; agent: { name: string } | null }): Promise<void> {
  const opened: OpenTranscript = { contactId: contact.id, visitor: contact.visitor, agent: contact.agent?.name ?? 'Agent', messages: [], loading: true, error: null };
  $transcript.set(opened);
  try {
    const { messages } = await withToken((token) => getTranscript($apiBase.get(), token, contact.id));
    if ($transcript.get() === opened) $transcript.set({ ...opened, messages, loading: false });
  } catch (error) {
    if ($transcript.get() === opened) $transcript.set({ ...opened, loading: false, error: `Could not load the transcript: ${reason(error)}` });
  }
}

/**
 * Closes the transcript (also on sign-out).
 * @example closeTranscript();
 */
export function closeTranscript(): void {
  $transcript.set(null);
}
