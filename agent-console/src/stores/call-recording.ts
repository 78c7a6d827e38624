// Which of the agent's calls their console records: a call the server says
// the tenant records, while it carries sound. The recorder follows the
// call's tracks as they change and stops when the call ends, goes back to
// chat, or moves to another tab.
import type { Conversation } from '@beckon/rtc';
import { startCallRecorder, type CallRecorder } from '../call-recorder.ts';
import { $apiBase } from './api-base.ts';
import { conversationById } from './conversations.ts';
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
  const recorder = startCallRecorder({
    apiBase: $apiBase.get(),
    conversationId: id,
    token,
    tracks,
    failed: (message) => showNotice(`The call with ${conversation.caller.visitor} is no longer being recorded: ${message}`, 'alert'),
  });
  recorders.set(id, { recorder, tracks: key });
}
