import { useStore } from '@beckon/ui';
import type { Media } from '@beckon/protocol';
import { $call, hangUp, startCall } from '../stores/call.ts';
import { Check } from './Check.tsx';

/**
 * Says which devices could not be used, and why.
 * @example <MediaProblem media="audio" reason="Access to your microphone was blocked." />
 */
export function MediaProblem({ media, reason }: { media: Media; reason: string }) {
  return (
    <div role="alert">
      <p class="title">We could not use your {media === 'video' ? 'camera or microphone' : 'microphone'}</p>
      <p>{reason}</p>
    </div>
  );
}

/**
 * A call started from the panel before it reaches support: allowing the
 * devices, what went wrong with them, then their check.
 * @example <CallSetup />
 */
export function CallSetup() {
  const call = useStore($call);
  if (call.step === 'checking') return <Check media={call.media} />;
  if (call.step === 'asking') {
    return (
      <p role="status" class="title">
        {call.media === 'video' ? 'Allow camera and microphone to start the call' : 'Allow microphone to start the call'}
      </p>
    );
  }
  if (call.step !== 'media-error') return null;
  return (
    <>
      <MediaProblem media={call.media} reason={call.reason} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => startCall(call.media)}>
          Try again
        </button>
        {call.media === 'video' && (
          <button type="button" onClick={() => startCall('audio')}>
            Start audio call
          </button>
        )}
        {/* Nothing was asked of support yet: back to the start, with nothing queued. */}
        <button type="button" onClick={hangUp}>
          Cancel
        </button>
      </div>
    </>
  );
}

/**
 * The two ways to call support straight away.
 * @example <StartButtons />
 */
export function StartButtons() {
  return (
    <div class="actions">
      <button type="button" onClick={() => startCall('video')}>
        Start video call
      </button>
      <button type="button" onClick={() => startCall('audio')}>
        Start audio call
      </button>
    </div>
  );
}
