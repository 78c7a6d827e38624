// Whether the Switchboard may offer calls to this agent.
import type { AgentServerMessage, AgentStatus, AwayReason } from '@beckon/protocol';
import { atom } from 'nanostores';
import { sendToSwitchboard } from './switchboard.ts';

export interface Presence {
  status: AgentStatus;
  /** Why the server set the agent Away (an offer rang out, or the console was disconnected too long); null when the agent chose. */
  awayReason: AwayReason | null;
}

const initial: Presence = { status: 'available', awayReason: null };
export const $presence = atom<Presence>(initial);

/** Set from the socket opening until the server's greeting arrives. */
let awaitingGreeting = false;

/**
 * The agent picks a status in the Status control.
 * @example choosePresence('away');
 */
export function choosePresence(status: AgentStatus): void {
  $presence.set({ status, awayReason: null });
  sendToSwitchboard({ type: 'presence', status });
}

/**
 * Called when the presence socket opens. The server greets it with the
 * agent's status; an agent who picked Away just before the greeting must stay
 * Away, so an Available greeting is then answered with Away.
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
  $presence.set({ status: message.status, awayReason: message.reason ?? null });
}

/**
 * Back to the state of a fresh sign-in.
 * @example resetPresence();
 */
export function resetPresence(): void {
  awaitingGreeting = false;
  $presence.set(initial);
}
