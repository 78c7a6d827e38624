// A tenant's webhook outbox: events are queued in the switchboard's SQLite,
// so they survive restarts, and sent by its alarm with exponential backoff.
import type { DeliveryStatus, WebhookDelivery, WebhookEvent } from '@beckon/protocol';
import type { Storage } from '../storage/storage.ts';
import { signedHeaders } from './signing.ts';

/** Where one tenant's events go. */
export interface WebhookEndpoint { url: string; secret: string }

/** How deliveries are retried. */
export interface WebhookRetry {
  /** The wait after the first failed attempt; each later one doubles it, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** How long one attempt waits for an answer. */
  timeoutMs: number;
}

export const defaultWebhookRetry: WebhookRetry = { firstDelayMs: 1000, maxDelayMs: 5 * 60_000, maxAttempts: 8, timeoutMs: 5000 };

interface DeliveryRow {
  id: string;
  url: string;
  event: WebhookEvent;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  response_code: number | null;
  error: string | null;
  created_at: number;
  last_attempt_at: number | null;
  next_attempt_at: number | null;
}

/** How many of the newest deliveries the log lists. */
const logLimit = 200;
/** How long a delivery that is over (delivered or failed) is kept: its body tells of visitors. */
export const deliveryKeptMs = 30 * 86_400_000;

/**
 * The wait before attempt `attempts + 1`, after `attempts` failed ones.
 * @example retryDelay(3, defaultWebhookRetry) // 4000
 */
export function retryDelay(attempts: number, retry: WebhookRetry): number {
  return Math.min(retry.firstDelayMs * 2 ** (attempts - 1), retry.maxDelayMs);
}

export class WebhookOutbox {
  #storage: Storage;
  #tenantId: string;
  #retry: WebhookRetry;
  #now: () => number;
  #stopped = new AbortController();

  constructor(tenantId: string, storage: Storage, retry: WebhookRetry, now: () => number) {
    this.#tenantId = tenantId;
    this.#storage = storage;
    this.#retry = retry;
    this.#now = now;
  }

  /**
   * Replaces the tenant's endpoints; deliveries already queued for a removed one still run their course.
   * @example outbox.setEndpoints([{ url: 'https://crm.example/hooks/beckon', secret: 'whsec_…' }]);
   */
  setEndpoints(endpoints: WebhookEndpoint[]): void {
    for (const endpoint of endpoints) {
      if (!/^https?:\/\//.test(endpoint.url)) throw new Error(`a webhook URL must be http(s): ${endpoint.url}`);
    }
    this.#storage.transaction(() => {
      this.#storage.exec('DELETE FROM webhook_endpoints');
      for (const { url, secret } of endpoints) this.#storage.exec('INSERT INTO webhook_endpoints (url, secret) VALUES (?, ?)', url, secret);
    });
  }

  /**
   * Queues one event for every endpoint, due now. Deliveries over (delivered
   * or failed) for 30 days leave the log, and the visitors' data with them.
   * @example outbox.queue('contact.created', { contact: { id } });
   */
  queue(event: WebhookEvent, data: Record<string, unknown>): void {
    const now = this.#now();
    this.#storage.exec('DELETE FROM webhook_deliveries WHERE created_at < ? AND next_attempt_at IS NULL', now - deliveryKeptMs);
    for (const { url } of this.#storage.exec<{ url: string }>('SELECT url FROM webhook_endpoints')) {
      const id = crypto.randomUUID();
      const body = JSON.stringify({ id, type: event, createdAt: now, tenantId: this.#tenantId, data });
      this.#storage.exec(
        'INSERT INTO webhook_deliveries (id, url, event, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)',
        id, url, event, body, now, now,
      );
    }
  }

  /**
   * When the next attempt is due, or null when nothing is waiting.
   * @example outbox.nextAttemptAt() // 1700000001000
   */
  nextAttemptAt(): number | null {
    const [next] = this.#storage.exec<{ at: number | null }>('SELECT MIN(next_attempt_at) AS at FROM webhook_deliveries WHERE next_attempt_at IS NOT NULL');
    return next?.at ?? null;
  }

  /**
   * Starts sending every delivery that is due, without waiting for the answers:
   * a slow endpoint must not hold up the switchboard. Each attempt is recorded
   * when it settles, and then `settled` is called to schedule the next one.
   * @example outbox.sendDue(() => armAlarm());
   */
  sendDue(settled: () => void): void {
    const now = this.#now();
    const due = this.#storage.exec<DeliveryRow>('SELECT * FROM webhook_deliveries WHERE next_attempt_at <= ?', now);
    // Held while in flight, so a second wake-up does not send it twice; if the
    // host stops before the answer is recorded, the hold runs out and it is sent again.
    for (const row of due) this.#storage.exec('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?', now + this.#retry.timeoutMs + 1000, row.id);
    for (const row of due) {
      void this.#attempt(row).then(() => {
        if (!this.#stopped.signal.aborted) settled();
      }, (error: unknown) => console.error(error));
    }
  }

  /**
   * For a host that is stopping: the attempts in flight are cut off and not
   * recorded, so their hold runs out and they are sent again after a restart.
   * @example outbox.stop(); storage.close();
   */
  stop(): void {
    this.#stopped.abort();
  }

  /**
   * The newest deliveries first.
   * @example outbox.deliveries()[0]?.status // 'delivered'
   */
  deliveries(): WebhookDelivery[] {
    return this.#storage
      .exec<DeliveryRow>(`SELECT * FROM webhook_deliveries ORDER BY created_at DESC, rowid DESC LIMIT ${logLimit}`)
      .map((row) => ({
        id: row.id,
        event: row.event,
        url: row.url,
        status: row.status,
        attempts: row.attempts,
        responseCode: row.response_code,
        error: row.error,
        createdAt: row.created_at,
        lastAttemptAt: row.last_attempt_at,
        nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
      }));
  }

  async #attempt(row: DeliveryRow): Promise<void> {
    const [endpoint] = this.#storage.exec<WebhookEndpoint>('SELECT * FROM webhook_endpoints WHERE url = ?', row.url);
    const attempts = row.attempts + 1;
    let responseCode: number | null = null;
    let error: string | null = null;
    if (!endpoint) {
      error = 'The endpoint was removed.';
    } else {
      try {
        const response = await fetch(row.url, {
          method: 'POST',
          headers: await signedHeaders(endpoint.secret, row.body, this.#now()),
          body: row.body,
          redirect: 'manual',
          signal: AbortSignal.any([AbortSignal.timeout(this.#retry.timeoutMs), this.#stopped.signal]),
        });
        responseCode = response.status;
        await response.body?.cancel();
      } catch (failure) {
        error = failure instanceof Error && failure.name === 'TimeoutError' ? 'No answer in time.' : 'Could not connect.';
      }
    }
    if (this.#stopped.signal.aborted) return;
    const delivered = responseCode !== null && responseCode >= 200 && responseCode < 300;
    const givenUp = !delivered && (!endpoint || attempts >= this.#retry.maxAttempts);
    const now = this.#now();
    this.#storage.exec(
      `UPDATE webhook_deliveries SET status = ?, attempts = ?, response_code = ?, error = ?, last_attempt_at = ?, next_attempt_at = ? WHERE id = ?`,
      delivered ? 'delivered' : givenUp ? 'failed' : 'pending', attempts, responseCode, error, now,
      delivered || givenUp ? null : now + retryDelay(attempts, this.#retry), row.id,
    );
  }
}

/**
 * The endpoint a host's settings name, if any; a URL needs a secret to sign
 * with. Checked before the host starts, so that what is wrong names the setting.
 * @example webhookFromSettings('https://crm.example/hooks/beckon', 'whsec_…') // { url, secret }
 */
export function webhookFromSettings(url: string | undefined, secret: string | undefined): WebhookEndpoint | undefined {
  if (!url) return undefined;
  if (!/^https?:\/\//.test(url)) throw new Error(`BECKON_DEMO_WEBHOOK_URL must be an http:// or https:// URL, not "${url}"`);
  if (!secret) throw new Error('a webhook URL needs a secret to sign with (BECKON_DEMO_WEBHOOK_SECRET)');
  return { url, secret };
}
