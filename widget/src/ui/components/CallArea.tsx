import { useStore } from '@beckon/ui';
import { $call, hangUp, retryDevices } from '../stores/call.ts';
import { askFor } from '../stores/requests.ts';
import { MediaProblem } from './CallSetup.tsx';
import { Connected } from './Connected.tsx';

/**
 * The call part of a conversation that carries audio or video: asking for the
 * devices, what went wrong with them, connecting, then the call itself.
 * @example <CallArea agent="Ann" accepted />
 */
export function CallArea({ agent, accepted }: { agent: string; accepted: boolean }) {
  const call = useStore($call);
  switch (call.step) {
    case 'asking':
      return <p class="title">{call.media === 'video' ? 'Allow camera and microphone to join the call' : 'Allow microphone to join the call'}</p>;
    case 'media-error':
      return (
        <div class="call">
          <MediaProblem media={call.media} reason={call.reason} />
          <div class="actions">
            <button type="button" class="primary" onClick={retryDevices}>
              Try again
            </button>
            {accepted && (
              <button type="button" onClick={() => askFor('chat')}>
                Back to chat
              </button>
            )}
          </div>
        </div>
      );
    case 'in-call':
      // In the queue, the queue is all there is to show.
      if (!accepted) return null;
      if (call.connected) return <Connected media={call.media} agent={agent} reconnecting={call.reconnecting} />;
      return (
        <div class="call">
          <p role="status" class="title">
            Connecting to {agent}…
          </p>
          <div class="actions">
            <button type="button" class="danger" onClick={hangUp}>
              Hang up
            </button>
          </div>
        </div>
      );
    default:
      return null;
  }
}
