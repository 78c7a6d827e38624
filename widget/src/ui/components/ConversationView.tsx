import { useStore } from '@beckon/ui';
import { $call, answerCallback, hangUp } from '../stores/call.ts';
import { $conversation, $supportReachable, continueHere, type ConversationState } from '../stores/conversation.ts';
import { $requests, askFor } from '../stores/requests.ts';
import { describeWait } from '../wait.ts';
import { CallArea } from './CallArea.tsx';
import { Composer } from './Composer.tsx';
import { RequestPrompt } from './RequestPrompt.tsx';
import { Files } from './Files.tsx';
import { ScreenArea } from './ScreenArea.tsx';
import { AgentTyping, Transcript } from './Transcript.tsx';

function Standing({ conversation, agent }: { conversation: ConversationState; agent: string }) {
  const reachable = useStore($supportReachable);
  return (
    <div role="status">
      {!reachable && <p class="hint">Reconnecting to support… What you write is sent once it is back.</p>}
      {conversation.step === 'resuming' && <p class="title">Returning to your conversation…</p>}
      {conversation.step === 'queued' && (
        <>
          <p class="title">{conversation.transferredTo ? `You are being transferred to ${conversation.transferredTo}…` : 'Waiting for an agent'}</p>
          {conversation.position !== null && <p>You are number {conversation.position} in the queue</p>}
          {/* No estimate once placed: nobody who could answer is signed in and available. */}
          {conversation.estimatedWaitSeconds !== null ? (
            <p>Estimated wait: {describeWait(conversation.estimatedWaitSeconds)}</p>
          ) : (
            conversation.position !== null && <p>No agent is available right now. You keep your place.</p>
          )}
        </>
      )}
      {conversation.step === 'accepted' && <p class="agent">You are talking with {agent}</p>}
      {conversation.step === 'callback' && (
        <>
          <p class="title">We will call you back</p>
          <p>Keep this page open: we call you back right here, in your browser.</p>
        </>
      )}
    </div>
  );
}

/**
 * The conversation under way: where it stands, requests and consent, the
 * call, shared screens, the chat and the ways to go on or leave; or waiting
 * for a call back, and the call back ringing.
 * @example <ConversationView />
 */
export function ConversationView() {
  const conversation = useStore($conversation);
  const call = useStore($call);
  const pending = useStore($requests).pending;
  if (conversation.step === 'replaced') {
    return (
      <>
        <p role="status" class="title">
          This conversation continues in another tab
        </p>
        <div class="actions">
          <button type="button" class="primary" onClick={continueHere}>
            Continue here
          </button>
        </div>
      </>
    );
  }
  const accepted = conversation.step === 'accepted';
  const ringing = conversation.step === 'ringing';
  const agent = ((accepted || ringing) && conversation.agent) || 'Support';
  const chatOnly = accepted && conversation.media === 'chat';
  // The call's controls have Hang up once it is under way.
  const inCall = accepted && call.step === 'in-call';
  const leave = accepted ? 'End chat' : ringing ? 'Decline' : conversation.step === 'callback' ? 'Cancel callback' : 'Cancel';
  return (
    <>
      {/* Only the middle scrolls: on a small screen the message box and the way out stay in view. */}
      <div class="middle">
        <Standing conversation={conversation} agent={agent} />
        {ringing && (
          <div role="alert">
            <p class="title">Support is calling you back</p>
            <p>{agent} is calling.</p>
          </div>
        )}
        <CallArea agent={agent} accepted={accepted} />
        <ScreenArea agent={agent} />
        <Transcript agent={agent} />
        <Files />
        <AgentTyping agent={agent} />
        <RequestPrompt agent={agent} />
      </div>
      <div class="foot">
        {/* Accept gets the keyboard when a call back rings, not the message box. */}
        {!ringing && <Composer />}
        <div class="actions">
          {ringing && (
            <button type="button" class="primary" disabled={call.step === 'asking'} onClick={() => void answerCallback()}>
              Accept
            </button>
          )}
          {chatOnly && !pending && (
            <>
              <button type="button" onClick={() => askFor('audio')}>
                Voice call
              </button>
              <button type="button" onClick={() => askFor('video')}>
                Video call
              </button>
            </>
          )}
          {/* A button of its own for each name: one the keyboard is on never turns into End chat under it (after Continue here, or as the agent accepts). */}
          {!inCall && (
            <button key={leave} type="button" onClick={hangUp}>
              {leave}
            </button>
          )}
        </div>
      </div>
    </>
  );
}
