import { useStore } from '@beckon/ui';
import { mediaLabels } from '../format.ts';
import { closeConversation } from '../stores/assignment.ts';
import type { AgentConversation } from '../stores/conversation-state.ts';
import { $wrapUps } from '../stores/wrap-up.ts';
import { BlockVisitor } from './BlockVisitor.tsx';
import { CallView } from './CallView.tsx';
import { ChatLog } from './ChatLog.tsx';
import { FileTransfers } from './FileTransfers.tsx';
import { Composer } from './Composer.tsx';
import { ConversationActions } from './ConversationActions.tsx';
import { MediaIcon } from './MediaIcon.tsx';
import { RequestPrompt } from './RequestPrompt.tsx';
import { TransferForm } from './TransferForm.tsx';
import { $monitors } from '../stores/monitoring.ts';
import { SharedScreen } from './SharedScreen.tsx';
import { WrapUpForm } from './WrapUpForm.tsx';
import { VerifiedCustomer } from './VerifiedCustomer.tsx';
import { EarlierContacts } from './EarlierContacts.tsx';

/**
 * The conversation on screen: who and where from, its actions, a request
 * waiting for consent, the call, shared screens, the transcript, the reply
 * box, and once it has ended, its wrap-up.
 * @example <ConversationView conversation={conversation} />
 */
export function ConversationView({ conversation }: { conversation: AgentConversation }) {
  const wrapUp = useStore($wrapUps)[conversation.id];
  const listeners = useStore($monitors).filter((monitor) => monitor.contactId === conversation.id);
  const { id, caller, phase, media } = conversation;
  const live = phase === 'live' && !conversation.settingUp;
  const calling = live && (media !== 'chat' || conversation.capturing);
  const linkDown = phase === 'live' && conversation.linkDown;
  const withMedia = calling || conversation.remoteScreen !== null || conversation.sharing !== null;
  return (
    <section class="conversation" aria-label={`Conversation with ${caller.visitor}`}>
      <div class="conversation-head">
        <div>
          <h2>{caller.visitor}</h2>
          <VerifiedCustomer customer={caller.customer} />
          <p class="page" title={caller.page || undefined}>
            {caller.page || 'Unknown page'}
          </p>
          <EarlierContacts conversationId={id} customer={caller.customer} />
        </div>
        <p class="conversation-media">
          <MediaIcon media={media} /> {mediaLabels[media]}
        </p>
      </div>
      {listeners.map((monitor) => (
        <p key={monitor.monitorId} role="status" class="warning">
          {monitor.supervisor} is listening to this call.
        </p>
      ))}
      {/* Always present, so a screen reader hears when it drops and when it is back. */}
      <p role="status" class={linkDown ? 'warning' : undefined}>
        {linkDown ? 'Reconnecting to this conversation… What you write is sent once it is back.' : ''}
      </p>
      {(phase === 'joining' || conversation.settingUp) && <p class="waiting">Joining the conversation…</p>}
      {phase === 'ended' && <p class="ended-note">This conversation has ended.</p>}
      {live && <ConversationActions conversation={conversation} />}
      {live && <TransferForm conversationId={conversation.id} />}
      {/* After what the agent does with the visitor, as an action of last resort. */}
      {phase !== 'joining' && <BlockVisitor conversation={conversation} />}
      <RequestPrompt conversation={conversation} />
      {/* The call and the shared screens beside the chat, which goes on during them. */}
      <div class={withMedia ? 'conversation-body with-media' : 'conversation-body'}>
        {withMedia && (
          <div class="conversation-stage">
            {calling && <CallView conversation={conversation} />}
            {conversation.remoteScreen && (
              <SharedScreen conversationId={id} stream={conversation.remoteScreen} label="Visitor's screen" annotations={conversation.annotations} drawable />
            )}
            {conversation.sharing && (
              <SharedScreen conversationId={id} stream={conversation.sharing} label="Your shared screen" annotations={conversation.annotations} drawable={false} />
            )}
          </div>
        )}
        <div class="conversation-chat">
          <ChatLog conversation={conversation} />
          <FileTransfers conversation={conversation} />
          {phase !== 'ended' && <Composer conversation={conversation} />}
          {wrapUp && <WrapUpForm contactId={id} ended={phase === 'ended'} />}
          {phase === 'ended' && !wrapUp && (
            <button type="button" onClick={() => closeConversation(id)}>
              Close
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
