// The transcript of a past contact, opened from History, with the recordings of its call.
import type { ChatMessage } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getRecordingFile, getRecordings, getTranscript } from '../api.ts';
import { reason } from '../format.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

export interface OpenTranscript {
  contactId: string;
  visitor: string;
  /** The name of the agent who answered, for their messages. */
  agent: string;
  messages: ChatMessage[];
  /** The call's recordings, each as a local address to play (revoked when the dialog closes). */
  recordings: { segment: number; startedAt: number; url: string }[];
  loading: boolean;
  error: string | null;
}

export const $transcript = atom<OpenTranscript | null>(null);

/**
 * Opens a contact's transcript and fetches it.
 * @example await openTranscript({ id: 'c1', visitor: 'Visitor 4F2A', agent: { name: 'Ada' } });
 */
export async function openTranscript(contact: { id: string; visitor: string; agent: { name: string } | null; recorded?: true }): Promise<void> {
  closeTranscript();
  const opened: OpenTranscript = { contactId: contact.id, visitor: contact.visitor, agent: contact.agent?.name ?? 'Agent', messages: [], recordings: [], loading: true, error: null };
  $transcript.set(opened);
  const apiBase = $apiBase.get();
  try {
    const { messages } = await withToken((token) => getTranscript(apiBase, token, contact.id));
    if ($transcript.get() !== opened) return;
    // The chat shows at once: a long call's recordings take a while to fetch, and one that cannot be fetched leaves the chat in view.
    const shown = { ...opened, messages, loading: contact.recorded === true };
    $transcript.set(shown);
    if (contact.recorded) await showRecordings(apiBase, shown);
  } catch (error) {
    if ($transcript.get() === opened) $transcript.set({ ...opened, loading: false, error: `Could not load the transcript: ${reason(error)}` });
  }
}

// Fetches the recordings of the transcript in view, each as a local address to play and download.
async function showRecordings(apiBase: string, shown: OpenTranscript): Promise<void> {
  const recordings: OpenTranscript['recordings'] = [];
  let error: string | null = null;
  try {
    for (const recording of (await withToken((token) => getRecordings(apiBase, token, shown.contactId))).recordings) {
      const file = await withToken((token) => getRecordingFile(apiBase, token, shown.contactId, recording.segment));
      recordings.push({ segment: recording.segment, startedAt: recording.startedAt, url: URL.createObjectURL(file) });
    }
  } catch (failure) {
    error = `Could not load the recording of the call: ${reason(failure)}`;
  }
  if ($transcript.get() === shown) $transcript.set({ ...shown, recordings, loading: false, error });
  else revoke(recordings);
}

function revoke(recordings: OpenTranscript['recordings']): void {
  for (const { url } of recordings) URL.revokeObjectURL(url);
}

/**
 * Closes the transcript (also on sign-out).
 * @example closeTranscript();
 */
export function closeTranscript(): void {
  revoke($transcript.get()?.recordings ?? []);
  $transcript.set(null);
}
