// The Node host the signaling benchmark loads: `npm start`'s host, with as
// many extra agents in the demo tenant as the load has pairs, added through
// the real Switchboard and Directory actors before the host starts.
//
// Env: PORT, BECKON_DATA_DIR (fresh), BENCH_AGENTS, BENCH_PASSWORD. Prints
// `listening <port>` once it serves, answers memory probes; stops on SIGTERM.
import { limits } from '@beckon/protocol';
import { hashPassword } from '../../api/src/auth/passwords.ts';
import { createTokens, generateSigningKeys } from '../../api/src/auth/tokens.ts';
import { noIceServers } from '../../api/src/auth/turn.ts';
import { demoTenantId, seedDemo } from '../../api/src/demo/seed.ts';
import { startNodeHost } from '../../api/src/runtime/node.ts';
import { createNodeActors } from '../../api/src/runtime/node/actors.ts';
import { defaultWebhookRetry } from '../../api/src/webhooks/outbox.ts';
import { benchAgentEmail } from './load-plan.ts';
import { answerMemoryProbes } from './memory.ts';

const env = process.env;
const dataDir = env.BECKON_DATA_DIR!;
const agents = Number(env.BENCH_AGENTS ?? 0);
const password = env.BENCH_PASSWORD!;

// Signing in is not what is measured, so these agents' hashes are cheap.
const passwordHash = await hashPassword(password, 1000);
const seeding = createNodeActors({ dataDir, tokens: await createTokens(await generateSigningKeys()), ringTimeoutMs: limits.ringTimeoutMs, reconnectGraceMs: limits.reconnectGraceMs, wrapUpMs: limits.wrapUpMs, ice: noIceServers, webhookRetry: defaultWebhookRetry });
// The host seeds the demo tenant again when it starts, with its own origin allowed.
await seedDemo(seeding, { allowedOrigins: [], password });
for (let index = 0; index < agents; index++) {
  const email = benchAgentEmail(index);
  await seeding.switchboard(demoTenantId).addAgent({ email, name: `Bench agent ${index}`, role: 'agent', passwordHash });
  await seeding.directory().addAgentLogin(email, demoTenantId);
}
await seeding.close();

const beckon = await startNodeHost({
  port: Number(env.PORT ?? 0),
  host: '127.0.0.1',
  dataDir,
  demoPassword: password,
  demoOrigins: [],
  build: false,
  log: () => {},
  // Every pair's visitor comes from this one address; the limit per address is not what is measured.
  visitorSessionsPerMinute: 1_000_000,
});
answerMemoryProbes();
console.log(`listening ${beckon.port}`);
process.on('SIGTERM', () => void beckon.stop().then(() => process.exit(0)));
