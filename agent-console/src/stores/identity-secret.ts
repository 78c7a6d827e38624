// The Admin page's identity secret: the site's server signs its signed-in
// customers with it. Listed by its first characters only; a secret made just
// now is shown in full once, to be copied to that server.
import type { IdentitySecretResponse, NewIdentitySecretResponse } from '@beckon/protocol';
import { atom } from 'nanostores';
import { adminRequest } from '../admin-api.ts';
import { adminAction } from './admin-action.ts';
import { apiList } from './api-list.ts';

// A list of one (or none), so the section shows like the other Admin lists.
const list = apiList('the identity secret', async (apiBase, accessToken) => {
  const { identitySecret } = await adminRequest<IdentitySecretResponse>(apiBase, accessToken, 'GET', '/identity-secret');
  return identitySecret ? [identitySecret] : [];
});
const action = adminAction(list.load);

export const $identitySecret = list.$list;
export const $identitySecretAction = action.$state;
/** A secret made just now; the only time the console sees it. */
export const $newIdentitySecret = atom<string | null>(null);

/**
 * Fetches whether the tenant has an identity secret.
 * @example await loadIdentitySecret();
 */
export const loadIdentitySecret = list.load;

/**
 * Makes the identity secret, in place of the one before (whose tokens are refused from now on), and keeps it to be shown once.
 * @example await makeIdentitySecret() // true
 */
export function makeIdentitySecret(): Promise<boolean> {
  return action.run('Could not make the identity secret', async (apiBase, accessToken) => {
    const { secret } = await adminRequest<NewIdentitySecretResponse>(apiBase, accessToken, 'POST', '/identity-secret');
    $newIdentitySecret.set(secret);
  });
}

/**
 * Removes the identity secret: visitors are no longer verified.
 * @example await removeIdentitySecret() // true
 */
export function removeIdentitySecret(): Promise<boolean> {
  $newIdentitySecret.set(null);
  return action.run(
    'Could not remove the identity secret',
    (apiBase, accessToken) => adminRequest(apiBase, accessToken, 'DELETE', '/identity-secret'),
    'The identity secret was removed; visitors are no longer verified.',
  );
}

/**
 * Hides the new secret once it has been copied.
 * @example dismissNewIdentitySecret();
 */
export function dismissNewIdentitySecret(): void {
  $newIdentitySecret.set(null);
}

/**
 * Forgets the secret's state, e.g. on sign-out.
 * @example resetIdentitySecret();
 */
export function resetIdentitySecret(): void {
  list.reset();
  action.reset();
  $newIdentitySecret.set(null);
}
