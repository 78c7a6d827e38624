// The settings a tenant's switchboard keeps (relay-only lives in the
// directory, which the conversations ask). A setting the tenant has not
// chosen is the host's default, so changing BECKON_WRAP_UP_SECONDS still
// reaches every tenant that kept it.
import { limits, type DefaultedSetting, type SettingsChange, type TenantSettings } from '@beckon/protocol';
import type { Storage } from '../storage/storage.ts';

/** The settings the switchboard keeps. */
export type SwitchboardSettings = Omit<TenantSettings, 'relayOnly'>;

interface SettingsRow { wrap_up_seconds: number | null; ring_timeout_seconds: number | null; max_file_bytes: number | null; keep_contacts_days: number | null; record_calls: 0 | 1; wrap_up_reasons: string | null }

// keepContactsDays has no host default: null keeps contacts for good; recordCalls is off until an admin turns it on;
// wrapUpReasons are none until an admin names some (kept as JSON).
const columns: Record<DefaultedSetting | 'keepContactsDays' | 'recordCalls' | 'wrapUpReasons', keyof SettingsRow> = {
  wrapUpSeconds: 'wrap_up_seconds',
  ringTimeoutSeconds: 'ring_timeout_seconds',
  maxFileBytes: 'max_file_bytes',
  keepContactsDays: 'keep_contacts_days',
  recordCalls: 'record_calls',
  wrapUpReasons: 'wrap_up_reasons',
};

export class TenantSettingsStore {
  #storage: Storage;
  #defaults: Omit<SwitchboardSettings, 'keepContactsDays' | 'recordCalls' | 'wrapUpReasons'>;
  // The switchboard is the only writer, so what it last read or wrote is current.
  #current: SwitchboardSettings | null = null;

  constructor(storage: Storage, hostDefaults: { wrapUpMs: number; ringTimeoutMs: number }) {
    this.#storage = storage;
    this.#defaults = {
      wrapUpSeconds: hostDefaults.wrapUpMs / 1000,
      ringTimeoutSeconds: hostDefaults.ringTimeoutMs / 1000,
      maxFileBytes: limits.defaultMaxFileBytes,
    };
  }

  /**
   * The settings in force: the tenant's own, the host's defaults for the rest.
   * @example settings.get().ringTimeoutSeconds // 30
   */
  get(): SwitchboardSettings {
    if (!this.#current) {
      const [row] = this.#storage.exec<SettingsRow>('SELECT * FROM tenant_settings WHERE id = 1');
      this.#current = {
        wrapUpSeconds: row?.wrap_up_seconds ?? this.#defaults.wrapUpSeconds,
        ringTimeoutSeconds: row?.ring_timeout_seconds ?? this.#defaults.ringTimeoutSeconds,
        maxFileBytes: row?.max_file_bytes ?? this.#defaults.maxFileBytes,
        keepContactsDays: row?.keep_contacts_days ?? null,
        recordCalls: row?.record_calls === 1,
        wrapUpReasons: row?.wrap_up_reasons ? (JSON.parse(row.wrap_up_reasons) as string[]) : [],
      };
    }
    return this.#current;
  }

  /**
   * Keeps the settings given; null returns one to the host's default; the others stay as they are.
   * @example settings.change({ wrapUpSeconds: 60, ringTimeoutSeconds: null }).wrapUpSeconds // 60
   */
  change(change: Omit<SettingsChange, 'relayOnly'>): SwitchboardSettings {
    for (const [setting, column] of Object.entries(columns) as [keyof typeof columns, string][]) {
      const value = change[setting];
      const stored = typeof value === 'boolean' ? Number(value) : Array.isArray(value) ? JSON.stringify(value) : value;
      if (value !== undefined) this.#storage.exec(`UPDATE tenant_settings SET ${column} = ? WHERE id = 1`, stored ?? null);
    }
    this.#current = null;
    return this.get();
  }
}
