// The demo tenant that `npm start` creates, so a new user can try a call at once.
import { hashPassword, randomSecret } from '../auth/passwords.ts';
import type { Actors } from '../actors/host.ts';
import type { WebhookEndpoint } from '../webhooks/outbox.ts';

export const demoTenantId = 'demo';
export const demoAgents = [
  { email: 'agent@demo.test', name: 'Alex (Demo agent)', role: 'agent', skills: ['billing'] },
  { email: 'agent2@demo.test', name: 'Sam (Demo agent)', role: 'agent', skills: ['es'] },
  // Watches queues and calls on the console's Board.
  { email: 'supervisor@demo.test', name: 'Morgan (Demo supervisor)', role: 'supervisor', skills: [] },
  // Manages the team, queues, origins, widget keys and settings on the console's Admin page.
  { email: 'admin@demo.test', name: 'Robin (Demo admin)', role: 'admin', skills: [] },
] as const;

/** The demo's sign-ins, for a host's start-up banner: `agent@demo.test (agent), …`. */
export const demoSignIns = demoAgents.map((agent) => `${agent.email} (${agent.role})`).join(', ');

/** Besides the default `support` queue (anyone answers): one queue per skill. */
export const demoQueues = [
  { id: 'billing', name: 'Billing', priority: 0, skills: ['billing'] },
  { id: 'es', name: 'Soporte en español', priority: 0, skills: ['es'] },
];

export interface DemoSeed {
  allowedOrigins: string[];
  /** A fixed password (BECKON_DEMO_PASSWORD); otherwise one is generated on first start. */
  password?: string;
  /** Calls of the demo tenant use the TURN relay only (BECKON_DEMO_RELAY_ONLY). */
  relayOnly?: boolean;
  /** Where the demo tenant's webhook events go (BECKON_DEMO_WEBHOOK_URL and BECKON_DEMO_WEBHOOK_SECRET); none when left out. */
  webhook?: WebhookEndpoint;
}

/**
 * Creates the demo tenant, its queues, agents and admin on first start; later
 * starts add the seed's origins to those allowed (origins an admin added
 * stay), turn relay-only on when asked, refresh the webhook endpoint and,
 * when a password is given, the agents' password.
 * @example const { generatedPassword } = await seedDemo(actors, { allowedOrigins: ['http://127.0.0.1:8787'] });
 */
export async function seedDemo(actors: Actors, seed: DemoSeed): Promise<{ generatedPassword: string | null }> {
  const directory = actors.directory();
  const switchboard = actors.switchboard(demoTenantId);
  // By the tenant, not by an agent of it: an admin may remove the demo agents.
  const firstStart = !(await directory.hasTenant(demoTenantId));
  await directory.ensureTenant({ id: demoTenantId, name: 'Demo', widgetKey: 'demo', allowedOrigins: seed.allowedOrigins, relayOnly: seed.relayOnly });
  // Made once, so that an admin's changes to them stay.
  if (firstStart) for (const queue of demoQueues) await switchboard.saveQueue(queue);
  await switchboard.setWebhookEndpoints(seed.webhook ? [seed.webhook] : []);
  if (!firstStart && !seed.password) return { generatedPassword: null };
  const password = seed.password ?? randomSecret(12);
  const passwordHash = await hashPassword(password);
  for (const agent of demoAgents) {
    if (!(await switchboard.setAgentPassword(agent.email, passwordHash))) {
      await switchboard.addAgent({ email: agent.email, name: agent.name, role: agent.role, passwordHash });
      // Only when made: skills and capacity an admin gave the agent stay.
      await switchboard.setAgentRouting(agent.email, { skills: [...agent.skills], capacity: 3 });
    }
    await directory.addAgentLogin(agent.email, demoTenantId);
  }
  return { generatedPassword: seed.password ? null : password };
}
