// The Admin page's queues: what calls wait in, with priority and the skills to take them.
import type { Queue, QueueChange, QueuesResponse } from '@beckon/protocol';
import { adminRequest } from '../admin-api.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

const list = apiList('the queues', async (apiBase, accessToken) => (await adminRequest<QueuesResponse>(apiBase, accessToken, 'GET', '/queues')).queues);
const action = adminAction(list.load);

export const $queues = list.$list;
export const $queueAction = action.$state;

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

/**
 * Forgets the queues, e.g. on sign-out.
 * @example resetQueues();
 */
export function resetQueues(): void {
  list.reset();
  action.reset();
}
