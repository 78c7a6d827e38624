import type { Media } from '@beckon/protocol';
import { CaptionsBox, CaptionsButton, useStore, useTalkingWhileMuted } from '@beckon/ui';
import { useState } from 'preact/hooks';
import { hangUp, toggleCamera, toggleMute } from '../stores/call.ts';
import { agentCaptions } from '../stores/captions.ts';
import { $weakConnection } from '../stores/connection-hint.ts';
import { $media } from '../stores/media.ts';
import { askFor } from '../stores/requests.ts';
import { $screen, shareScreen } from '../stores/screen.ts';
import { DevicePickers, DeviceProblem } from './DevicePickers.tsx';
import { Video } from './Video.tsx';

/**
 * The live call: the agent's media, the visitor's preview and the call
 * controls. Back to chat ends the call and keeps the conversation; Hang up ends both.
 * @example <Connected media="video" agent="Ann" reconnecting={false} />
 */
export function Connected({ media, agent, reconnecting }: { media: Media; agent: string; reconnecting: boolean }) {
  const { local, remote, muted, cameraOff, held, recorded } = useStore($media);
  const sharing = useStore($screen).sharing;
  const weak = useStore($weakConnection);
  const [picking, setPicking] = useState(false);
  const talkingMuted = useTalkingWhileMuted(local?.getAudioTracks()[0], muted && !held);
  return (
    <div class="call">
      <div class={`stage ${media}`}>
        {/* An audio call plays through this element too: it is the agent's voice. */}
        <Video stream={remote} label="Support agent video" muted={false} class="remote" />
        {media === 'audio' && (
          <span class="avatar" aria-hidden="true">
            {agent.charAt(0).toUpperCase() || '?'}
          </span>
        )}
        {/* The agent's picture is black on hold: said over it, in view where the status below may be scrolled away (the status tells screen readers). */}
        {held && media === 'video' && (
          <span class="held" aria-hidden="true">
            On hold
          </span>
        )}
        {/* A camera turned off, or paused by a hold, sends black: the preview says so instead of showing it. */}
        {media === 'video' &&
          (cameraOff || held ? <span class="self off">{cameraOff ? 'Camera off' : 'Camera paused'}</span> : <Video stream={local} label="Your video" muted class="self mirror" />)}
        {/* Over the call, as captions are: always in view with the agent. */}
        <CaptionsBox captions={agentCaptions} speaker={agent} />
      </div>
      {/* The recording is told in the status, which a short panel still shows above the call's buttons, and which a screen reader reads out. */}
      <p role="status" class="title">
        {reconnecting ? 'Reconnecting…' : held ? 'On hold' : 'Connected'}
        {recorded && '. This call is recorded.'}
      </p>
      <p class="agent">{agent}</p>
      <DeviceProblem />
      <div class="actions">
        {/* Always present, so assistive technology is listening before the hint appears; with the buttons, which stay in view, so the hint does too. */}
        <p class="hint" aria-live="polite">
          {held
            ? `${agent} can't ${media === 'video' ? 'hear or see' : 'hear'} you until they're back.`
            : talkingMuted
              ? 'You are muted. Unmute to be heard.'
              : weak
                ? 'Your connection is weak'
                : ''}
        </p>
        {/* The label says what a press does; aria-pressed as well would read out "Unmute, pressed". */}
        <button type="button" onClick={toggleMute}>
          {muted ? 'Unmute' : 'Mute'}
        </button>
        {media === 'video' && (
          <button type="button" onClick={toggleCamera}>
            {cameraOff ? 'Turn camera on' : 'Turn camera off'}
          </button>
        )}
        <CaptionsButton captions={agentCaptions} />
        <button type="button" onClick={() => askFor(media === 'video' ? 'audio' : 'video')}>
          {media === 'video' ? 'Switch to voice' : 'Switch to video'}
        </button>
        {!sharing && (
          <button type="button" onClick={() => void shareScreen()}>
            Share screen
          </button>
        )}
        <button type="button" aria-expanded={picking} aria-controls="beckon-devices" onClick={() => setPicking(!picking)}>
          Devices
        </button>
        <button type="button" onClick={() => askFor('chat')}>
          Back to chat
        </button>
        <button type="button" class="danger" onClick={hangUp}>
          Hang up
        </button>
      </div>
      <div id="beckon-devices" hidden={!picking}>
        <DevicePickers media={media} />
      </div>
    </div>
  );
}
