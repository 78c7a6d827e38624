// The Admin page's queues: what calls wait in, with priority and the skills to take them.
import type { Queue, QueueChange, QueueHours, QueueStatus, QueuesResponse } from '@beckon/protocol';
import { computed } from 'nanostores';
import { $apiBase } from './api-base.ts';
import { $team } from './team.ts';
import { withToken } from './with-token.ts';
import { adminRequest } from '../admin-api.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

const list = apiList('the queues', async (apiBase, accessToken) => (await adminRequest<QueuesResponse>(apiBase, accessToken, 'GET', '/queues')).queues);
const action = adminAction(list.load);

export const $queues = list.$list;
export const $queueAction = action.$state;

/**
 * The queues no one in the team has every skill for: their visitors would wait
 * until someone does (an invited agent counts, once they set their password).
 * Empty until the team has loaded.
 */
export const $unstaffedQueues = computed([$queues, $team], (queues, team) => {
  if (team.items.length === 0) return new Set<string>();
  const staffed = (queue: Queue) => team.items.some((agent) => queue.skills.every((skill) => agent.skills.includes(skill)));
  return new Set(queues.items.filter((queue) => !staffed(queue)).map((queue) => queue.id));
});

/**
 * Fetches the queues.
 * @example await loadQueues();
 */
export const loadQueues = list.load;

/**
 * Adds a queue.
 * @example await createQueue({ id: 'vip', name: 'VIP', priority: 5, skills: [] }) // true
 */
export function createQueue(queue: Queue): Promise<boolean> {
  return action.run(`Could not add the queue ${queue.id}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'POST', '/queues', queue), `The queue ${queue.id} was added.`);
}

/**
 * Changes a queue's name, priority or skills.
 * @example await changeQueue('vip', { priority: 10 }) // true
 */
export function changeQueue(queueId: string, change: QueueChange): Promise<boolean> {
  return action.run(`Could not change the queue ${queueId}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'PATCH', `/queues/${queueId}`, change), `The queue ${queueId} was changed.`);
}

/**
 * Deletes a queue nobody waits in.
 * @example await deleteQueue('vip') // true
 */
export function deleteQueue(queueId: string): Promise<boolean> {
  return action.run(`Could not delete the queue ${queueId}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/queues/${queueId}`), `The queue ${queueId} was deleted.`);
}

/** A queue's hours and maximum wait, and whether it is open now. */
export type QueueHoursAnswer = QueueHours & Omit<QueueStatus, 'queue'>;

/**
 * Fetches a queue's business hours and maximum wait.
 * @example (await loadQueueHours('billing')).open // true
 */
export function loadQueueHours(queueId: string): Promise<QueueHoursAnswer> {
  return withToken((token) => adminRequest<QueueHoursAnswer>($apiBase.get(), token, 'GET', `/queues/${queueId}/hours`));
}

/**
 * Sets a queue's business hours (null: open around the clock) and maximum wait (null: none).
 * @example await saveQueueHours('billing', { hours: null, maxWaitSeconds: 600 }) // true
 */
export function saveQueueHours(queueId: string, hours: QueueHours): Promise<boolean> {
  return action.run(`Could not set the hours of ${queueId}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'PUT', `/queues/${queueId}/hours`, hours), `The hours of ${queueId} were saved.`);
}

/**
 * Forgets the queues, e.g. on sign-out.
 * @example resetQueues();
 */
export function resetQueues(): void {
  list.reset();
  action.reset();
}
