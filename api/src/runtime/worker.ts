// The Cloudflare Workers host: the same Hono app and actors as on Node, with
// every actor in a Durable Object and the bundles served as Workers assets.
import demoPage from '../../../widget/demo/index.html';
import { seedDemo } from '../demo/seed.ts';
import type { Hono } from 'hono';
import { createApp, type SocketTarget } from '../http/app.ts';
import { webhookFromSettings } from '../webhooks/outbox.ts';
import { originsSetting } from './settings.ts';
import { ApiError } from '../http/api-error.ts';
import { visitorSessionsPerMinute, workerActors, workerContext, workerIce, workerTokens, type Env } from './worker/env.ts';
import { attachmentHeader } from './worker/objects.ts';

export { ConversationObject, DirectoryObject, SwitchboardObject } from './worker/objects.ts';

let seeded: Promise<unknown> | null = null;

// The demo tenant exists only where BECKON_DEMO_PASSWORD is set; its page
// origin is the Worker's own, as `npm start` does with its address.
function seedDemoOnce(env: Env, origin: string): Promise<unknown> {
  if (!env.BECKON_DEMO_PASSWORD) return Promise.resolve();
  const url = new URL(origin);
  const alias = url.hostname === '127.0.0.1' ? [`${url.protocol}//localhost:${url.port}`] : [];
  const extra = originsSetting('BECKON_DEMO_ORIGINS', env.BECKON_DEMO_ORIGINS);
  const webhook = webhookFromSettings(env.BECKON_DEMO_WEBHOOK_URL, env.BECKON_DEMO_WEBHOOK_SECRET);
  seeded ??= seedDemo(workerActors(env), { allowedOrigins: [origin, ...alias, ...extra], password: env.BECKON_DEMO_PASSWORD, webhook }).catch((error) => {
    seeded = null;
    throw error;
  });
  return seeded;
}

function connect(env: Env, request: Request, target: SocketTarget): Promise<Response> {
  const namespace = target.actor === 'switchboard' ? env.SWITCHBOARD.getByName(target.tenantId) : env.CONVERSATION.getByName(target.conversationId);
  const headers = new Headers(request.headers);
  headers.set(attachmentHeader, JSON.stringify(target.attachment));
  return namespace.fetch(new Request(request.url, { headers }));
}

// Built once per isolate, not per request: the env a Worker gets does not change within it.
let built: { env: Env; app: Hono } | null = null;

function appFor(env: Env): Hono {
  if (built?.env !== env) {
    const app = createApp({
      actors: workerActors(env),
      tokens: workerTokens(env),
      relayAvailable: workerIce(env).turnSecret !== null,
      // Cloudflare sets it to the visitor's address, replacing any the client sent.
      clientAddress: (c) => c.req.header('CF-Connecting-IP') ?? 'unknown',
      connect: (c, target) => connect(env, c.req.raw, target),
    });
    app.get('/', (c) => c.redirect('/demo/'));
    // Browsers ask every page's origin for one; the demo has none, and a 404 would show in its console on every load.
    app.get('/favicon.ico', (c) => c.body(null, 204));
    app.get('/demo', (c) => c.redirect('/demo/'));
    app.get('/demo/', (c) => c.html(demoPage.replaceAll('{{ORIGIN}}', new URL(c.req.url).origin)));
    built = { env, app };
  }
  return built.app;
}

// A Worker has no start to stop: a setting it cannot use answers every
// request 503 with the line `npm start` would stop with, and logs it. The
// settings are read once per env, as the app is built once.
let checked: { env: Env; problem: string | null } | null = null;

function settingsProblem(env: Env): string | null {
  if (checked?.env !== env) {
    let problem: string | null = null;
    try {
      workerContext(env);
      visitorSessionsPerMinute(env);
      originsSetting('BECKON_DEMO_ORIGINS', env.BECKON_DEMO_ORIGINS);
      webhookFromSettings(env.BECKON_DEMO_WEBHOOK_URL, env.BECKON_DEMO_WEBHOOK_SECRET);
    } catch (error) {
      problem = `Beckon could not start: ${(error as Error).message}`;
    }
    checked = { env, problem };
  }
  return checked.problem;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const problem = settingsProblem(env);
    if (problem) {
      console.error(problem);
      return new ApiError(503, 'unavailable', problem).toResponse();
    }
    await seedDemoOnce(env, new URL(request.url).origin);
    return appFor(env).fetch(request, env);
  },
} satisfies ExportedHandler<Env>;
