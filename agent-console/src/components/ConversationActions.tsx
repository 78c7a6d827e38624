import { useStore } from '@beckon/ui';
import type { ComponentChildren } from 'preact';
import type { AgentConversation } from '../stores/conversation-state.ts';
import { $callHolder } from '../stores/conversations.ts';
import { callBlocker, hangUp, requestCall } from '../stores/escalation.ts';
import { askToSeeScreen, shareMyScreen, stopSharing } from '../stores/screen-share.ts';
import { openTransfer } from '../stores/transfer.ts';

/**
 * What the agent can do with a live conversation: ask for a voice or video
 * call, share their screen or ask to see the visitor's, transfer, end a chat. A button
 * that cannot be used now stays focusable and says why.
 * @example <ConversationActions conversation={conversation} />
 */
export function ConversationActions({ conversation }: { conversation: AgentConversation }) {
  useStore($callHolder);
  const { id, media, request, sharing, remoteScreen } = conversation;
  const busy = request ? 'A request is waiting for an answer.' : conversation.capturing ? 'Your devices are starting.' : null;
  // Video is as far as a call goes: then no call button is shown, nor why it is blocked.
  const callReason = media === 'video' ? null : (callBlocker(id) ?? busy);
  const screenReason = busy ?? (remoteScreen ? "You see the visitor's screen already." : null);
  const callReasonId = `call-reason-${id}`;
  const screenReasonId = screenReason === callReason ? callReasonId : `screen-reason-${id}`;
  return (
    <div class="conversation-actions" role="group" aria-label="Conversation actions">
      {media === 'chat' && (
        <Action reason={callReason} reasonId={callReasonId} onClick={() => requestCall(id, 'audio')}>
          Voice call
        </Action>
      )}
      {media !== 'video' && (
        <Action reason={callReason} reasonId={callReasonId} onClick={() => requestCall(id, 'video')}>
          Video call
        </Action>
      )}
      {sharing ? (
        // The label says what a press does; aria-pressed as well would be read out "Stop sharing, pressed".
        <button type="button" class="on" onClick={() => stopSharing(id)}>
          Stop sharing
        </button>
      ) : (
        <button type="button" onClick={() => void shareMyScreen(id)}>
          Share my screen
        </button>
      )}
      <Action reason={screenReason} reasonId={screenReasonId} onClick={() => askToSeeScreen(id)}>
        Ask to see screen
      </Action>
      <button type="button" onClick={() => void openTransfer(id)}>
        Transfer
      </button>
      {media === 'chat' && (
        <button type="button" class="hang-up" onClick={() => hangUp(id)}>
          End conversation
        </button>
      )}
      {callReason && (
        <p id={callReasonId} class="hint">
          {callReason}
        </p>
      )}
      {screenReason && screenReasonId !== callReasonId && (
        <p id={screenReasonId} class="hint">
          {screenReason}
        </p>
      )}
    </div>
  );
}

function Action(props: { reason: string | null; reasonId: string; onClick(): void; children: ComponentChildren }) {
  const blocked = props.reason !== null;
  return (
    <button
      type="button"
      aria-disabled={blocked ? 'true' : undefined}
      aria-describedby={blocked ? props.reasonId : undefined}
      onClick={() => {
        if (!blocked) props.onClick();
      }}
    >
      {props.children}
    </button>
  );
}
