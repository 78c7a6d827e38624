// A tenant's blocked visitors: an agent blocks the visitor of a contact, and
// the address they came from (and, for a customer the site verified, their
// customer id) opens no session, and neither it nor the session they had
// starts a conversation, until the block runs out or an admin lifts it. A contact keeps its visitor's address only
// for a few days, for this alone.
import { visitorAddressKeptDays, type NewVisitorBlock, type VisitorBlock } from '@beckon/protocol';
import type { Storage } from '../storage/storage.ts';

interface BlockRow { id: string; visitor: string; contact_id: string | null; reason: string; blocked_by: string; created_at: number; expires_at: number }

const dayMs = 86_400_000;
/** What a block calls its visitor once their contact is deleted. */
const deletedContactsVisitor = "A deleted contact's visitor";
const addressKeptMs = visitorAddressKeptDays * dayMs;
// Addresses are forgotten an hour's worth at a time, not at one alarm per contact.
const forgetEveryMs = 3_600_000;

export class VisitorBlocks {
  #storage: Storage;
  #now: () => number;

  constructor(storage: Storage, now: () => number) {
    this.#storage = storage;
    this.#now = now;
  }

  /**
   * Whether a block holds the address, the verified customer or the visitor's session now.
   * @example blocks.holds('203.0.113.7', 'c_42', visitorId) // false
   */
  holds(address: string | null, customerId: string | null, visitorId: string | null = null): boolean {
    return this.#storage.exec(
      'SELECT 1 FROM visitor_blocks WHERE (address = ? OR customer_id = ? OR visitor_id = ?) AND expires_at > ? LIMIT 1', address, customerId, visitorId, this.#now(),
    ).length > 0;
  }

  /**
   * Blocks the visitor of a contact from the address the contact kept, in
   * place of that visitor's block before, if any; `no_address` once the contact no longer keeps it (or never knew it).
   * @example blocks.add({ id: contactId, visitor_label: 'Visitor 4F2A' }, 'Alex', { days: 7, reason: 'Abusive' }).expiresAt
   */
  add(contact: { id: string; visitor_label: string }, blockedBy: string, block: NewVisitorBlock): VisitorBlock | 'no_address' {
    const [kept] = this.#storage.exec<{ visitor_address: string | null; customer_id: string | null; visitor_id: string }>(
      'SELECT visitor_address, customer_id, visitor_id FROM contacts WHERE id = ?', contact.id,
    );
    if (!kept?.visitor_address) return 'no_address';
    const now = this.#now();
    const row: BlockRow = {
      id: crypto.randomUUID(), visitor: contact.visitor_label, contact_id: contact.id, reason: block.reason, blocked_by: blockedBy, created_at: now, expires_at: now + block.days * dayMs,
    };
    // One block per visitor: blocking them again, from this contact or another
    // of their session (or of the same verified customer), replaces their block,
    // so no agent can fill the tenant's storage (and the Admin page) with
    // copies, and Unblock lifts it at once.
    this.#storage.transaction(() => {
      this.#storage.exec('DELETE FROM visitor_blocks WHERE contact_id = ? OR visitor_id = ? OR customer_id = ?', contact.id, kept.visitor_id, kept.customer_id);
      this.#storage.exec(
        'INSERT INTO visitor_blocks (id, address, customer_id, visitor_id, visitor, contact_id, reason, blocked_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        row.id, kept.visitor_address, kept.customer_id, kept.visitor_id, row.visitor, row.contact_id, row.reason, row.blocked_by, row.created_at, row.expires_at,
      );
    });
    return blockOf(row);
  }

  /**
   * The blocks that hold now, newest first.
   * @example blocks.list()[0]?.visitor // 'Visitor 4F2A'
   */
  list(): VisitorBlock[] {
    return this.#storage.exec<BlockRow>('SELECT * FROM visitor_blocks WHERE expires_at > ? ORDER BY created_at DESC, id', this.#now()).map(blockOf);
  }

  /**
   * Lifts a block; false when the tenant has no such block.
   * @example blocks.remove(id) // true
   */
  remove(id: string): boolean {
    return this.#storage.exec('DELETE FROM visitor_blocks WHERE id = ? RETURNING id', id).length > 0;
  }

  /**
   * A deleted contact's blocks go on, no longer pointing at it nor naming its
   * visitor (a verified customer's name): nothing of the contact is listed.
   * @example blocks.contactDeleted(contactId);
   */
  contactDeleted(contactId: string): void {
    this.#storage.exec('UPDATE visitor_blocks SET contact_id = NULL, visitor = ? WHERE contact_id = ?', deletedContactsVisitor, contactId);
  }

  /**
   * Forgets blocks that ran out and the addresses contacts no longer need to keep.
   * @example blocks.forgetExpired(now);
   */
  forgetExpired(now: number): void {
    this.#storage.exec('DELETE FROM visitor_blocks WHERE expires_at <= ?', now);
    this.#storage.exec('UPDATE contacts SET visitor_address = NULL WHERE visitor_address IS NOT NULL AND created_at <= ?', now - addressKeptMs);
  }

  /**
   * When `forgetExpired` has something to do next; null when never.
   * @example host.setAlarm(blocks.nextDue());
   */
  nextDue(): number | null {
    const [row] = this.#storage.exec<{ at: number | null }>(
      `SELECT MIN(at) AS at FROM (
         SELECT MIN(expires_at) AS at FROM visitor_blocks
         UNION ALL SELECT MIN(created_at) + ? FROM contacts WHERE visitor_address IS NOT NULL
       )`,
      addressKeptMs + forgetEveryMs,
    );
    return row?.at ?? null;
  }
}

function blockOf(row: BlockRow): VisitorBlock {
  return { id: row.id, visitor: row.visitor, contactId: row.contact_id, reason: row.reason, blockedBy: row.blocked_by, createdAt: row.created_at, expiresAt: row.expires_at };
}
