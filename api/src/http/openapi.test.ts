import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokens, generateSigningKeys } from '../auth/tokens.ts';
import { noIceServers } from '../auth/turn.ts';
import { createNodeActors } from '../runtime/node/actors.ts';
import { defaultWebhookRetry } from '../webhooks/outbox.ts';
import { createApp } from './app.ts';
import { openApiDocument } from './openapi.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'beckon-openapi-'));
const tokens = await createTokens(await generateSigningKeys());
const actors = createNodeActors({ dataDir, tokens, ringTimeoutMs: 30_000, reconnectGraceMs: 15_000, wrapUpMs: 30_000, ice: noIceServers, webhookRetry: defaultWebhookRetry });
const app = createApp({ actors, tokens, relayAvailable: false, clientAddress: () => '127.0.0.1', connect: () => new Response(null, { status: 500 }) });

afterAll(() => {
  actors.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Middleware is registered for every method (ALL); routes have one each.
const routes = app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
const documented = Object.entries(openApiDocument.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));

describe('the OpenAPI document', () => {
  it('describes every route of the app', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('describes no route the app does not have', () => {
    expect(documented.filter((operation) => !routes.includes(operation))).toEqual([]);
  });

  it('names only schemas and responses it defines', () => {
    const text = JSON.stringify(openApiDocument);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/(schemas|responses)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(50);
    for (const [, kind, name] of refs) expect(openApiDocument.components[kind as 'schemas' | 'responses'], `${kind}/${name}`).toHaveProperty(name!);
  });

  it('is served by the app as JSON', async () => {
    const response = await app.request('/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ openapi: '3.1.0', paths: { '/v1/admin/agents': { post: { tags: ['Admin'] } } } });
  });
});
