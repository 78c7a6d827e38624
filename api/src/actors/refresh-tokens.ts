// An agent's refresh tokens, kept by their hash in the switchboard's storage.
// Each works once; its successor joins the same family (every token that
// descends from one sign-in). A spent token presented again means two
// parties hold it, one of whom stole it, and the whole family ends. Presented
// again within a short grace it is the agent's own second console tab (a
// duplicated tab refreshes at the same moment) or a retry after a lost answer:
// it gets a successor too.
import type { Storage } from '../storage/storage.ts';

/** How long after its use a spent token still gets a successor rather than ending its family. */
export const refreshReuseGraceMs = 30_000;

/** The agent a refresh token was spent for, and the family its successor joins. */
export interface SpentRefreshToken { agentId: string; family: string }

interface RefreshTokenRow { agent_id: string; expires_at: number; family_id: string; used_at: number | null }

export class RefreshTokens {
  #storage: Storage;
  #now: () => number;

  constructor(storage: Storage, now: () => number) {
    this.#storage = storage;
    this.#now = now;
  }

  /**
   * Remembers a token (by its hash) for an agent, in the family of the sign-in it descends from.
   * @example tokens.save(agentId, await sha256(token), Date.now() + 86_400_000, family);
   */
  save(agentId: string, tokenHash: string, expiresAt: number, family: string): void {
    this.#storage.exec('DELETE FROM refresh_tokens WHERE expires_at < ?', this.#now());
    this.#storage.exec(
      'INSERT INTO refresh_tokens (token_hash, agent_id, expires_at, family_id) VALUES (?, ?, ?, ?)',
      tokenHash, agentId, expiresAt, family,
    );
  }

  /**
   * Spends a token: who it was for and its family, or null for one that is
   * unknown, expired, or spent before the grace (which ends its family).
   * @example tokens.spend(hash) // { agentId, family } or null
   */
  spend(tokenHash: string): SpentRefreshToken | null {
    return this.#storage.transaction(() => {
      const [row] = this.#storage.exec<RefreshTokenRow>('SELECT agent_id, expires_at, family_id, used_at FROM refresh_tokens WHERE token_hash = ?', tokenHash);
      const now = this.#now();
      if (!row || row.expires_at < now) return null;
      if (row.used_at !== null && now - row.used_at > refreshReuseGraceMs) {
        this.endFamily(tokenHash);
        return null;
      }
      if (row.used_at === null) this.#storage.exec('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?', now, tokenHash);
      return { agentId: row.agent_id, family: row.family_id };
    });
  }

  /**
   * Ends the session a token belongs to (signing out): every token of its family stops working. An unknown token ends nothing.
   * @example tokens.endFamily(hash);
   */
  endFamily(tokenHash: string): void {
    this.#storage.exec('DELETE FROM refresh_tokens WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)', tokenHash);
  }
}
