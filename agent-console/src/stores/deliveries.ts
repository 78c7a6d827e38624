// The webhook delivery log for the Webhooks page.
import { getWebhookDeliveries } from '../api.ts';
import { apiList } from './api-list.ts';

const log = apiList('webhook deliveries', async (apiBase, accessToken) => (await getWebhookDeliveries(apiBase, accessToken)).deliveries);

export const $deliveries = log.$list;

/**
 * Fetches the delivery log.
 * @example await loadDeliveries();
 */
export const loadDeliveries = log.load;

/**
 * Forgets the log, e.g. on sign-out.
 * @example resetDeliveries();
 */
export const resetDeliveries = log.reset;
