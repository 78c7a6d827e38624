import { useStore } from '@nanostores/preact';
import { $alternatives } from '../stores/alternatives.ts';
import { $call, hangUp, startCall } from '../stores/call.ts';
import { $survey } from '../stores/survey.ts';
import { describeWait } from '../wait.ts';
import { Alternatives } from './Alternatives.tsx';
import { CallbackRinging, CallbackWaiting } from './Callback.tsx';
import { Check } from './Check.tsx';
import { Connected } from './Connected.tsx';
import { Survey } from './Survey.tsx';

function StartButtons() {
  return (
    <div class="actions">
      <button type="button" class="primary" onClick={() => startCall('video')}>
        Start video call
      </button>
      <button type="button" onClick={() => startCall('audio')}>
        Start audio call
      </button>
    </div>
  );
}

/**
 * What the panel shows at each step of the call.
 * @example <CallView />
 */
export function CallView() {
  const call = useStore($call);
  const survey = useStore($survey).step;
  if (useStore($alternatives).step !== 'none') return <Alternatives />;
  switch (call.step) {
    case 'idle':
      return (
        <>
          <p>Talk to our support team right from your browser. No app to install.</p>
          <StartButtons />
        </>
      );
    case 'asking':
      return (
        <p role="status" class="title">
          {call.media === 'video' ? 'Allow camera and microphone to start the call' : 'Allow microphone to start the call'}
        </p>
      );
    case 'media-error':
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
    case 'checking':
      return <Check media={call.media} />;
    case 'queued':
      return (
        <>
          <div role="status">
            <p class="title">Waiting for an agent</p>
            {call.position !== null && <p>You are number {call.position} in the queue</p>}
            {call.estimatedWaitSeconds !== null && <p>Estimated wait: {describeWait(call.estimatedWaitSeconds)}</p>}
          </div>
          <div class="actions">
            <button type="button" onClick={hangUp}>
              Cancel
            </button>
          </div>
        </>
      );
    case 'callback':
      return <CallbackWaiting />;
    case 'ringing':
      return <CallbackRinging agent={call.agent} answering={call.answering} problem={call.problem} />;
    case 'accepted':
      return (
        <>
          <p role="status" class="title">
            Connecting to {call.agent || 'your agent'}…
          </p>
          <div class="actions">
            <button type="button" class="danger" onClick={hangUp}>
              Hang up
            </button>
          </div>
        </>
      );
    case 'connected':
      return <Connected media={call.media} agent={call.agent} reconnecting={call.reconnecting} />;
    case 'ended':
    case 'failed':
      return (
        <>
          <div role="status">
            <p class="title">
              {call.step === 'failed' ? 'We could not start the call' : call.reason === 'cancelled' ? 'Call cancelled' : 'Call ended'}
            </p>
            {call.step === 'failed' && <p>{call.message}</p>}
          </div>
          <Survey />
          {survey !== 'asking' && survey !== 'sending' && <StartButtons />}
        </>
      );
  }
}
