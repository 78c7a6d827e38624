import type { RequestKind } from '@beckon/protocol';
import { useStore } from '@beckon/ui';
import { $media } from '../stores/media.ts';
import { $requests, answerRequest, withdrawRequest } from '../stores/requests.ts';

const asks: Record<RequestKind, string> = { audio: 'asks for a voice call', video: 'asks for a video call', screen: 'asks to see your screen' };
const what: Record<RequestKind, string> = { audio: 'a voice call', video: 'a video call', screen: 'to show your screen' };

const afterAccepting: Record<RequestKind, string> = {
  audio: 'Your browser then asks to use your microphone.',
  video: 'Your browser then asks to use your camera and microphone.',
  screen: 'You choose what to share: your whole screen, a window or a tab. You can stop at any time.',
};

/**
 * The agent's request waiting for the visitor's consent (nothing is captured
 * before Accept), or the visitor's own request waiting for the agent.
 * @example <RequestPrompt agent="Ann" />
 */
export function RequestPrompt({ agent }: { agent: string }) {
  const { pending, declined, refused } = useStore($requests);
  // Told before they accept: the agent's console records the call's sound from the moment it has any.
  const { recorded } = useStore($media);
  if (pending?.by === 'agent') {
    return (
      <div class="prompt" role="group" aria-labelledby="beckon-request">
        <p id="beckon-request" class="title" role="alert">
          {agent} {asks[pending.kind]}
        </p>
        <p>
          {afterAccepting[pending.kind]}
          {recorded && pending.kind !== 'screen' && ' This call is recorded.'}
        </p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => answerRequest(true)}>
            Accept
          </button>
          <button type="button" onClick={() => answerRequest(false)}>
            Decline
          </button>
        </div>
      </div>
    );
  }
  return (
    <p class="prompt-note" aria-live="polite">
      {pending ? 'Waiting for the agent to accept…' : declined ? `${agent} declined ${what[declined]}.` : (refused ?? '')}
      {pending && (
        <button type="button" onClick={withdrawRequest}>
          Cancel request
        </button>
      )}
    </p>
  );
}
