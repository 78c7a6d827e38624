import { useStore } from '@beckon/ui';
import { requestLabels } from '../format.ts';
import type { AgentConversation } from '../stores/conversation-state.ts';
import { $callHolder } from '../stores/conversations.ts';
import { answerRequest, callBlocker, withdrawRequest } from '../stores/escalation.ts';

/**
 * A request waiting for consent: the visitor's (Accept or Decline; the
 * agent's devices start only on Accept) or the agent's own (waiting for the visitor).
 * @example <RequestPrompt conversation={conversation} />
 */
export function RequestPrompt({ conversation }: { conversation: AgentConversation }) {
  useStore($callHolder);
  const { id, request, caller } = conversation;
  if (!request || conversation.phase !== 'live') return null;
  if (request.by === 'agent') {
    return (
      <p class="request-waiting">
        {request.kind === 'screen' ? `Waiting for ${caller.visitor} to share their screen…` : `Waiting for ${caller.visitor} to accept ${requestLabels[request.kind]}…`}{' '}
        <button type="button" onClick={() => withdrawRequest(id)}>
          Cancel request
        </button>
      </p>
    );
  }
  const blocker = request.kind === 'screen' ? null : callBlocker(id);
  const devices = request.kind === 'video' ? 'camera and microphone start' : 'microphone starts';
  return (
    <section class="consent" aria-labelledby={`request-title-${id}`}>
      <h3 id={`request-title-${id}`}>
        {caller.visitor} asks for {requestLabels[request.kind]}
      </h3>
      <p>Your {devices} only if you accept.</p>
      {blocker && (
        <p id={`request-blocker-${id}`} class="hint">
          {blocker}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class="accept"
          aria-disabled={blocker ? 'true' : undefined}
          aria-describedby={blocker ? `request-blocker-${id}` : undefined}
          onClick={() => answerRequest(id, true)}
        >
          Accept
        </button>
        <button type="button" class="decline" onClick={() => answerRequest(id, false)}>
          Decline
        </button>
      </div>
    </section>
  );
}
