import type { ChatMessage, Participant } from '@beckon/protocol';
import { formatMessageTime } from '../format.ts';
import type { OutgoingMessage, Receipt } from '../stores/conversation-state.ts';
import { ChatText } from './ChatText.tsx';

const receiptLabels: Record<Receipt, string> = { sending: 'Sending…', sent: 'Sent', delivered: 'Delivered', read: 'Read' };

/**
 * A chat transcript, oldest first: who wrote each message, when, the text,
 * and for the agent's own messages where they stand (sent, delivered, read).
 * @example <TranscriptMessages messages={messages} names={{ agent: 'You', visitor: 'Visitor 4F2A' }} />
 */
export function TranscriptMessages(props: {
  messages: readonly ChatMessage[];
  names: Record<Participant, string>;
  /** Messages sent and not yet echoed by the server. */
  outgoing?: readonly OutgoingMessage[];
  receiptOf?: (message: ChatMessage) => Receipt;
}) {
  const { messages, names, outgoing = [], receiptOf } = props;
  return (
    <ol class="transcript">
      {messages.map((message) => (
        <Message key={message.n} from={message.from} name={names[message.from]} at={message.at} text={message.text} receipt={message.from === 'agent' ? receiptOf?.(message) : undefined} />
      ))}
      {outgoing.map((message) => (
        <Message key={`sending-${message.id}`} from="agent" name={names.agent} at={message.at} text={message.text} receipt="sending" />
      ))}
    </ol>
  );
}

function Message(props: { from: Participant; name: string; at: number; text: string; receipt: Receipt | undefined }) {
  return (
    <li class={`message ${props.from}`}>
      <p class="message-meta">
        <span class="message-from">{props.name}</span> <time dateTime={new Date(props.at).toISOString()}>{formatMessageTime(props.at)}</time>
        {props.receipt && <span class={`receipt ${props.receipt}`}> · {receiptLabels[props.receipt]}</span>}
      </p>
      <p class="message-text">
        <ChatText text={props.text} />
      </p>
    </li>
  );
}
