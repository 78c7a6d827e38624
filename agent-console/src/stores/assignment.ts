// A conversation's life on the console: from pressing Accept (devices
// captured for a call, nothing for a chat) through the server's `assigned`
// and the conversation itself to `ended`. The conversations joined are kept in
// sessionStorage, so a reload of the console joins them again.
import type { AgentServerMessage, Caller, ConversationMedia } from '@beckon/protocol';
import { browserDevices, joinConversation, type Conversation, type ConversationEvent, type DeviceAccess } from '@beckon/rtc';
import { captureDevices, stopTracks, type Capture } from '../media.ts';
import { $apiBase } from './api-base.ts';
import { stopTyping, resetChat } from './chat.ts';
import { followRecording } from './call-recording.ts';
import { loadContacts } from './contacts.ts';
import { applyConversationEvent, newConversation, type AgentConversation } from './conversation-state.ts';
import {
  $callHolder,
  $conversations,
  addConversation,
  attachEngine,
  conversationById,
  engineOf,
  liveEngines,
  removeConversation,
  resetConversations,
  updateConversation,
} from './conversations.ts';
import { followAgentDevices, forgetDevices } from './devices.ts';
import { followMedia } from './escalation.ts';
import { showNotice } from './notice.ts';
import { recordQualitySample, resetQuality } from './quality.ts';
import { loadSavedReplies } from './saved-replies.ts';

/** How a conversation captures the agent's devices: the browser's own, or stand-ins in tests. */
export interface Equipment {
  capture: Capture;
  devices: DeviceAccess;
}

const browserEquipment: Equipment = { capture: captureDevices, devices: browserDevices };

/** The longest a call being set up waits to be drawn (see `settingUp`). */
const settingUpDrawnAfterMs = 500;

/**
 * Holds the accepted conversation (and the devices captured for a call)
 * while the server assigns it; it is shown at once. `engine` is its
 * conversation socket when that opened already (see `openEngine`).
 * @example awaitAssignment(offer, stream, { capture: captureDevices, devices: browserDevices });
 */
export function awaitAssignment(
  offer: { offerId: string; conversationId: string; media: ConversationMedia; caller: Caller },
  localStream: MediaStream | null,
  equipment: Equipment = browserEquipment,
  engine: Conversation | null = null,
): void {
  const id = offer.conversationId;
  addConversation(newConversation(offer, localStream), { engine, ...equipment });
  // A device switched, or replaced after an unplug, goes to the call once it is joined.
  if (localStream) followAgentDevices(localStream, (track) => engineOf(id)?.replaceTrack(track), equipment.devices);
}

/**
 * Gives up on an accepted offer that will not be assigned (withdrawn, or the
 * server refused the accept) and releases its devices. Without `offerId`, any
 * accept in flight.
 * @example abandonAssignment('o1') // true when a conversation was waiting for it
 */
export function abandonAssignment(offerId?: string): boolean {
  const joining = Object.values($conversations.get()).find(
    (conversation) => conversation.phase === 'joining' && (offerId === undefined || conversation.offerId === offerId),
  );
  if (!joining) return false;
  engineOf(joining.id)?.leave();
  if (joining.localStream) {
    forgetDevices();
    stopTracks(joining.localStream);
  }
  removeConversation(joining.id);
  return true;
}

/**
 * The media of the accept that waits for `offerId`, if one does.
 * @example joiningMedia('o1') // 'chat'
 */
export function joiningMedia(offerId: string): ConversationMedia | null {
  return Object.values($conversations.get()).find((conversation) => conversation.offerId === offerId)?.media ?? null;
}

/**
 * Joins the conversation the server assigned after an accept.
 * @example joinAssigned({ type: 'assigned', conversationId: 'c1', token: 't', media: 'chat', caller });
 */
export function joinAssigned(message: Extract<AgentServerMessage, { type: 'assigned' }>): void {
  const conversation = conversationById(message.conversationId);
  if (conversation?.phase !== 'joining') return;
  remember({ id: conversation.id, token: message.token, caller: conversation.caller });
  start(conversation, message.token, message.media);
  // Replies an admin saved since the shift began are there for this conversation.
  void loadSavedReplies();
}

function start(conversation: AgentConversation, token: string, media: ConversationMedia): void {
  const { id, localStream } = conversation;
  if (localStream) resetQuality();
  // A call that got ready while it rang is being set up right now (unless it is up already).
  const settingUp = media !== 'chat' && engineOf(id) !== null;
  updateConversation(id, (current) => ({ ...current, phase: 'live', offerId: null, media, settingUp: settingUp && (current.connection === 'new' || current.connection === 'connecting') }));
  if (settingUp) setTimeout(() => updateConversation(id, (current) => (current.settingUp ? { ...current, settingUp: false } : current)), settingUpDrawnAfterMs);
  if (!engineOf(id)) attachEngine(id, openEngine(id, token, localStream));
}

/**
 * Opens the agent's side of a conversation; its events reach the
 * conversation's state once it is attached (`attachEngine`).
 * @example attachEngine('c1', openEngine('c1', token, stream));
 */
export function openEngine(id: string, token: string, localStream: MediaStream | null): Conversation {
  const engine = joinConversation({
    apiBase: $apiBase.get(),
    conversationId: id,
    token,
    participant: 'agent',
    ...(localStream ? { localStream } : {}),
  });
  engine.on((event) => {
    if (engineOf(id) !== engine) return;
    follow(id, event);
    followRecording(id, token, engineOf(id));
  });
  return engine;
}

function follow(id: string, event: ConversationEvent): void {
  const before = conversationById(id);
  if (!before) return;
  // Before it is this agent's, the Switchboard says how an accept ended (assigned, or withdrawn); the socket opened while it rang may just be refused.
  if (before.phase === 'joining' && (event.type === 'ended' || event.type === 'error' || event.type === 'replaced')) return;
  updateConversation(id, (conversation) => applyConversationEvent(conversation, event));
  switch (event.type) {
    case 'media':
      return void followMedia(id);
    case 'quality':
      if ($callHolder.get()?.id === id) recordQualitySample(event.sample);
      return;
    case 'error':
      return showNotice(event.message, 'alert');
    case 'request-answered':
      if (event.by === 'agent' && !event.accepted) showNotice(`${before.caller.visitor} declined ${requestWords[event.kind]}.`);
      return;
    case 'request-withdrawn':
      if (event.by === 'visitor') showNotice(`${before.caller.visitor} no longer asks for ${requestWords[event.kind]}.`);
      return;
    case 'ended':
      stop(id, before);
      if (event.reason === 'transferred') showNotice(`${before.caller.visitor} was handed on.`);
      else showNotice(`${before.media === 'chat' ? 'Chat' : 'Call'} ended: ${before.caller.visitor}`);
      return void loadContacts();
    case 'replaced':
      stop(id, before);
      removeConversation(id);
      return showNotice(`The conversation with ${before.caller.visitor} continues in another tab.`);
  }
}

const requestWords = { audio: 'the voice call', video: 'the video call', screen: 'to share their screen' } as const;

// This side of the conversation is over: its devices, quality graph and typing state go.
function stop(id: string, conversation: AgentConversation): void {
  attachEngine(id, null);
  stopTyping(id);
  forget(id);
  if (conversation.localStream || conversation.capturing) {
    forgetDevices();
    resetQuality();
  }
}

/**
 * Takes an ended conversation off the list (its wrap-up is saved).
 * @example closeConversation('c1');
 */
export function closeConversation(id: string): void {
  if (conversationById(id)?.phase === 'ended') removeConversation(id);
}

/**
 * Leaves every conversation at once, e.g. on sign-out: hangs up and frees the devices.
 * @example leaveConversations();
 */
export function leaveConversations(): void {
  for (const [id, engine] of liveEngines()) {
    // An accept not yet handed over is only let go of; hanging up is for a conversation that is the agent's.
    if (conversationById(id)?.phase === 'joining') engine.leave();
    else engine.hangUp();
    stopTracks(engine.localStream);
  }
  for (const conversation of Object.values($conversations.get())) {
    if (conversation.localStream) stopTracks(conversation.localStream);
    if (conversation.sharing) stopTracks(conversation.sharing);
  }
  forgetDevices();
  resetQuality();
  resetChat();
  resetConversations();
  sessionStorage.removeItem(storageKey);
}

/** A conversation this console joined, as kept for a reload. */
interface Remembered {
  id: string;
  token: string;
  caller: Caller;
}

const storageKey = 'beckon.agent-conversations';

function remembered(): Remembered[] {
  try {
    const list: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(list) ? list.filter(isRemembered) : [];
  } catch {
    return [];
  }
}

function isRemembered(value: unknown): value is Remembered {
  const entry = value as Partial<Remembered> | null;
  return typeof entry?.id === 'string' && typeof entry.token === 'string' && typeof entry.caller?.visitor === 'string' && typeof entry.caller.page === 'string';
}

function remember(entry: Remembered): void {
  sessionStorage.setItem(storageKey, JSON.stringify([...remembered().filter((kept) => kept.id !== entry.id), entry]));
}

function forget(id: string): void {
  sessionStorage.setItem(storageKey, JSON.stringify(remembered().filter((kept) => kept.id !== id)));
}

/**
 * Joins again the conversations this tab was in before a reload. Each starts
 * as a chat; the server's snapshot says what it carries, and a call captures
 * the devices again as any escalation does.
 * @example rejoinConversations();
 */
export function rejoinConversations(equipment: Equipment = browserEquipment): void {
  for (const { id, token, caller } of remembered()) {
    if (conversationById(id)) continue;
    const conversation = newConversation({ offerId: '', conversationId: id, media: 'chat', caller }, null);
    addConversation(conversation, { engine: null, ...equipment });
    start(conversation, token, 'chat');
  }
}
