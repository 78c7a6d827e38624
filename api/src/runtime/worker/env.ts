// What the Worker and its Durable Objects are given by Cloudflare, and the
// actor registry built on top of it: every actor is a Durable Object stub.
import { limits } from '@beckon/protocol';
import type { ActorContext, Actors, ConversationApi, DirectoryApi, SwitchboardApi } from '../../actors/host.ts';
import { createTokens, type Tokens } from '../../auth/tokens.ts';
import { checkIceConfig, type IceConfig } from '../../auth/turn.ts';
import { defaultWebhookRetry } from '../../webhooks/outbox.ts';
import { delaySetting, listSetting, ringTimeoutSetting, signingKeysFrom, visitorSessionsSetting, wrapUpSetting } from '../settings.ts';

export interface Env {
  ASSETS: Fetcher;
  DIRECTORY: DurableObjectNamespace;
  SWITCHBOARD: DurableObjectNamespace;
  CONVERSATION: DurableObjectNamespace;
  /** Secret: the JWT signing key pair as JSON `{ privateJwk, publicJwk }`. */
  BECKON_SIGNING_KEYS: string;
  /** Set to create the demo tenant with this agent password. */
  BECKON_DEMO_PASSWORD?: string;
  /** More page origins allowed to embed the demo widget, comma-separated. */
  BECKON_DEMO_ORIGINS?: string;
  BECKON_RING_TIMEOUT_MS?: string;
  BECKON_RECONNECT_GRACE_MS?: string;
  BECKON_WRAP_UP_SECONDS?: string;
  /** Visitor sessions one client address may open in a minute; see docs/operations.md. */
  BECKON_VISITOR_SESSIONS_PER_MINUTE?: string;
  /** STUN and TURN server URLs, comma-separated; see docs/turn.md. */
  BECKON_STUN_URLS?: string;
  BECKON_TURN_URLS?: string;
  /** Secret: the TURN REST API shared secret (coturn's static-auth-secret). */
  BECKON_TURN_SECRET?: string;
  /** Where the demo tenant's webhook events go, and (a secret) the key they are signed with; see docs/webhooks.md. */
  BECKON_DEMO_WEBHOOK_URL?: string;
  BECKON_DEMO_WEBHOOK_SECRET?: string;
  /** The wait after a webhook's first failed attempt, doubled for each later one. */
  BECKON_WEBHOOK_FIRST_RETRY_MS?: string;
  /** The window in which an agent's searches of the contacts are counted; see docs/operations.md. */
  BECKON_SEARCH_WINDOW_MS?: string;
}

/**
 * The ICE servers from the Worker's variables, checked as on Node.
 * @example workerIce(env) // { stunUrls: ['stun:turn.example.com:3478'], turnUrls: [...], turnSecret: '…' }
 */
export function workerIce(env: Env): IceConfig {
  return checkIceConfig({ stunUrls: listSetting(env.BECKON_STUN_URLS), turnUrls: listSetting(env.BECKON_TURN_URLS), turnSecret: env.BECKON_TURN_SECRET || null });
}

/**
 * Reaches every actor through its Durable Object; the one directory is the object named `directory`.
 * @example const switchboard = workerActors(env).switchboard('demo'); await switchboard.contacts();
 */
export function workerActors(env: Env): Actors {
  return {
    directory: () => env.DIRECTORY.getByName('directory') as unknown as DirectoryApi,
    switchboard: (tenantId) => env.SWITCHBOARD.getByName(tenantId) as unknown as SwitchboardApi,
    conversation: (conversationId) => env.CONVERSATION.getByName(conversationId) as unknown as ConversationApi,
  };
}

let cachedTokens: { secret: string; tokens: Promise<Tokens> } | null = null;

/**
 * The token signer of this isolate, made once from the signing-key secret.
 * @example const tokens = workerTokens(env); await tokens.verify(token, 'access');
 */
export function workerTokens(env: Env): Tokens {
  if (!env.BECKON_SIGNING_KEYS) throw new Error('The BECKON_SIGNING_KEYS secret is not set; see docs/deploy-cloudflare.md.');
  if (cachedTokens?.secret !== env.BECKON_SIGNING_KEYS) {
    const keys = signingKeysFrom(env.BECKON_SIGNING_KEYS, 'The BECKON_SIGNING_KEYS secret is not the JSON `npm run -s keys:generate` prints; see docs/deploy-cloudflare.md.');
    cachedTokens = { secret: env.BECKON_SIGNING_KEYS, tokens: createTokens(keys) };
  }
  const ready = cachedTokens.tokens;
  return {
    issue: async (claims) => (await ready).issue(claims),
    verify: async (token, kind) => (await ready).verify(token, kind),
  };
}

/**
 * The visitor sessions one client address may open in a minute: the Worker's setting, or the default (also for 0).
 * @example new Directory(storage, Date.now, visitorSessionsPerMinute(env));
 */
export function visitorSessionsPerMinute(env: Env): number {
  return visitorSessionsSetting(env.BECKON_VISITOR_SESSIONS_PER_MINUTE) ?? limits.visitorSessionsPerMinute;
}

/**
 * The context every actor gets on Workers.
 * @example new Switchboard(tenantId, storage, host, workerContext(env));
 */
export function workerContext(env: Env): ActorContext {
  return {
    actors: workerActors(env),
    tokens: workerTokens(env),
    now: () => Date.now(),
    ringTimeoutMs: ringTimeoutSetting(env.BECKON_RING_TIMEOUT_MS) ?? limits.ringTimeoutMs,
    reconnectGraceMs: delaySetting('BECKON_RECONNECT_GRACE_MS', env.BECKON_RECONNECT_GRACE_MS) ?? limits.reconnectGraceMs,
    wrapUpMs: wrapUpSetting(env.BECKON_WRAP_UP_SECONDS) ?? limits.wrapUpMs,
    ice: workerIce(env),
    webhookRetry: { ...defaultWebhookRetry, firstDelayMs: delaySetting('BECKON_WEBHOOK_FIRST_RETRY_MS', env.BECKON_WEBHOOK_FIRST_RETRY_MS) ?? defaultWebhookRetry.firstDelayMs },
    searchWindowMs: delaySetting('BECKON_SEARCH_WINDOW_MS', env.BECKON_SEARCH_WINDOW_MS),
  };
}
