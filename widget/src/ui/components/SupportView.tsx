import { useStore } from '@beckon/ui';
import { $alternatives } from '../stores/alternatives.ts';
import { $call } from '../stores/call.ts';
import { $conversation, isConversationOpen } from '../stores/conversation.ts';
import { Alternatives } from './Alternatives.tsx';
import { CallSetup } from './CallSetup.tsx';
import { ConversationView } from './ConversationView.tsx';
import { Start } from './Start.tsx';

/**
 * What the panel shows: a message or a callback when support cannot take the
 * visitor now, the conversation under way, a call being set up, or the start.
 * @example <SupportView />
 */
export function SupportView() {
  const conversation = useStore($conversation);
  const step = useStore($call).step;
  if (useStore($alternatives).step !== 'none') return <Alternatives />;
  if (isConversationOpen(conversation)) return <ConversationView />;
  if (step === 'asking' || step === 'media-error' || step === 'checking') return <CallSetup />;
  return <Start conversation={conversation} />;
}
