// TURN credentials in the shared-secret scheme of the TURN REST API, which
// coturn checks with `--use-auth-secret --static-auth-secret`. The TURN server
// recomputes the password from the username and the secret, so nothing is
// stored per participant, and a leaked credential stops working by itself.
import type { IceServer } from '@beckon/protocol';
import { conversationTokenSeconds } from './tokens.ts';

/** The installation's ICE servers, as the host is configured. */
export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  /** The secret shared with the TURN servers (coturn's `static-auth-secret`); null without TURN. */
  turnSecret: string | null;
}

/** A host with no ICE servers: calls use host candidates only. */
export const noIceServers: IceConfig = { stunUrls: [], turnUrls: [], turnSecret: null };

// coturn checks the expiry only when an allocation is made, so established
// relays outlive it; but an ICE restart mid-call makes new allocations with
// the same credential. It therefore lives as long as the conversation token,
// which already bounds how long a participant may stay in the call.
export const turnCredentialSeconds = conversationTokenSeconds;

export interface TurnCredential { username: string; credential: string }

/**
 * Mints the TURN credential of one participant: username `<expiry>:<participant>`
 * (expiry in Unix seconds), password base64(HMAC-SHA1(secret, username)).
 * @example await turnCredential('north-wind-secret', 'visitor-1', 1_700_000_000_000, 3600) // { username: '1700003600:visitor-1', credential: '+QUFiDTQKOhJkqzpHDNHmR539Kk=' }
 */
export async function turnCredential(secret: string, participantId: string, now: number, ttlSeconds = turnCredentialSeconds): Promise<TurnCredential> {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${participantId}`;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(username)));
  return { username, credential: btoa(String.fromCharCode(...mac)) };
}

/**
 * The ICE servers one participant is given: STUN as configured, and TURN with
 * a credential of their own (never a static password).
 * @example await iceServersFor({ stunUrls: ['stun:turn.example:3478'], turnUrls: ['turn:turn.example:3478'], turnSecret: 's' }, 'visitor-1', Date.now())
 */
export async function iceServersFor(config: IceConfig, participantId: string, now: number): Promise<IceServer[]> {
  const servers: IceServer[] = [];
  if (config.stunUrls.length) servers.push({ urls: config.stunUrls });
  if (config.turnUrls.length && config.turnSecret) {
    servers.push({ urls: config.turnUrls, ...(await turnCredential(config.turnSecret, participantId, now)) });
  }
  return servers;
}

/**
 * Checks an ICE configuration before the host starts: URL schemes, and TURN
 * only with a secret (a TURN server without one would need a static password).
 * @example checkIceConfig({ stunUrls: [], turnUrls: ['turn:turn.example:3478'], turnSecret: null }) // throws
 */
export function checkIceConfig(config: IceConfig): IceConfig {
  for (const url of config.stunUrls) {
    if (!/^stuns?:/.test(url)) throw new Error(`BECKON_STUN_URLS: ${url} must start with stun: or stuns:`);
  }
  for (const url of config.turnUrls) {
    if (!/^turns?:/.test(url)) throw new Error(`BECKON_TURN_URLS: ${url} must start with turn: or turns:`);
  }
  // Named as the operator sets them, on either host.
  if (config.turnUrls.length && !config.turnSecret) throw new Error('BECKON_TURN_URLS needs BECKON_TURN_SECRET, the secret shared with the TURN servers');
  if (config.turnSecret && !config.turnUrls.length) throw new Error('BECKON_TURN_SECRET needs BECKON_TURN_URLS, the TURN servers it is shared with');
  return config;
}
