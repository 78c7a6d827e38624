import type { Media } from '@beckon/protocol';
import { useStore } from '@beckon/ui';
import { hangUp, joinQueue } from '../stores/call.ts';
import { $devices } from '../stores/devices.ts';
import { $media } from '../stores/media.ts';
import { DevicePickers, DeviceProblem } from './DevicePickers.tsx';
import { LevelMeter } from './LevelMeter.tsx';
import { Video } from './Video.tsx';

/**
 * The check between granting devices and joining the queue: the visitor sees
 * the camera, sees the microphone hear them, and may pick other devices.
 * @example <Check media="video" />
 */
export function Check({ media }: { media: Media }) {
  const { local } = useStore($media);
  // A new microphone (picked, or after an unplug) changes the choices; the meter moves to its track.
  useStore($devices);
  const microphone = local?.getAudioTracks().find((track) => track.readyState === 'live');
  return (
    <>
      <p class="title">{media === 'video' ? 'Check your camera and microphone' : 'Check your microphone'}</p>
      {media === 'video' && (
        <div class="stage">
          <Video stream={local} label="Your camera preview" muted class="remote mirror" />
        </div>
      )}
      <p>Say something: the bar moves when your microphone hears you.</p>
      <LevelMeter track={microphone} />
      <DevicePickers media={media} />
      <DeviceProblem />
      <div class="actions">
        <button type="button" class="primary" onClick={joinQueue}>
          Join call
        </button>
        <button type="button" onClick={hangUp}>
          Cancel
        </button>
      </div>
    </>
  );
}
