// Which of the agent's calls their console records: a call the server says
// the tenant records, while it carries sound. The recorder follows the
// call's tracks as they change and stops when the call ends, goes back to
// chat, or moves to another tab.
import type { Conversation } from '@beckon/rtc';
import { startCallRecorder, type CallRecorder } from '../call-recorder.ts';
import { $apiBase } from './api-base.ts';
import { conversationById, updateConversation } from './conversations.ts';
import { showNotice } from './notice.ts';

const recorders = new Map<string, { recorder: CallRecorder; tracks: string }>();

/**
 * Starts, rewires or stops the recording of a conversation after one of its events.
 * @example followRecording('c1', token, engine);
 */
export function followRecording(id: string, token: string, engine: Conversation | null): void {
  const conversation = conversationById(id);
  const current = recorders.get(id);
  const wanted = engine && conversation?.phase === 'live' && conversation.recorded && conversation.media !== 'chat';
  if (!wanted) {
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
  try {
    const recorder = startCallRecorder({ apiBase: $apiBase.get(), conversationId: id, token, tracks, failed });
    recorder.pause(conversation.recordingPaused);
    recorders.set(id, { recorder, tracks: key });
  } catch (error) {
    // Held as recorded with nothing to stop, so the call goes on without asking again at each event.
    recorders.set(id, { recorder: { rewire: () => {}, pause: () => {}, stop: async () => {} }, tracks: key });
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
  recorders.get(id)?.recorder.pause(paused);
}
