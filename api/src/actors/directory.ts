// The directory: which tenant a widget key or an agent's email belongs to,
// which page origins may embed a tenant's widget, and whether its calls must
// go through the TURN relay. Every sign-in and every visitor's session asks it
// first, so it also keeps count of wrong passwords (for every email alike) and
// of visitors' sessions and conversations. It keeps each tenant's identity
// secret too, and checks the identity tokens signed with it.
import { limits, type Customer, type IdentitySecret, type NewIdentitySecretResponse, type WidgetKey } from '@beckon/protocol';
import { verifyIdentityToken } from '../auth/identity.ts';
import { randomSecret } from '../auth/passwords.ts';
import { SignInThrottle } from '../auth/sign-in-throttle.ts';
import { RateLimiter } from '../rate-limit/rate-limit.ts';
import type { Storage } from '../storage/storage.ts';

/** `identitySecretSince`: when the tenant's identity secret was made; null when it has none. */
export interface WidgetKeyEntry { tenantId: string; allowedOrigins: string[]; identitySecretSince: number | null }

/** How long a rotated widget key keeps working, so pages still carrying it (caches, a slow deploy) keep their widget. */
export const widgetKeyOverlapMs = 60 * 60_000;

interface WidgetKeyRow { id: string; key: string; label: string; created_at: number; expires_at: number | null }

/** A widget key made just now: the only time the key itself leaves the directory. */
export interface NewWidgetKey { widgetKey: WidgetKey; key: string }

/** What a visitor does that counts against a limit: open a session (per client address), or start a conversation (per session). */
export type VisitorAction = 'session' | 'contact';

export class Directory {
  #storage: Storage;
  #now: () => number;
  // Every sign-in, visitor session and contact passes the directory, on both
  // hosts, so it is where they are counted. In memory: a restart forgets the counts.
  #signIns: SignInThrottle;
  #visitorLimits: Record<VisitorAction, RateLimiter>;

  constructor(storage: Storage, now: () => number = Date.now, visitorSessionsPerMinute: number = limits.visitorSessionsPerMinute) {
    this.#storage = storage;
    this.#now = now;
    this.#signIns = new SignInThrottle(now);
    this.#visitorLimits = {
      session: new RateLimiter({ max: visitorSessionsPerMinute, windowMs: 60_000 }),
      contact: new RateLimiter(limits.contactsPerVisitorSession),
    };
  }

  /**
   * Counts a visitor's session (`client`: their address) or new conversation
   * (`client`: their visitor id) when its limit allows: null; otherwise the
   * ms until it will.
   * @example await directory.admitVisitor('session', '203.0.113.7') // null
   */
  async admitVisitor(action: VisitorAction, client: string): Promise<number | null> {
    return this.#visitorLimits[action].take(client, this.#now());
  }

  /**
   * Starts a sign-in to an email from a client address, counted as failed
   * until `signInSucceeded`. Answers how long (ms) it must wait after too many
   * failed ones, or 0 when its password may be checked now. Any email, an
   * agent's or not, is held back alike.
   * @example await directory.signInAttempt('ada@example.com', '203.0.113.7') // 0
   */
  async signInAttempt(email: string, client: string): Promise<number> {
    return this.#signIns.attempt(email, client);
  }

  /**
   * Forgets an email's failed sign-ins from a client address once the right password came from there.
   * @example await directory.signInSucceeded('ada@example.com', '203.0.113.7');
   */
  async signInSucceeded(email: string, client: string): Promise<void> {
    this.#signIns.succeeded(email, client);
  }

  /**
   * Creates a tenant with its widget key, or updates its name and adds the
   * given origins to those it allows. `relayOnly: true` turns the relay-only
   * policy on; otherwise the tenant keeps its own setting (off when new).
   * @example await directory.ensureTenant({ id: 'demo', name: 'Demo', widgetKey: 'demo', allowedOrigins: ['http://127.0.0.1:8787'], relayOnly: true });
   */
  async ensureTenant(tenant: { id: string; name: string; widgetKey: string; allowedOrigins: string[]; relayOnly?: boolean }): Promise<void> {
    this.#storage.transaction(() => {
      const origins = new Set([...(this.#origins(tenant.id) ?? []), ...tenant.allowedOrigins]);
      this.#storage.exec(
        `INSERT INTO tenants (id, name, allowed_origins, relay_only, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, allowed_origins = excluded.allowed_origins, relay_only = MAX(relay_only, excluded.relay_only)`,
        tenant.id, tenant.name, JSON.stringify([...origins]), tenant.relayOnly ? 1 : 0, this.#now(),
      );
      this.#storage.exec(
        "INSERT OR IGNORE INTO widget_keys (key, tenant_id, id, label, created_at) VALUES (?, ?, ?, 'Widget key', ?)",
        tenant.widgetKey, tenant.id, keyId(), this.#now(),
      );
    });
  }

  /**
   * Whether the tenant exists: a tenant named by a client (in front of a refresh token or an invite link) is checked here before anything of theirs is opened.
   * @example await directory.hasTenant('demo') // true
   */
  async hasTenant(tenantId: string): Promise<boolean> {
    return this.#storage.exec('SELECT 1 FROM tenants WHERE id = ?', tenantId).length > 0;
  }

  /**
   * Records which tenant an agent's email signs in to.
   * @example await directory.addAgentLogin('agent@demo.test', 'demo');
   */
  async addAgentLogin(email: string, tenantId: string): Promise<void> {
    this.#storage.exec('INSERT OR REPLACE INTO agent_logins (email, tenant_id) VALUES (?, ?)', email, tenantId);
  }

  /**
   * Reserves an email for a tenant's agent; false when it already signs in to another tenant.
   * @example await directory.claimAgentLogin('ada@example.com', 'acme') // true
   */
  async claimAgentLogin(email: string, tenantId: string): Promise<boolean> {
    this.#storage.exec('INSERT OR IGNORE INTO agent_logins (email, tenant_id) VALUES (?, ?)', email, tenantId);
    return (await this.tenantOfAgent(email)) === tenantId;
  }

  /**
   * Frees a removed agent's email, if it is this tenant's.
   * @example await directory.releaseAgentLogin('ada@example.com', 'acme');
   */
  async releaseAgentLogin(email: string, tenantId: string): Promise<void> {
    this.#storage.exec('DELETE FROM agent_logins WHERE email = ? AND tenant_id = ?', email, tenantId);
  }

  /**
   * The tenant behind a widget key, or null for an unknown, revoked or expired key.
   * @example await directory.widgetKey('demo') // { tenantId: 'demo', allowedOrigins: [...], identitySecretSince: null }
   */
  async widgetKey(key: string): Promise<WidgetKeyEntry | null> {
    const [row] = this.#storage.exec<{ tenant_id: string; allowed_origins: string; identity_secret_created_at: number | null }>(
      `SELECT k.tenant_id, t.allowed_origins, t.identity_secret_created_at FROM widget_keys k JOIN tenants t ON t.id = k.tenant_id
       WHERE k.key = ? AND (k.expires_at IS NULL OR k.expires_at > ?)`,
      key, this.#now(),
    );
    return row ? { tenantId: row.tenant_id, allowedOrigins: JSON.parse(row.allowed_origins) as string[], identitySecretSince: row.identity_secret_created_at } : null;
  }

  /**
   * The tenant an agent's email belongs to, or null.
   * @example await directory.tenantOfAgent('agent@demo.test') // 'demo'
   */
  async tenantOfAgent(email: string): Promise<string | null> {
    const [row] = this.#storage.exec<{ tenant_id: string }>('SELECT tenant_id FROM agent_logins WHERE email = ?', email);
    return row?.tenant_id ?? null;
  }

  /**
   * Whether the tenant's calls must use the TURN relay only; false for an unknown tenant.
   * @example await directory.relayOnly('demo') // false
   */
  async relayOnly(tenantId: string): Promise<boolean> {
    const [row] = this.#storage.exec<{ relay_only: number }>('SELECT relay_only FROM tenants WHERE id = ?', tenantId);
    return row?.relay_only === 1;
  }

  /**
   * Turns the tenant's relay-only policy on or off; calls that have started keep theirs.
   * @example await directory.setRelayOnly('demo', true);
   */
  async setRelayOnly(tenantId: string, relayOnly: boolean): Promise<void> {
    this.#storage.exec('UPDATE tenants SET relay_only = ? WHERE id = ?', relayOnly ? 1 : 0, tenantId);
  }

  /**
   * The page origins allowed to use the tenant's widget keys.
   * @example await directory.allowedOrigins('demo') // ['http://127.0.0.1:8787']
   */
  async allowedOrigins(tenantId: string): Promise<string[]> {
    return this.#origins(tenantId) ?? [];
  }

  /**
   * Allows one more origin (already allowed is fine) and returns the list.
   * @example await directory.addAllowedOrigin('demo', 'https://shop.example') // [..., 'https://shop.example']
   */
  async addAllowedOrigin(tenantId: string, origin: string): Promise<string[]> {
    return this.#storage.transaction(() => {
      const origins = this.#origins(tenantId) ?? [];
      if (!origins.includes(origin)) origins.push(origin);
      this.#storage.exec('UPDATE tenants SET allowed_origins = ? WHERE id = ?', JSON.stringify(origins), tenantId);
      return origins;
    });
  }

  /**
   * Stops allowing an origin and returns the list; null when it was not allowed.
   * @example await directory.removeAllowedOrigin('demo', 'https://shop.example') // [...]
   */
  async removeAllowedOrigin(tenantId: string, origin: string): Promise<string[] | null> {
    return this.#storage.transaction(() => {
      const origins = this.#origins(tenantId) ?? [];
      if (!origins.includes(origin)) return null;
      const left = origins.filter((allowed) => allowed !== origin);
      this.#storage.exec('UPDATE tenants SET allowed_origins = ? WHERE id = ?', JSON.stringify(left), tenantId);
      return left;
    });
  }

  /**
   * The tenant's widget keys that still work, oldest first; rotated keys past their overlap are dropped.
   * @example (await directory.widgetKeys('demo'))[0]?.preview // 'de…'
   */
  async widgetKeys(tenantId: string): Promise<WidgetKey[]> {
    this.#storage.exec('DELETE FROM widget_keys WHERE tenant_id = ? AND expires_at <= ?', tenantId, this.#now());
    return this.#storage
      .exec<WidgetKeyRow>('SELECT * FROM widget_keys WHERE tenant_id = ? ORDER BY created_at, id', tenantId)
      .map(widgetKeyOf);
  }

  /**
   * Makes a new widget key for the tenant.
   * @example const { key } = await directory.createWidgetKey('demo', 'Main site'); // 'wk_…'
   */
  async createWidgetKey(tenantId: string, label: string): Promise<NewWidgetKey> {
    return this.#insertKey(tenantId, label);
  }

  /**
   * Replaces a key with a new one of the same label; the old one keeps working for `widgetKeyOverlapMs`.
   * @example await directory.rotateWidgetKey('demo', keyId) // { widgetKey, key, previous: { …, expiresAt } }
   */
  async rotateWidgetKey(tenantId: string, id: string): Promise<(NewWidgetKey & { previous: WidgetKey }) | 'not_found' | 'already_rotated'> {
    const [old] = this.#storage.exec<WidgetKeyRow>(
      'SELECT * FROM widget_keys WHERE tenant_id = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)', tenantId, id, this.#now(),
    );
    if (!old) return 'not_found';
    if (old.expires_at !== null) return 'already_rotated';
    return this.#storage.transaction(() => {
      const expiresAt = this.#now() + widgetKeyOverlapMs;
      this.#storage.exec('UPDATE widget_keys SET expires_at = ? WHERE id = ?', expiresAt, id);
      return { ...this.#insertKey(tenantId, old.label), previous: widgetKeyOf({ ...old, expires_at: expiresAt }) };
    });
  }

  /**
   * Stops a key at once, rotated or not; false when the tenant has no such key.
   * @example await directory.revokeWidgetKey('demo', keyId) // true
   */
  async revokeWidgetKey(tenantId: string, id: string): Promise<boolean> {
    return this.#storage.exec('DELETE FROM widget_keys WHERE tenant_id = ? AND id = ? RETURNING id', tenantId, id).length > 0;
  }

  /**
   * The tenant's identity secret as lists show it (its first characters), or null when none is set.
   * @example await directory.identitySecret('demo') // { preview: 'ids_Q3…', createdAt: 1764100000000 }
   */
  async identitySecret(tenantId: string): Promise<IdentitySecret | null> {
    const [row] = this.#storage.exec<IdentitySecretRow>(
      'SELECT identity_secret, identity_secret_created_at FROM tenants WHERE id = ? AND identity_secret IS NOT NULL', tenantId,
    );
    return row ? identitySecretOf(row) : null;
  }

  /**
   * Makes the tenant's identity secret, in place of the one before if any:
   * tokens signed with that one are refused from now on.
   * @example const { secret } = await directory.makeIdentitySecret('demo'); // 'ids_…'
   */
  async makeIdentitySecret(tenantId: string): Promise<NewIdentitySecretResponse> {
    const row: IdentitySecretRow = { identity_secret: `ids_${randomSecret(32)}`, identity_secret_created_at: this.#now() };
    this.#storage.exec('UPDATE tenants SET identity_secret = ?, identity_secret_created_at = ? WHERE id = ?', row.identity_secret, row.identity_secret_created_at, tenantId);
    return { identitySecret: identitySecretOf(row), secret: row.identity_secret };
  }

  /**
   * Removes the tenant's identity secret: no visitor is verified until a new one is made. False when none was set.
   * @example await directory.removeIdentitySecret('demo') // true
   */
  async removeIdentitySecret(tenantId: string): Promise<boolean> {
    return this.#storage.exec(
      'UPDATE tenants SET identity_secret = NULL, identity_secret_created_at = NULL WHERE id = ? AND identity_secret IS NOT NULL RETURNING id', tenantId,
    ).length > 0;
  }

  /**
   * The customer an identity token signed with the tenant's secret vouches
   * for, or why it is refused (also when the tenant has no secret). The
   * secret is checked here so that it never leaves the directory.
   * @example await directory.verifyIdentity('demo', token) // { id: 'c_42', name: 'Ada Lovelace', email: 'ada@example.com' }
   */
  async verifyIdentity(tenantId: string, token: string): Promise<Customer | string> {
    const [row] = this.#storage.exec<{ identity_secret: string | null }>('SELECT identity_secret FROM tenants WHERE id = ?', tenantId);
    if (!row?.identity_secret) return 'This site has no identity secret, so visitors cannot be verified; an admin makes one in the agent console (Admin, Identity verification).';
    return verifyIdentityToken(token, row.identity_secret, this.#now());
  }

  #insertKey(tenantId: string, label: string): NewWidgetKey {
    const row: WidgetKeyRow = { id: keyId(), key: `wk_${randomSecret(18)}`, label, created_at: this.#now(), expires_at: null };
    this.#storage.exec(
      'INSERT INTO widget_keys (key, tenant_id, id, label, created_at) VALUES (?, ?, ?, ?, ?)',
      row.key, tenantId, row.id, row.label, row.created_at,
    );
    return { widgetKey: widgetKeyOf(row), key: row.key };
  }

  #origins(tenantId: string): string[] | null {
    const [row] = this.#storage.exec<{ allowed_origins: string }>('SELECT allowed_origins FROM tenants WHERE id = ?', tenantId);
    return row ? (JSON.parse(row.allowed_origins) as string[]) : null;
  }
}

function keyId(): string {
  return randomSecret(8);
}

interface IdentitySecretRow { identity_secret: string; identity_secret_created_at: number }

function identitySecretOf(row: IdentitySecretRow): IdentitySecret {
  return { preview: `${row.identity_secret.slice(0, 7)}…`, createdAt: row.identity_secret_created_at };
}

// Enough of the key to tell keys apart, never enough to be the key.
function widgetKeyOf(row: WidgetKeyRow): WidgetKey {
  const shown = Math.min(7, Math.floor(row.key.length / 2));
  return { id: row.id, preview: `${row.key.slice(0, shown)}…`, label: row.label, createdAt: row.created_at, expiresAt: row.expires_at };
}
