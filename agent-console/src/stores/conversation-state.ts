// What the console knows of one conversation, and how each event from the
// call engine changes it. Pure: the stores apply it, the tests feed it events
// that only a real peer connection could otherwise produce.
import type { Caller, ChatMessage, ConversationMedia, Participant, RequestKind } from '@beckon/protocol';
import type { AnnotationState, ConversationEvent, FileTransfer } from '@beckon/rtc';

/** A message the agent sent that the server has not echoed back yet. */
export interface OutgoingMessage {
  id: string;
  text: string;
  at: number;
}

/** Where one of the agent's own messages stands, as the visitor's receipts tell. */
export type Receipt = 'sending' | 'sent' | 'delivered' | 'read';

export interface AgentConversation {
  id: string;
  caller: Caller;
  /** `joining`: Accept was sent and the server has not handed the conversation over yet. */
  phase: 'joining' | 'live' | 'ended';
  /** The accepted offer, while joining. */
  offerId: string | null;
  /**
   * A call whose connection was made while it rang is being set up: the view
   * draws the call once the connection is up (or shortly after), as drawing
   * it takes the page's thread the setup needs.
   */
  settingUp: boolean;
  /** What the conversation carries now. */
  media: ConversationMedia;
  connection: RTCPeerConnectionState;
  /** Media stopped and the call is being recovered. */
  reconnecting: boolean;
  /** The conversation's socket dropped and is being opened again: what the agent sends waits for it. */
  linkDown: boolean;
  /** The transcript, in order of `n`. */
  messages: ChatMessage[];
  outgoing: OutgoingMessage[];
  /** How far the visitor has received and seen the agent's messages (transcript numbers). */
  visitorDelivered: number;
  visitorRead: number;
  /** How far the agent has seen the visitor's messages. */
  readThrough: number;
  visitorTyping: boolean;
  /** A request waiting for consent: `by` the agent (the visitor answers) or the visitor (the agent answers). */
  request: { kind: RequestKind; by: Participant } | null;
  /** The agent's microphone and camera while a call runs. */
  localStream: MediaStream | null;
  /** The microphone or camera is starting after an escalation. */
  capturing: boolean;
  remoteStream: MediaStream | null;
  /** The visitor's shared screen. */
  remoteScreen: MediaStream | null;
  /** The agent's own shared screen. */
  sharing: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  /** When (on this page's clock) the agent put the call on hold; null while it is not. */
  heldSince: number | null;
  /** The tenant records calls: the console records this one's sound while it has any. */
  recorded: boolean;
  /** The agent paused the recording: nothing is kept until they resume it. */
  recordingPaused: boolean;
  /** The visitor's real-time text, whole. */
  visitorRealTimeText: string;
  /** Whether the agent's composer sends real-time text as it is typed. */
  realTimeText: boolean;
  annotations: AnnotationState;
  /** Files sent or offered either way, oldest first. */
  files: FileTransfer[];
  draft: string;
}

const noAnnotations: AnnotationState = { strokes: [], remotePointer: null };

/**
 * A conversation the agent just accepted, before the server hands it over.
 * @example newConversation({ offerId: 'o1', conversationId: 'c1', media: 'chat', caller }, null)
 */
export function newConversation(
  offer: { offerId: string; conversationId: string; media: ConversationMedia; caller: Caller },
  localStream: MediaStream | null,
): AgentConversation {
  return {
    id: offer.conversationId,
    caller: offer.caller,
    phase: 'joining',
    offerId: offer.offerId,
    settingUp: false,
    media: offer.media,
    connection: 'new',
    reconnecting: false,
    linkDown: false,
    messages: [],
    outgoing: [],
    visitorDelivered: 0,
    visitorRead: 0,
    readThrough: 0,
    visitorTyping: false,
    request: null,
    localStream,
    capturing: false,
    remoteStream: null,
    remoteScreen: null,
    sharing: null,
    muted: false,
    cameraOff: false,
    heldSince: null,
    recorded: false,
    recordingPaused: false,
    visitorRealTimeText: '',
    realTimeText: false,
    annotations: noAnnotations,
    files: [],
    draft: '',
  };
}

/**
 * The conversation after one event from the call engine.
 * @example applyConversationEvent(conversation, { type: 'typing', participant: 'visitor', typing: true }).visitorTyping // true
 */
export function applyConversationEvent(conversation: AgentConversation, event: ConversationEvent): AgentConversation {
  switch (event.type) {
    case 'connection':
      return { ...conversation, connection: event.state, settingUp: conversation.settingUp && (event.state === 'new' || event.state === 'connecting') };
    case 'reconnecting':
      return { ...conversation, reconnecting: event.media };
    case 'link':
      return { ...conversation, linkDown: !event.up };
    case 'remote-stream':
      return { ...conversation, remoteStream: event.stream };
    case 'remote-screen':
      return { ...conversation, remoteScreen: event.stream };
    case 'sharing':
      return { ...conversation, sharing: event.stream };
    case 'chat':
      return withMessage(conversation, event.message);
    case 'receipt':
      return withReceipt(conversation, event.participant, event.kind, event.through);
    case 'typing':
      return event.participant === 'visitor' ? { ...conversation, visitorTyping: event.typing } : conversation;
    case 'request':
      return { ...conversation, request: { kind: event.kind, by: event.by } };
    case 'request-answered':
    case 'request-withdrawn':
      return conversation.request?.kind === event.kind ? { ...conversation, request: null } : conversation;
    case 'media':
      return { ...conversation, media: event.media };
    case 'recording':
      // Said at each start of a call, while it is being set up: the view is drawn again only for a change.
      return conversation.recorded === event.on ? conversation : { ...conversation, recorded: event.on };
    case 'hold':
      return { ...conversation, heldSince: event.on ? (conversation.heldSince ?? Date.now() - (event.heldSeconds ?? 0) * 1000) : null };
    case 'real-time-text':
      return { ...conversation, visitorRealTimeText: event.text };
    case 'annotations':
      return { ...conversation, annotations: event.state };
    case 'files':
      return { ...conversation, files: event.transfers };
    case 'ended':
      return {
        ...conversation,
        phase: 'ended',
        visitorTyping: false,
        request: null,
        localStream: null,
        capturing: false,
        remoteStream: null,
        remoteScreen: null,
        sharing: null,
        heldSince: null,
        visitorRealTimeText: '',
      };
    case 'error':
      return event.code === 'rate_limited' || event.code === 'backlog_full' ? withoutRefusedMessage(conversation, event.refusedChat) : conversation;
    default:
      return conversation;
  }
}

// A refused chat message goes back into the draft, to be sent again; a refused receipt takes none back.
function withoutRefusedMessage(conversation: AgentConversation, chatId: string | undefined): AgentConversation {
  const refused = conversation.outgoing.find((pending) => pending.id === chatId);
  if (!refused) return conversation;
  const outgoing = conversation.outgoing.filter((pending) => pending !== refused);
  return { ...conversation, outgoing, draft: [refused.text, conversation.draft].filter(Boolean).join('\n') };
}

// A message seen before (a replay after a reconnect or a reload) changes nothing.
function withMessage(conversation: AgentConversation, message: ChatMessage): AgentConversation {
  if (conversation.messages.some((known) => known.n === message.n)) return conversation;
  const messages = [...conversation.messages, message].sort((a, b) => a.n - b.n);
  const mine = message.from === 'agent';
  return {
    ...conversation,
    messages,
    outgoing: mine ? conversation.outgoing.filter((pending) => pending.id !== message.id) : conversation.outgoing,
    // Sending is the end of typing.
    visitorTyping: mine ? conversation.visitorTyping : false,
  };
}

function withReceipt(conversation: AgentConversation, participant: Participant, kind: 'delivered' | 'read', through: number): AgentConversation {
  if (participant === 'agent') return kind === 'read' ? { ...conversation, readThrough: Math.max(conversation.readThrough, through) } : conversation;
  // Read implies delivered, whichever receipt comes first.
  const visitorDelivered = Math.max(conversation.visitorDelivered, through);
  if (kind === 'delivered') return { ...conversation, visitorDelivered };
  return { ...conversation, visitorDelivered, visitorRead: Math.max(conversation.visitorRead, through) };
}

/**
 * How many of the visitor's messages the agent has not seen yet.
 * @example unreadCount(conversation) // 2
 */
export function unreadCount(conversation: AgentConversation): number {
  return conversation.messages.filter((message) => message.from === 'visitor' && message.n > conversation.readThrough).length;
}

/**
 * The transcript number of the visitor's newest message, 0 when they wrote none.
 * @example newestFromVisitor(conversation) // 7
 */
export function newestFromVisitor(conversation: AgentConversation): number {
  return conversation.messages.reduce((newest, message) => (message.from === 'visitor' ? Math.max(newest, message.n) : newest), 0);
}

/**
 * Where one of the agent's own messages stands.
 * @example receiptOf(conversation, message) // 'read'
 */
export function receiptOf(conversation: Pick<AgentConversation, 'visitorDelivered' | 'visitorRead'>, message: ChatMessage): Receipt {
  if (message.n <= conversation.visitorRead) return 'read';
  if (message.n <= conversation.visitorDelivered) return 'delivered';
  return 'sent';
}

/**
 * Whether the conversation holds the agent's one call: in a call, starting
 * one, or waiting for the visitor to accept the agent's call request.
 * @example holdsCall(conversation) // true for a live video conversation
 */
export function holdsCall(conversation: AgentConversation): boolean {
  if (conversation.phase === 'ended') return false;
  const asked = conversation.request?.by === 'agent' && conversation.request.kind !== 'screen';
  return conversation.media !== 'chat' || conversation.capturing || asked;
}
