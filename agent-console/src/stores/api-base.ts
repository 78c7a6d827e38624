import { atom } from 'nanostores';

/**
 * The API's origin. The console is same-origin with the API; tests point it
 * at their own server.
 */
export const $apiBase = atom(typeof location === 'undefined' ? '' : location.origin);
