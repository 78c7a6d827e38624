import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageHandleSeconds,
  canTake,
  contactOutcome,
  defaultHandleSeconds,
  estimatedWaitSeconds,
  planOffers,
  queuePositions,
  type RoutingAgent,
  type WaitingContact,
} from './routing.ts';

const agent = (id: string, idleSince: number, overrides: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id, status: 'available', idleSince, skills: [], capacity: 1, active: 0, onCall: false, ringing: false, wrappingUp: false, ...overrides,
});
const contact = (id: string, createdAt: number, overrides: Partial<WaitingContact> = {}): WaitingContact => ({
  id, createdAt, queueId: 'support', priority: 0, skills: [], call: true, offered: false, declinedBy: [], ...overrides,
});

describe('planOffers', () => {
  it('gives the oldest contact to the longest-idle agent', () => {
    const offers = planOffers([contact('late', 5), contact('early', 1)], [agent('fresh', 100), agent('idle', 10)]);
    expect(offers).toEqual([
      { contactId: 'early', agentId: 'idle' },
      { contactId: 'late', agentId: 'fresh' },
    ]);
  });

  it('never offers to an away, offline, busy or ringing agent', () => {
    const agents = [
      agent('away', 1, { status: 'away' }),
      agent('offline', 1, { status: 'offline' }),
      agent('busy', 1, { active: 1 }),
      agent('ringing', 1, { ringing: true }),
      agent('wrapping up', 1, { wrappingUp: true }),
    ];
    expect(planOffers([contact('c', 1)], agents)).toEqual([]);
  });

  it('skips agents who declined the contact but lets them take the next one', () => {
    const offers = planOffers([contact('a', 1, { declinedBy: ['x'] }), contact('b', 2)], [agent('x', 1)]);
    expect(offers).toEqual([{ contactId: 'b', agentId: 'x' }]);
  });

  it('does not offer a contact that is already ringing', () => {
    expect(planOffers([contact('a', 1, { offered: true })], [agent('x', 1)])).toEqual([]);
  });

  it('offers each agent and each contact at most once, for every small queue', () => {
    for (let contacts = 0; contacts <= 4; contacts++) {
      for (let agents = 0; agents <= 4; agents++) {
        const queue = Array.from({ length: contacts }, (_, i) => contact(`c${i}`, i));
        const team = Array.from({ length: agents }, (_, i) => agent(`a${i}`, agents - i));
        const offers = planOffers(queue, team);
        expect(offers).toHaveLength(Math.min(contacts, agents));
        expect(new Set(offers.map((offer) => offer.agentId)).size).toBe(offers.length);
        expect(new Set(offers.map((offer) => offer.contactId)).size).toBe(offers.length);
        // The oldest contacts are served, by the longest-idle agents.
        expect(offers.map((offer) => offer.contactId)).toEqual(queue.slice(0, offers.length).map((c) => c.id));
        expect(offers.map((offer) => offer.agentId)).toEqual(team.slice().reverse().slice(0, offers.length).map((a) => a.id));
      }
    }
  });
});

describe('skills, priorities and capacity', () => {
  it('offers a contact only to agents with every skill its queue needs', () => {
    const spanish = contact('es', 1, { queueId: 'es', skills: ['es'] });
    expect(planOffers([spanish], [agent('en', 1, { skills: ['billing'] }), agent('both', 5, { skills: ['es', 'billing'] })])).toEqual([
      { contactId: 'es', agentId: 'both' },
    ]);
    expect(planOffers([spanish], [agent('en', 1, { skills: ['billing'] })])).toEqual([]);
  });

  it('serves a higher-priority queue first, whatever the arrival order', () => {
    const offers = planOffers([contact('normal', 1), contact('vip', 9, { queueId: 'vip', priority: 10 })], [agent('a', 1)]);
    expect(offers).toEqual([{ contactId: 'vip', agentId: 'a' }]);
  });

  it('lets an agent with room for more calls take another one', () => {
    expect(planOffers([contact('c', 1)], [agent('a', 1, { capacity: 2, active: 1 })])).toEqual([{ contactId: 'c', agentId: 'a' }]);
    expect(planOffers([contact('c', 1)], [agent('a', 1, { capacity: 2, active: 2 })])).toEqual([]);
  });

  it('offers a contact a supervisor gave to one agent to that agent alone', () => {
    const given = contact('c', 1, { onlyAgent: 'fresh' });
    expect(planOffers([given], [agent('idle', 1), agent('fresh', 50)])).toEqual([{ contactId: 'c', agentId: 'fresh' }]);
    expect(planOffers([given, contact('d', 2)], [agent('idle', 1), agent('fresh', 50, { ringing: true })])).toEqual([{ contactId: 'd', agentId: 'idle' }]);
  });

  it('gives an agent on a call more chats up to capacity, but no second call', () => {
    const busy = agent('a', 1, { capacity: 3, active: 1, onCall: true });
    expect(planOffers([contact('call', 1)], [busy])).toEqual([]);
    expect(planOffers([contact('call', 1), contact('chat', 2, { call: false })], [busy])).toEqual([{ contactId: 'chat', agentId: 'a' }]);
  });
});

// Random switchboard states: a handful of agents and contacts over three
// skills and two priorities, weighted so most agents could take something.
const skill = fc.constantFrom<string>('es', 'billing', 'vip');
const agentsArbitrary = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5', 'a6'),
    status: fc.constantFrom('available', 'available', 'available', 'offline', 'away') as fc.Arbitrary<RoutingAgent['status']>,
    idleSince: fc.integer({ min: 0, max: 1000 }),
    skills: fc.uniqueArray(skill, { maxLength: 3 }),
    capacity: fc.integer({ min: 1, max: 3 }),
    active: fc.constantFrom(0, 0, 0, 1, 2, 3),
    onCall: fc.constantFrom(false, false, true),
    ringing: fc.constantFrom(false, false, false, true),
    wrappingUp: fc.constantFrom(false, false, false, true),
  }),
  { selector: (a) => a.id, maxLength: 6 },
);
const contactsArbitrary = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'),
    createdAt: fc.integer({ min: 0, max: 1000 }),
    queueId: fc.constantFrom('support', 'es', 'billing'),
    priority: fc.constantFrom(0, 5),
    skills: fc.oneof(fc.constant<string[]>([]), fc.uniqueArray(skill, { maxLength: 2 })),
    call: fc.boolean(),
    onlyAgent: fc.constantFrom(null, null, null, 'a1', 'a2'),
    offered: fc.constantFrom(false, false, false, true),
    declinedBy: fc.uniqueArray(fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5', 'a6'), { maxLength: 2 }),
  }),
  { selector: (c) => c.id, maxLength: 8 },
);

describe('planOffers, for any switchboard state', () => {
  fc.configureGlobal({ numRuns: 500 });

  it('never offers to an agent who cannot take the contact', () => {
    fc.assert(
      fc.property(contactsArbitrary, agentsArbitrary, (contacts, agents) => {
        for (const offer of planOffers(contacts, agents)) {
          const chosen = agents.find((a) => a.id === offer.agentId)!;
          const waiting = contacts.find((c) => c.id === offer.contactId)!;
          expect(canTake(chosen, waiting)).toBe(true);
          expect(chosen.status).toBe('available');
          expect(chosen.active).toBeLessThan(chosen.capacity);
          expect(waiting.skills.every((s) => chosen.skills.includes(s))).toBe(true);
          if (waiting.call) expect(chosen.onCall).toBe(false);
          if (waiting.onlyAgent) expect(chosen.id).toBe(waiting.onlyAgent);
        }
      }),
    );
  });

  it('offers no contact twice, rings no agent twice, and never re-offers a ringing contact', () => {
    fc.assert(
      fc.property(contactsArbitrary, agentsArbitrary, (contacts, agents) => {
        const offers = planOffers(contacts, agents);
        expect(new Set(offers.map((o) => o.contactId)).size).toBe(offers.length);
        expect(new Set(offers.map((o) => o.agentId)).size).toBe(offers.length);
        for (const offer of offers) expect(contacts.find((c) => c.id === offer.contactId)!.offered).toBe(false);
      }),
    );
  });

  it('loses no contact: when a waiting contact gets no offer, no free agent who could take it is left over', () => {
    fc.assert(
      fc.property(contactsArbitrary, agentsArbitrary, (contacts, agents) => {
        const offers = planOffers(contacts, agents);
        const ringing = new Set(offers.map((o) => o.agentId));
        for (const waiting of contacts.filter((c) => !c.offered && !offers.some((o) => o.contactId === c.id))) {
          const leftOver = agents.filter((a) => !ringing.has(a.id) && canTake(a, waiting));
          expect(leftOver).toEqual([]);
        }
      }),
    );
  });

  it('serves contacts in turn, each by the longest-idle agent still free who can take it', () => {
    fc.assert(
      fc.property(contactsArbitrary, agentsArbitrary, (contacts, agents) => {
        const offers = planOffers(contacts, agents);
        const used = new Set<string>();
        for (const offer of offers) {
          const waiting = contacts.find((c) => c.id === offer.contactId)!;
          const chosen = agents.find((a) => a.id === offer.agentId)!;
          const moreIdle = agents.filter((a) => !used.has(a.id) && canTake(a, waiting) && (a.idleSince < chosen.idleSince || (a.idleSince === chosen.idleSince && a.id < chosen.id)));
          expect(moreIdle).toEqual([]);
          used.add(chosen.id);
        }
        const turn = offers.map((o) => contacts.find((c) => c.id === o.contactId)!);
        for (let i = 1; i < turn.length; i++) {
          const [before, after] = [turn[i - 1]!, turn[i]!];
          expect(before.priority > after.priority || (before.priority === after.priority && before.createdAt <= after.createdAt)).toBe(true);
        }
      }),
    );
  });

  it('re-offers end: when every offered agent declines, a contact runs out of agents after at most one round each', () => {
    fc.assert(
      fc.property(contactsArbitrary, agentsArbitrary, (initialContacts, agents) => {
        let contacts: WaitingContact[] = initialContacts.map((c) => ({ ...c, offered: false }));
        const team = agents.map((a) => ({ ...a, ringing: false }));
        let rounds = 0;
        for (;;) {
          const offers = planOffers(contacts, team);
          if (!offers.length) break;
          rounds++;
          expect(rounds).toBeLessThanOrEqual(team.length * contacts.length + 1);
          contacts = contacts.map((c) => {
            const offer = offers.find((o) => o.contactId === c.id);
            return offer ? { ...c, declinedBy: [...c.declinedBy, offer.agentId] } : c;
          });
        }
      }),
    );
  });
});

describe('queuePositions', () => {
  it('numbers waiting contacts from 1 by arrival, in each queue on its own', () => {
    expect([...queuePositions([contact('b', 2), contact('a', 1), contact('c', 3)])]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect([...queuePositions([contact('x', 1, { queueId: 'es' }), contact('y', 2)])]).toEqual([['x', 1], ['y', 1]]);
  });
});

describe('estimated wait', () => {
  it('is unknown without a staffed agent, nothing when a free agent can ring now, and shared among agents otherwise', () => {
    expect(estimatedWaitSeconds({ position: 1, staffedAgents: 0, freeAgents: 0, averageHandleSeconds: 240 })).toBeNull();
    expect(estimatedWaitSeconds({ position: 1, staffedAgents: 2, freeAgents: 1, averageHandleSeconds: 240 })).toBe(0);
    expect(estimatedWaitSeconds({ position: 3, staffedAgents: 2, freeAgents: 1, averageHandleSeconds: 240 })).toBe(240);
    expect(estimatedWaitSeconds({ position: 5, staffedAgents: 2, freeAgents: 0, averageHandleSeconds: 100 })).toBe(270);
  });

  it('grows with the place in the queue and never goes below zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 3600 }), (position, staffed, free, handle) => {
        const here = estimatedWaitSeconds({ position, staffedAgents: staffed, freeAgents: Math.min(free, staffed), averageHandleSeconds: handle })!;
        const behind = estimatedWaitSeconds({ position: position + 1, staffedAgents: staffed, freeAgents: Math.min(free, staffed), averageHandleSeconds: handle })!;
        expect(here).toBeGreaterThanOrEqual(0);
        expect(behind).toBeGreaterThanOrEqual(here);
        expect(here % 30).toBe(0);
      }),
    );
  });

  it('uses the queue\'s own talk times once it has a few, and a stated default before', () => {
    expect(averageHandleSeconds([100, 200])).toBe(defaultHandleSeconds);
    expect(averageHandleSeconds([100, 200, 300])).toBe(200);
  });
});

describe('contactOutcome', () => {
  it.each([
    [{ connected: true, failed: false, lastOfferResult: 'declined' as const }, 'completed'],
    [{ connected: true, failed: true, lastOfferResult: null }, 'failed'],
    [{ connected: false, failed: false, lastOfferResult: null }, 'cancelled'],
    [{ connected: false, failed: false, lastOfferResult: 'declined' as const }, 'declined'],
    [{ connected: false, failed: false, lastOfferResult: 'missed' as const }, 'missed'],
  ])('%o is %s', (contactState, outcome) => {
    expect(contactOutcome(contactState)).toBe(outcome);
  });
});
