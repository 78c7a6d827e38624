import type { AdminAgent, Queue } from '@beckon/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { $queues, $unstaffedQueues, resetQueues } from './queues.ts';
import { $team, resetTeam } from './team.ts';

const queue = (id: string, skills: string[]): Queue => ({ id, name: id, priority: 0, skills });
const agent = (name: string, skills: string[]): AdminAgent => ({ id: name, name, email: `${name}@shop.example`, role: 'agent', skills, capacity: 1, state: 'active' });
const loaded = <T>(items: T[]) => ({ items, loading: false, error: null });

afterEach(() => {
  resetQueues();
  resetTeam();
});

describe('queues no one can answer', () => {
  it('are those whose skills no single agent has all of', () => {
    $queues.set(loaded([queue('support', []), queue('billing', ['billing']), queue('es-billing', ['es', 'billing']), queue('vip', ['vip'])]));
    $team.set(loaded([agent('Ada', ['billing']), agent('Bea', ['es'])]));
    expect([...$unstaffedQueues.get()]).toEqual(['es-billing', 'vip']);
    $team.set(loaded([agent('Ada', ['billing', 'es']), agent('Bea', ['vip'])]));
    expect([...$unstaffedQueues.get()]).toEqual([]);
  });

  it('are none while the team is not loaded', () => {
    $queues.set(loaded([queue('vip', ['vip'])]));
    expect($unstaffedQueues.get().size).toBe(0);
  });
});
