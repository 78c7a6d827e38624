// Routing decisions as pure functions over the switchboard's state, so they
// can be tested exhaustively without I/O. The method is explained in
// docs/routing.md.

export interface RoutingAgent {
  id: string;
  status: 'offline' | 'available' | 'away';
  /** When the agent last became free; the longest idle is offered first. */
  idleSince: number;
  skills: readonly string[];
  /** How many conversations the agent takes at once, of which one call at most. */
  capacity: number;
  /** Conversations the agent is in now. */
  active: number;
  /** Whether one of them is a call (audio or video) now. */
  onCall: boolean;
  ringing: boolean;
  /** Recording the last call (wrap-up): no offers until done. */
  wrappingUp: boolean;
}

export interface WaitingContact {
  id: string;
  createdAt: number;
  /** The queue it waits in. */
  queueId: string;
  /** Its queue's priority: higher is offered first. */
  priority: number;
  /** Skills an agent needs for its queue. */
  skills: readonly string[];
  /** A call (audio or video), which an agent already on a call cannot take; else a chat. */
  call: boolean;
  /** A supervisor gave it to this agent alone. */
  onlyAgent?: string | null;
  /** Whether an offer for it is ringing now. */
  offered: boolean;
  declinedBy: readonly string[];
}

export interface PlannedOffer { contactId: string; agentId: string }

/**
 * Whether an agent can be offered a contact right now: available, not ringing,
 * not in wrap-up, below capacity, not on a call if it is one, the one a supervisor gave it to
 * if any, with every skill the contact's queue needs, and not having declined it.
 * @example canTake({ id: 'a', status: 'available', idleSince: 0, skills: ['es'], capacity: 1, active: 0, onCall: false, ringing: false, wrappingUp: false }, contact) // true
 */
export function canTake(agent: RoutingAgent, contact: WaitingContact): boolean {
  return (
    isFree(agent) &&
    !(contact.call && agent.onCall) &&
    (!contact.onlyAgent || contact.onlyAgent === agent.id) &&
    contact.skills.every((skill) => agent.skills.includes(skill)) &&
    !contact.declinedBy.includes(agent.id)
  );
}

/**
 * Whether an agent could ring now for a call: available, not ringing, not in wrap-up, below capacity.
 * @example isFree({ id: 'a', status: 'available', idleSince: 0, skills: [], capacity: 1, active: 1, ringing: false, wrappingUp: false }) // false
 */
export function isFree(agent: RoutingAgent): boolean {
  return agent.status === 'available' && !agent.ringing && !agent.wrappingUp && agent.active < agent.capacity;
}

/**
 * Pairs waiting contacts (higher priority first, then oldest) with the
 * longest-idle free agent who can take them. An agent rings for one contact
 * at a time.
 * @example planOffers([contact], [agent]) // [{ contactId: 'c1', agentId: 'a1' }]
 */
export function planOffers(contacts: readonly WaitingContact[], agents: readonly RoutingAgent[]): PlannedOffer[] {
  const free = agents.filter(isFree).sort(byIdleness);
  const taken = new Set<string>();
  // Skill sets no free agent is left for: later contacts needing them need not look.
  const exhausted = new Set<string>();
  const offers: PlannedOffer[] = [];
  for (const contact of [...contacts].sort(byTurn)) {
    // Every free agent rings already: nothing more can be offered this round.
    if (taken.size === free.length) break;
    const needs = `${contact.call ? 'call' : 'chat'}:${contact.onlyAgent ?? ''}:${[...contact.skills].sort().join(',')}`;
    if (contact.offered || exhausted.has(needs)) continue;
    const agent = free.find((candidate) => !taken.has(candidate.id) && canTake(candidate, contact));
    if (!agent) {
      // Declines are per contact, so only a contact nobody declined speaks for all who need the same.
      if (!contact.declinedBy.length) exhausted.add(needs);
      continue;
    }
    taken.add(agent.id);
    offers.push({ contactId: contact.id, agentId: agent.id });
  }
  return offers;
}

/**
 * Each waiting contact's 1-based place in its own queue, by arrival.
 * @example queuePositions([{ id: 'b', createdAt: 2, queueId: 'q' }, { id: 'a', createdAt: 1, queueId: 'q' }]) // Map { 'a' => 1, 'b' => 2 }
 */
export function queuePositions(contacts: readonly Pick<WaitingContact, 'id' | 'createdAt' | 'queueId'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const contact of [...contacts].sort(byArrival)) {
    const position = (counts.get(contact.queueId) ?? 0) + 1;
    counts.set(contact.queueId, position);
    positions.set(contact.id, position);
  }
  return positions;
}

/** What the estimate of a queue's wait is made from. */
export interface WaitInputs {
  /** The contact's place in its queue. */
  position: number;
  /** Agents signed in and not away who have the queue's skills. */
  staffedAgents: number;
  /** Of those, how many could ring right now. */
  freeAgents: number;
  /** Mean talk time of the queue's recent calls, in seconds. */
  averageHandleSeconds: number;
}

/**
 * An honest estimate of the wait, in seconds rounded up to half a minute, or
 * null when nobody who could answer is signed in. The contacts ahead that
 * free agents cannot absorb are shared among the staffed agents, each taking
 * one average handle time per contact.
 * @example estimatedWaitSeconds({ position: 5, staffedAgents: 2, freeAgents: 0, averageHandleSeconds: 240 }) // 600
 */
export function estimatedWaitSeconds(inputs: WaitInputs): number | null {
  if (inputs.staffedAgents <= 0) return null;
  const ahead = Math.max(0, inputs.position - inputs.freeAgents);
  const seconds = (ahead / inputs.staffedAgents) * inputs.averageHandleSeconds;
  return Math.ceil(seconds / 30) * 30;
}

/** Used until a queue has this many finished calls of its own. */
export const handleTimeSamplesNeeded = 3;
/** The assumed talk time of a queue without enough history, in seconds. */
export const defaultHandleSeconds = 240;

/**
 * The mean talk time of a queue's recent calls, or the default when it has too few.
 * @example averageHandleSeconds([120, 180, 240]) // 180
 */
export function averageHandleSeconds(recentTalkSeconds: readonly number[]): number {
  if (recentTalkSeconds.length < handleTimeSamplesNeeded) return defaultHandleSeconds;
  return recentTalkSeconds.reduce((sum, seconds) => sum + seconds, 0) / recentTalkSeconds.length;
}

function byIdleness(a: RoutingAgent, b: RoutingAgent): number {
  return a.idleSince - b.idleSince || a.id.localeCompare(b.id);
}

function byTurn(a: WaitingContact, b: WaitingContact): number {
  return b.priority - a.priority || byArrival(a, b);
}

function byArrival(a: Pick<WaitingContact, 'id' | 'createdAt'>, b: Pick<WaitingContact, 'id' | 'createdAt'>): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

export type UnansweredResult = 'declined' | 'missed' | null;

/**
 * The outcome recorded for a contact when it ends.
 * @example contactOutcome({ connected: true, failed: false, lastOfferResult: null }) // 'completed'
 */
export function contactOutcome(contact: { connected: boolean; failed: boolean; lastOfferResult: UnansweredResult }) {
  if (contact.connected) return contact.failed ? 'failed' : 'completed';
  return contact.lastOfferResult ?? 'cancelled';
}
