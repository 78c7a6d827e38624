import { describe, expect, it } from 'vitest';
import { contactOutcome, planOffers, queuePositions, type RoutingAgent, type WaitingContact } from './routing.ts';

const agent = (id: string, idleSince: number, overrides: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id, status: 'available', idleSince, busy: false, ringing: false, ...overrides,
});
const contact = (id: string, createdAt: number, overrides: Partial<WaitingContact> = {}): WaitingContact => ({
  id, createdAt, offered: false, declinedBy: [], ...overrides,
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
      agent('busy', 1, { busy: true }),
      agent('ringing', 1, { ringing: true }),
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

describe('queuePositions', () => {
  it('numbers waiting contacts from 1 by arrival', () => {
    expect([...queuePositions([contact('b', 2), contact('a', 1), contact('c', 3)])]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
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
