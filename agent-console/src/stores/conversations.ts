// The conversations the agent is in (several chats and at most one call),
// keyed by conversation id, and the one on screen. Each live one has its call
// engine beside the store: the engine is not state a component renders.
import type { Conversation, DeviceAccess } from '@beckon/rtc';
import { atom, computed } from 'nanostores';
import type { Capture } from '../media.ts';
import { holdsCall, unreadCount, type AgentConversation } from './conversation-state.ts';

export const $conversations = atom<Readonly<Record<string, AgentConversation>>>({});
export const $selectedId = atom<string | null>(null);

export const $selectedConversation = computed([$conversations, $selectedId], (all, id) => (id ? (all[id] ?? null) : null));

/** The conversation that holds the agent's one call, if any. */
export const $callHolder = computed($conversations, (all) => Object.values(all).find(holdsCall) ?? null);

/** The visitors' messages the agent has not seen, over every conversation. */
export const $unreadTotal = computed($conversations, (all) => Object.values(all).reduce((total, conversation) => total + unreadCount(conversation), 0));

/** How a conversation reaches the visitor and the agent's devices. */
export interface ConversationLink {
  /** Null until the server hands the conversation over. */
  engine: Conversation | null;
  capture: Capture;
  devices: DeviceAccess;
}

const links = new Map<string, ConversationLink>();

/**
 * One conversation as it stands, or undefined.
 * @example conversationById('c1')?.messages.length
 */
export function conversationById(id: string): AgentConversation | undefined {
  return $conversations.get()[id];
}

/**
 * The call engine of a live conversation.
 * @example engineOf('c1')?.sendChat('Hello');
 */
export function engineOf(id: string): Conversation | null {
  return links.get(id)?.engine ?? null;
}

/**
 * How the conversation captures devices and reaches the visitor.
 * @example linkOf('c1')?.capture(['audio']);
 */
export function linkOf(id: string): ConversationLink | undefined {
  return links.get(id);
}

/**
 * Adds a conversation (just accepted) with its link, and shows it.
 * @example addConversation(newConversation(offer, null), { engine: null, capture, devices });
 */
export function addConversation(conversation: AgentConversation, link: ConversationLink): void {
  links.set(conversation.id, link);
  $conversations.set({ ...$conversations.get(), [conversation.id]: conversation });
  $selectedId.set(conversation.id);
}

/**
 * Gives a conversation its call engine once the server handed it over; null once it stops.
 * @example attachEngine('c1', joinConversation(options));
 */
export function attachEngine(id: string, engine: Conversation | null): void {
  const link = links.get(id);
  if (link) link.engine = engine;
}

/**
 * Changes one conversation; nothing happens when it is gone.
 * @example updateConversation('c1', (conversation) => ({ ...conversation, draft: '' }));
 */
export function updateConversation(id: string, change: (conversation: AgentConversation) => AgentConversation): void {
  const all = $conversations.get();
  const current = all[id];
  if (!current) return;
  const next = change(current);
  if (next !== current) $conversations.set({ ...all, [id]: next });
}

/**
 * Takes a conversation off the list; the next one is shown in its place.
 * @example removeConversation('c1');
 */
export function removeConversation(id: string): void {
  links.delete(id);
  const { [id]: removed, ...rest } = $conversations.get();
  if (!removed) return;
  $conversations.set(rest);
  if ($selectedId.get() === id) $selectedId.set(Object.keys(rest)[0] ?? null);
}

/**
 * Shows a conversation.
 * @example selectConversation('c2');
 */
export function selectConversation(id: string): void {
  if (conversationById(id)) $selectedId.set(id);
}

/**
 * Forgets every conversation (sign-out), after their engines were stopped.
 * @example resetConversations();
 */
export function resetConversations(): void {
  links.clear();
  $conversations.set({});
  $selectedId.set(null);
}

/**
 * Every conversation's id with its engine, for stopping them all.
 * @example for (const [id, engine] of liveEngines()) engine.hangUp();
 */
export function liveEngines(): [string, Conversation][] {
  return [...links].flatMap(([id, link]) => (link.engine ? [[id, link.engine] as [string, Conversation]] : []));
}
