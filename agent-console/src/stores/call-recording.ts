// Which of the agent's calls their console records: a call the server says
// the tenant records, while it carries sound. The recorder follows the
// call's tracks as they change and stops when the call ends, goes back to
// chat, or moves to another tab.
import type { Conversation } from '@beckon/rtc';
import { noRecorder, startCallRecorder, type CallRecorder } from '../call-recorder.ts';
import { $apiBase } from './api-base.ts';
import { conversationById, updateConversation } from './conversations.ts';
import { showNotice } from './notice.ts';

const recorders = new Map<string, { recorder: CallRecorder; tracks: string }>();

// The calls whose recording the agent paused, kept for a reload of the
// console: the visitor may still be reading out their card number.
const pausedKey = 'beckon.recordings-paused';

function pausedCalls(): string[] {
  try {
    const list: unknown = JSON.parse(sessionStorage.getItem(pausedKey) ?? '[]');
    return Array.isArray(list) ? list.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function keepPaused(id: string, paused: boolean): void {
  sessionStorage.setItem(pausedKey, JSON.stringify([...pausedCalls().filter((kept) => kept !== id), ...(paused ? [id] : [])]));
}

/**
 * Starts, rewires or stops the recording of a conversation after one of its events.
 * @example followRecording('c1', token, engine);
 */
export function followRecording(id: string, token: string, engine: Conversation | null): void {
  const conversation = conversationById(id);
  const current = recorders.get(id);
  const wanted = engine && conversation?.phase === 'live' && conversation.recorded && conversation.media !== 'chat';
  if (!wanted) {
    if (!conversation || conversation.phase === 'ended') keepPaused(id, false);
    if (current) {
      recorders.delete(id);
      void current.recorder.stop();
    }
    return;
  }
  const tracks = [...engine.localStream.getAudioTracks(), ...(conversation.remoteStream?.getAudioTracks() ?? [])];
  const key = tracks.map((track) => track.id).join();
  if (current?.tracks === key) return;
  if (current) {
    current.recorder.rewire(tracks);
    current.tracks = key;
    return;
  }
  const failed = (message: string) => showNotice(`The call with ${conversation.caller.visitor} is not being recorded: ${message}`, 'alert');
  const paused = pausedCalls().includes(id);
  if (paused !== conversation.recordingPaused) updateConversation(id, (changed) => ({ ...changed, recordingPaused: paused }));
  try {
    const recorder = startCallRecorder({ apiBase: $apiBase.get(), conversationId: id, token, tracks, failed });
    recorder.pause(paused);
    recorders.set(id, { recorder, tracks: key });
  } catch (error) {
    // Held as recorded with nothing to stop, so the call goes on without asking again at each event.
    recorders.set(id, { recorder: noRecorder, tracks: key });
    failed(`the browser could not record it (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/**
 * Pauses the recording of a call, so that nothing of what is said meanwhile
 * is kept (a card number, a password), or resumes it.
 * @example toggleRecordingPause('c1');
 */
export function toggleRecordingPause(id: string): void {
  const paused = !conversationById(id)?.recordingPaused;
  updateConversation(id, (conversation) => ({ ...conversation, recordingPaused: paused }));
  keepPaused(id, paused);
  recorders.get(id)?.recorder.pause(paused);
}
