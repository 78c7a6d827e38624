import { CaptionsBox, CaptionsButton, useTalkingWhileMuted } from '@beckon/ui';
import { formatDuration, mediaLabels } from '../format.ts';
import { visitorCaptions } from '../stores/captions.ts';
import { toggleRecordingPause } from '../stores/call-recording.ts';
import type { AgentConversation } from '../stores/conversation-state.ts';
import { endCall, hangUp, switchToVoice, toggleCamera, toggleHold, toggleMute } from '../stores/escalation.ts';
import { DeviceMenu } from './DeviceMenu.tsx';
import { QualityPanel } from './QualityPanel.tsx';
import { StreamVideo } from './StreamVideo.tsx';
import { useNow } from './use-now.ts';

/**
 * The call in a conversation: the visitor's video (and sound), the agent's
 * preview, the call's quality and devices, and its controls — back to voice
 * or to chat, or hang up, which ends the conversation.
 * @example <CallView conversation={conversation} />
 */
export function CallView({ conversation }: { conversation: AgentConversation }) {
  const { id, media, localStream, capturing } = conversation;
  const video = media === 'video';
  const held = conversation.heldSince !== null;
  const status = capturing
    ? `Starting your ${video ? 'microphone and camera' : 'microphone'}…`
    : conversation.reconnecting
      ? 'Reconnecting…'
      : held
        ? `On hold: ${conversation.caller.visitor} cannot ${video ? 'hear or see' : 'hear'} you, nor you them`
        : conversation.connection === 'connected'
          ? 'Connected'
          : 'Connecting…';
  return (
    <section class="call" aria-label="Current call">
      <h3>
        {mediaLabels[media]} with <span>{conversation.caller.visitor}</span>
      </h3>
      <p role="status" class="connection">
        {status}
      </p>
      <MutedHint microphone={localStream?.getAudioTracks()[0]} muted={conversation.muted && !held} />
      {/* Apart from the status: a screen reader hears that the call is on hold once, not every second of it. */}
      {held && <HoldTime since={conversation.heldSince!} />}
      {conversation.recorded && media !== 'chat' && (
        <p class={conversation.recordingPaused ? 'recording-note paused' : 'recording-note'}>
          {/* A status: a screen reader hears that the call is recorded, and that the recording paused or resumed. */}
          <span role="status">{conversation.recordingPaused ? 'Recording paused: nothing of the call is kept until you resume.' : "Recording: this call's sound is kept with the contact."}</span>{' '}
          <button type="button" class="link-button" onClick={() => toggleRecordingPause(id)}>
            {conversation.recordingPaused ? 'Resume recording' : 'Pause recording'}
          </button>
        </p>
      )}
      <QualityPanel />
      <div class={video ? 'videos' : 'videos audio-only'}>
        <StreamVideo stream={conversation.remoteStream} label="Visitor video" />
        {/* Shown once connected, so drawing it does not slow the call's setup; keyed by its tracks: a camera added to a voice call shows at once. */}
        {video && (conversation.connection === 'connected' || conversation.reconnecting) && (
          <StreamVideo key={trackIds(localStream)} stream={localStream} label="Your video" />
        )}
      </div>
      <CaptionsBox captions={visitorCaptions} speaker={conversation.caller.visitor} />
      <div class="actions">
        <button type="button" disabled={!localStream} onClick={() => toggleMute(id)}>
          {conversation.muted ? 'Unmute' : 'Mute'}
        </button>
        {video && (
          <button type="button" disabled={!localStream} onClick={() => toggleCamera(id)}>
            {conversation.cameraOff ? 'Turn camera on' : 'Turn camera off'}
          </button>
        )}
        <CaptionsButton captions={visitorCaptions} />
        <button type="button" onClick={() => toggleHold(id)}>
          {held ? 'Resume call' : 'Hold'}
        </button>
        {video && (
          <button type="button" onClick={() => switchToVoice(id)}>
            Switch to voice
          </button>
        )}
        {/* Named as the visitor's widget names it: beside Hang up, "End call" read as the same thing. */}
        <button type="button" onClick={() => endCall(id)}>
          Back to chat
        </button>
        <button type="button" class="hang-up" onClick={() => hangUp(id)}>
          Hang up
        </button>
      </div>
      {media !== 'chat' && <DeviceMenu media={media} />}
    </section>
  );
}

function HoldTime({ since }: { since: number }) {
  const now = useNow(1000);
  return <p class="hold-time">On hold for {formatDuration((now - since) / 1000)}</p>;
}

function trackIds(stream: MediaStream | null): string {
  return stream?.getTracks().map((track) => track.id).join(' ') ?? '';
}

// Said while the agent talks with their microphone muted; always present, so
// assistive technology is listening before it says anything.
function MutedHint({ microphone, muted }: { microphone: MediaStreamTrack | undefined; muted: boolean }) {
  const talking = useTalkingWhileMuted(microphone, muted);
  return (
    <p class="muted-hint" aria-live="polite">
      {talking ? 'You are muted. Unmute to be heard.' : ''}
    </p>
  );
}
