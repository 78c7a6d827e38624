// The Admin page's team: agents with their role, skills and capacity, invites
// and password resets (each answers a one-time link, shown once), removal.
import type { AdminAgent, AgentChange, AgentInvite, AgentsResponse, InviteResponse } from '@beckon/protocol';
import { atom } from 'nanostores';
import { adminRequest } from '../admin-api.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

/** A link just made for an agent; the server keeps only its hash, so this is the one chance to copy it. */
export interface OneTimeLink { agentName: string; url: string; expiresAt: number; why: 'invite' | 'reset' }

const list = apiList('the team', async (apiBase, accessToken) => (await adminRequest<AgentsResponse>(apiBase, accessToken, 'GET', '/agents')).agents);
const action = adminAction(list.load);

export const $team = list.$list;
export const $teamAction = action.$state;
export const $oneTimeLink = atom<OneTimeLink | null>(null);

/**
 * Fetches the team.
 * @example await loadTeam();
 */
export const loadTeam = list.load;

/**
 * Invites an agent and keeps their link to be shown once.
 * @example await inviteAgent({ name: 'Ada', email: 'ada@example.com', role: 'agent', skills: ['es'], capacity: 1 }) // true
 */
export function inviteAgent(invite: AgentInvite): Promise<boolean> {
  return action.run(`Could not invite ${invite.name}`, async (apiBase, accessToken) => {
    const { agent, invite: link } = await adminRequest<InviteResponse>(apiBase, accessToken, 'POST', '/agents', invite);
    $oneTimeLink.set({ agentName: agent.name, url: link.url, expiresAt: link.expiresAt, why: 'invite' });
  });
}

/**
 * Changes an agent's role, skills or capacity.
 * @example await changeAgent(agent, { role: 'supervisor' }) // true
 */
export function changeAgent(agent: AdminAgent, change: AgentChange): Promise<boolean> {
  return action.run(`Could not change ${agent.name}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'PATCH', `/agents/${agent.id}`, change), `${agent.name} was changed.`);
}

/**
 * Takes an agent's password away and keeps the new link to be shown once.
 * @example await resetAgent(agent) // true
 */
export function resetAgent(agent: AdminAgent): Promise<boolean> {
  return action.run(`Could not reset ${agent.name}`, async (apiBase, accessToken) => {
    const { invite: link } = await adminRequest<InviteResponse>(apiBase, accessToken, 'POST', `/agents/${agent.id}/reset`);
    $oneTimeLink.set({ agentName: agent.name, url: link.url, expiresAt: link.expiresAt, why: 'reset' });
  });
}

/**
 * Removes an agent from the team.
 * @example await removeAgent(agent) // true
 */
export function removeAgent(agent: AdminAgent): Promise<boolean> {
  return action.run(`Could not remove ${agent.name}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/agents/${agent.id}`), `${agent.name} was removed.`);
}

/**
 * Hides the one-time link once it has been copied; it cannot be shown again.
 * @example dismissOneTimeLink();
 */
export function dismissOneTimeLink(): void {
  $oneTimeLink.set(null);
}

/**
 * Forgets the team, e.g. on sign-out.
 * @example resetTeam();
 */
export function resetTeam(): void {
  list.reset();
  action.reset();
  $oneTimeLink.set(null);
}
