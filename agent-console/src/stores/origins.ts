// The Admin page's allowed origins: the websites whose pages may use the tenant's widget keys.
import { parseOrigin, type OriginsResponse } from '@beckon/protocol';
import { adminRequest } from '../admin-api.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

const list = apiList('the allowed origins', async (apiBase, accessToken) => (await adminRequest<OriginsResponse>(apiBase, accessToken, 'GET', '/origins')).origins);
const action = adminAction(list.load);

export const $origins = list.$list;
export const $originAction = action.$state;

/**
 * Fetches the allowed origins.
 * @example await loadOrigins();
 */
export const loadOrigins = list.load;

/**
 * Allows pages of one more origin to use the widget. What is said names the
 * origin as it is kept (`https://Shop.Example:443` is `https://shop.example`),
 * and one on the list already is said to be, with nothing sent.
 * @example await addOrigin('https://shop.example') // true
 */
export function addOrigin(typed: string): Promise<boolean> {
  const origin = keptAs(typed);
  if (origin && $origins.get().items.includes(origin)) {
    action.tell(`${origin} is allowed already.`);
    return Promise.resolve(true);
  }
  return action.run(`Could not allow ${typed}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'POST', '/origins', { origin: typed }), `${origin ?? typed} was allowed.`);
}

// The origin the server keeps for what was typed; null when it would refuse it (its answer then says why).
function keptAs(typed: string): string | null {
  try {
    return parseOrigin(typed);
  } catch {
    return null;
  }
}

/**
 * Stops allowing an origin: its pages get no new visitor sessions or calls.
 * @example await removeOrigin('https://shop.example') // true
 */
export function removeOrigin(origin: string): Promise<boolean> {
  return action.run(`Could not remove ${origin}`, (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', `/origins/${encodeURIComponent(origin)}`), `${origin} was removed.`);
}

/**
 * Forgets the origins, e.g. on sign-out.
 * @example resetOrigins();
 */
export function resetOrigins(): void {
  list.reset();
  action.reset();
}
