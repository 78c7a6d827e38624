// Routing decisions as pure functions over the switchboard's state, so they
// can be tested exhaustively without I/O.

export interface RoutingAgent {
  id: string;
  status: 'offline' | 'available' | 'away';
  /** When the agent last became free; the longest idle is offered first. */
  idleSince: number;
  busy: boolean;
  ringing: boolean;
}

export interface WaitingContact {
  id: string;
  createdAt: number;
  /** Whether an offer for it is ringing now. */
  offered: boolean;
  declinedBy: readonly string[];
}

export interface PlannedOffer { contactId: string; agentId: string }

/**
 * Pairs waiting contacts, oldest first, with the longest-idle free agent who
 * has not declined them. An agent gets at most one offer at a time.
 * @example planOffers([{ id: 'c1', createdAt: 1, offered: false, declinedBy: [] }], [{ id: 'a1', status: 'available', idleSince: 0, busy: false, ringing: false }]) // [{ contactId: 'c1', agentId: 'a1' }]
 */
export function planOffers(contacts: readonly WaitingContact[], agents: readonly RoutingAgent[]): PlannedOffer[] {
  const free = agents
    .filter((agent) => agent.status === 'available' && !agent.busy && !agent.ringing)
    .sort((a, b) => a.idleSince - b.idleSince || a.id.localeCompare(b.id));
  const taken = new Set<string>();
  const offers: PlannedOffer[] = [];
  for (const contact of [...contacts].sort(byArrival)) {
    if (contact.offered) continue;
    const agent = free.find((candidate) => !taken.has(candidate.id) && !contact.declinedBy.includes(candidate.id));
    if (!agent) continue;
    taken.add(agent.id);
    offers.push({ contactId: contact.id, agentId: agent.id });
  }
  return offers;
}

/**
 * Each waiting contact's 1-based place in the queue, by arrival.
 * @example queuePositions([{ id: 'b', createdAt: 2 }, { id: 'a', createdAt: 1 }]) // Map { 'a' => 1, 'b' => 2 }
 */
export function queuePositions(contacts: readonly Pick<WaitingContact, 'id' | 'createdAt'>[]): Map<string, number> {
  return new Map([...contacts].sort(byArrival).map((contact, index) => [contact.id, index + 1]));
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
