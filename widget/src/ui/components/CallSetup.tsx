import { useStore } from '@beckon/ui';
import { $call, startCall } from '../stores/call.ts';
import { Check } from './Check.tsx';

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
      <div role="alert">
        <p class="title">We could not use your camera or microphone</p>
        <p>{call.reason}</p>
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => startCall(call.media)}>
          Try again
        </button>
        {call.media === 'video' && (
          <button type="button" onClick={() => startCall('audio')}>
            Start audio call
          </button>
        )}
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
