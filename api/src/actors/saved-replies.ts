// A tenant's saved replies: text its agents insert into their message box
// instead of typing it again. Admins keep the list; every agent reads it.
import { maxSavedReplies, type NewSavedReply, type SavedReply } from '@beckon/protocol';
import type { Storage } from '../storage/storage.ts';

export class SavedReplies {
  #storage: Storage;
  #now: () => number;

  constructor(storage: Storage, now: () => number) {
    this.#storage = storage;
    this.#now = now;
  }

  /**
   * Every saved reply, by title.
   * @example replies.list()[0] // { id: '…', title: 'Refunds', text: 'Refunds take 5 working days.' }
   */
  list(): SavedReply[] {
    return this.#storage.exec<SavedReply>('SELECT id, title, text FROM saved_replies ORDER BY title COLLATE NOCASE, created_at');
  }

  /**
   * Keeps a new reply; `full` when the tenant has as many as it may keep.
   * @example replies.add({ title: 'Refunds', text: 'Refunds take 5 working days.' }).id
   */
  add(reply: NewSavedReply): SavedReply | 'full' {
    const [{ count }] = this.#storage.exec<{ count: number }>('SELECT COUNT(*) AS count FROM saved_replies') as [{ count: number }];
    if (count >= maxSavedReplies) return 'full';
    const saved = { id: crypto.randomUUID(), ...reply };
    this.#storage.exec('INSERT INTO saved_replies (id, title, text, created_at) VALUES (?, ?, ?, ?)', saved.id, saved.title, saved.text, this.#now());
    return saved;
  }

  /**
   * Changes a reply's title or text; null when the tenant has no such reply.
   * @example replies.change(id, { text: 'Refunds take 3 working days.' })?.text
   */
  change(id: string, change: Partial<NewSavedReply>): SavedReply | null {
    const [current] = this.#storage.exec<SavedReply>('SELECT id, title, text FROM saved_replies WHERE id = ?', id);
    if (!current) return null;
    const changed = { ...current, ...change };
    this.#storage.exec('UPDATE saved_replies SET title = ?, text = ? WHERE id = ?', changed.title, changed.text, id);
    return changed;
  }

  /**
   * Deletes a reply; false when the tenant has no such reply.
   * @example replies.remove(id) // true
   */
  remove(id: string): boolean {
    return this.#storage.exec('DELETE FROM saved_replies WHERE id = ? RETURNING id', id).length > 0;
  }
}
