import type { LiveCall } from '../stores/call.ts';
import { hangUp, toggleCamera, toggleMute } from '../stores/call.ts';
import { DeviceMenu } from './DeviceMenu.tsx';
import { QualityPanel } from './QualityPanel.tsx';
import { StreamVideo } from './StreamVideo.tsx';

/**
 * The live call: the visitor's video (and sound), the agent's preview and the call controls.
 * @example <CallView call={call} />
 */
export function CallView({ call }: { call: LiveCall }) {
  const video = call.media === 'video';
  return (
    <section class="call" aria-label="Current call">
      <h2>
        {video ? 'Video' : 'Audio'} call with <span>{call.caller.visitor}</span>
      </h2>
      <p class="page">{call.caller.page}</p>
      <p role="status" class="connection">
        {call.reconnecting ? 'Reconnecting…' : call.connection === 'connected' ? 'Connected' : 'Connecting…'}
      </p>
      <QualityPanel />
      <div class={video ? 'videos' : 'videos audio-only'}>
        <StreamVideo stream={call.remoteStream} label="Visitor video" />
        {video && <StreamVideo stream={call.localStream} label="Your video" muted />}
      </div>
      <div class="actions">
        <button type="button" aria-pressed={call.muted} onClick={toggleMute}>
          {call.muted ? 'Unmute' : 'Mute'}
        </button>
        {video && (
          <button type="button" aria-pressed={call.cameraOff} onClick={toggleCamera}>
            {call.cameraOff ? 'Turn camera on' : 'Turn camera off'}
          </button>
        )}
        <button type="button" class="hang-up" onClick={hangUp}>
          Hang up
        </button>
      </div>
      {call.media !== 'chat' && <DeviceMenu media={call.media} />}
    </section>
  );
}
