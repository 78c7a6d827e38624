import { ApiFailure } from '../api.ts';
import { freshAccessToken, refreshSession } from './session.ts';

/**
 * Calls the API with a valid access token; a token the server no longer
 * accepts is refreshed once and the call made again.
 * @example const items = await withToken((token) => getContacts(apiBase, token));
 */
export async function withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = await freshAccessToken();
  if (!token) throw new Error('You are signed out.');
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) throw error;
    await refreshSession();
    const renewed = await freshAccessToken();
    if (!renewed || renewed === token) throw error;
    return call(renewed);
  }
}
