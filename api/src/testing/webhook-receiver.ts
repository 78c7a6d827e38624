// A tenant's webhook endpoint for tests: a real HTTP server on loopback that
// keeps every request and fails the first attempts of chosen events.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, as it arrived. */
export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; createdAt: number; tenantId: string; data: Record<string, any> };
  /** What the receiver answered, and when (ms since the epoch). */
  status: number;
  at: number;
}

/**
 * Starts a receiver on 127.0.0.1; a request whose body contains a string given to
 * `failFirst` is answered 500 that many times, then 200 like every other.
 * @example const receiver = await startWebhookReceiver(); receiver.failFirst('flaky', 2); await receiver.next((w) => w.event.type === 'contact.created');
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const failures = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const marker = [...failures.keys()].find((key) => body.includes(key) && failures.get(key)! > 0);
      const status = marker ? 500 : 200;
      if (marker) failures.set(marker, failures.get(marker)! - 1);
      received.push({ headers: request.headers, body, event: JSON.parse(body), status, at: Date.now() });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/beckon`,
    received,
    failFirst(marker: string, times: number) {
      failures.set(marker, times);
    },
    /** Waits for a request that matches and was answered 200. */
    async next(matches: (webhook: ReceivedWebhook) => boolean, timeoutMs = 10_000): Promise<ReceivedWebhook> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((webhook) => webhook.status === 200 && matches(webhook));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching webhook within ${timeoutMs} ms; got ${received.map((w) => w.event.type).join(', ')}`);
        await new Promise((wait) => setTimeout(wait, 50));
      }
    },
    stop: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
