// Whether the Switchboard may offer calls to this agent.
import type { AgentServerMessage, AgentStatus } from '@beckon/protocol';
import { atom } from 'nanostores';
import { sendToSwitchboard } from './switchboard.ts';

export interface Presence {
  status: AgentStatus;
  /** The server set the agent Away because an offer rang out unanswered. */
  missedOffer: boolean;
}

const initial: Presence = { status: 'available', missedOffer: false };
export const $presence = atom<Presence>(initial);

/** Set from the socket opening until the server's greeting arrives. */
let awaitingGreeting = false;

/**
 * The agent picks a status in the Status control.
 * @example choosePresence('away');
 */
export function choosePresence(status: AgentStatus): void {
  $presence.set({ status, missedOffer: false });
  sendToSwitchboard({ type: 'presence', status });
}

/**
 * Called when the presence socket opens. The server greets every new socket
 * by making the agent Available; an agent who is Away (before a dropped
 * connection, or picked just before the greeting) must stay Away, so such a
 * greeting is answered with Away.
 * @example presenceOnConnect();
 */
export function presenceOnConnect(): void {
  awaitingGreeting = true;
}

/**
 * Applies a presence message from the server.
 * @example receivePresence({ type: 'presence', status: 'away', reason: 'missed-offer' });
 */
export function receivePresence(message: Extract<AgentServerMessage, { type: 'presence' }>): void {
  const greeting = awaitingGreeting;
  awaitingGreeting = false;
  if (greeting && message.status === 'available' && !message.reason && $presence.get().status === 'away') {
    sendToSwitchboard({ type: 'presence', status: 'away' });
    return;
  }
  $presence.set({ status: message.status, missedOffer: message.reason === 'missed-offer' });
}

/**
 * Back to the state of a fresh sign-in.
 * @example resetPresence();
 */
export function resetPresence(): void {
  awaitingGreeting = false;
  $presence.set(initial);
}
