import { useStore } from '@nanostores/preact';
import { $call, hangUp } from '../stores/call.ts';
import { $conversation, continueHere, type ConversationState } from '../stores/conversation.ts';
import { $requests, askFor } from '../stores/requests.ts';
import { describeWait } from '../wait.ts';
import { CallArea } from './CallArea.tsx';
import { Composer } from './Composer.tsx';
import { RequestPrompt } from './RequestPrompt.tsx';
import { ScreenArea } from './ScreenArea.tsx';
import { AgentTyping, Transcript } from './Transcript.tsx';

function Standing({ conversation, agent }: { conversation: ConversationState; agent: string }) {
  return (
    <div role="status">
      {conversation.step === 'resuming' && <p class="title">Returning to your conversation…</p>}
      {conversation.step === 'queued' && (
        <>
          <p class="title">Waiting for an agent</p>
          {conversation.position !== null && <p>You are number {conversation.position} in the queue</p>}
          {conversation.estimatedWaitSeconds !== null && <p>Estimated wait: {describeWait(conversation.estimatedWaitSeconds)}</p>}
        </>
      )}
      {conversation.step === 'accepted' && <p class="agent">You are talking with {agent}</p>}
    </div>
  );
}

/**
 * The conversation under way: where it stands, requests and consent, the
 * call, shared screens, the chat and the ways to go on or leave.
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
  const agent = (accepted && conversation.agent) || 'Support';
  const chatOnly = accepted && conversation.media === 'chat';
  // The call's controls have Hang up once it is under way.
  const inCall = accepted && call.step === 'in-call';
  return (
    <>
      <Standing conversation={conversation} agent={agent} />
      <CallArea agent={agent} accepted={accepted} />
      <ScreenArea agent={agent} />
      <Transcript agent={agent} />
      <AgentTyping agent={agent} />
      <RequestPrompt agent={agent} />
      <Composer />
      <div class="actions">
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
        {!inCall && (
          <button type="button" onClick={hangUp}>
            {accepted ? 'End chat' : 'Cancel'}
          </button>
        )}
      </div>
    </>
  );
}
