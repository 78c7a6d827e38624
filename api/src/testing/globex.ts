// A second tenant in a Node host's data directory, for tests that two
// tenants on one host stay apart.
import { limits } from '@beckon/protocol';
import { hashPassword } from '../auth/passwords.ts';
import { createTokens, generateSigningKeys } from '../auth/tokens.ts';
import { noIceServers } from '../auth/turn.ts';
import { createNodeActors } from '../runtime/node/actors.ts';
import { defaultWebhookRetry } from '../webhooks/outbox.ts';

/** Globex: widget key `globex` on `http://globex.test`; its agent Grace and its admin Hal sign in with these passwords. */
export const globex = {
  origin: 'http://globex.test',
  agent: { email: 'grace@globex.test', password: 'grace password' },
  admin: { email: 'hal@globex.test', password: 'hal password' },
};

/**
 * Adds Globex to a data directory before a host starts on it.
 * @example await addGlobex(dataDir); const host = await startNodeHost({ dataDir, … });
 */
export async function addGlobex(dataDir: string): Promise<void> {
  const actors = createNodeActors({
    dataDir, tokens: await createTokens(await generateSigningKeys()), ice: noIceServers, webhookRetry: defaultWebhookRetry,
    ringTimeoutMs: limits.ringTimeoutMs, reconnectGraceMs: limits.reconnectGraceMs, wrapUpMs: limits.wrapUpMs,
  });
  await actors.directory().ensureTenant({ id: 'globex', name: 'Globex', widgetKey: 'globex', allowedOrigins: [globex.origin] });
  for (const [{ email, password }, name, role] of [[globex.agent, 'Grace', 'agent'], [globex.admin, 'Hal', 'admin']] as const) {
    await actors.switchboard('globex').addAgent({ email, name, role, passwordHash: await hashPassword(password) });
    await actors.directory().addAgentLogin(email, 'globex');
  }
  await actors.close();
}
