// The directory: which tenant a widget key or an agent's email belongs to,
// which page origins may embed a tenant's widget, and whether its calls must
// go through the TURN relay.
import type { Storage } from '../storage/storage.ts';

export interface WidgetKeyEntry { tenantId: string; allowedOrigins: string[] }

export class Directory {
  #storage: Storage;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  /**
   * Creates a tenant with its widget key, or updates its allowed origins and
   * relay-only policy (off unless given).
   * @example await directory.ensureTenant({ id: 'demo', name: 'Demo', widgetKey: 'demo', allowedOrigins: ['http://127.0.0.1:8787'], relayOnly: true });
   */
  async ensureTenant(tenant: { id: string; name: string; widgetKey: string; allowedOrigins: string[]; relayOnly?: boolean }): Promise<void> {
    this.#storage.transaction(() => {
      this.#storage.exec(
        `INSERT INTO tenants (id, name, allowed_origins, relay_only, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, allowed_origins = excluded.allowed_origins, relay_only = excluded.relay_only`,
        tenant.id, tenant.name, JSON.stringify(tenant.allowedOrigins), tenant.relayOnly ? 1 : 0, Date.now(),
      );
      this.#storage.exec('INSERT OR IGNORE INTO widget_keys (key, tenant_id) VALUES (?, ?)', tenant.widgetKey, tenant.id);
    });
  }

  /**
   * Records which tenant an agent's email signs in to.
   * @example await directory.addAgentLogin('agent@demo.test', 'demo');
   */
  async addAgentLogin(email: string, tenantId: string): Promise<void> {
    this.#storage.exec('INSERT OR REPLACE INTO agent_logins (email, tenant_id) VALUES (?, ?)', email, tenantId);
  }

  /**
   * The tenant behind a widget key, or null for an unknown key.
   * @example await directory.widgetKey('demo') // { tenantId: 'demo', allowedOrigins: [...] }
   */
  async widgetKey(key: string): Promise<WidgetKeyEntry | null> {
    const [row] = this.#storage.exec<{ tenant_id: string; allowed_origins: string }>(
      'SELECT k.tenant_id, t.allowed_origins FROM widget_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.key = ?',
      key,
    );
    return row ? { tenantId: row.tenant_id, allowedOrigins: JSON.parse(row.allowed_origins) as string[] } : null;
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
}
