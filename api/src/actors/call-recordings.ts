// A call's recordings of its sound, kept by its conversation. The agent's
// console records and sends each recording in parts as it goes, so a console
// that closes loses only its last few seconds; parts come in order, and one
// sent again (its answer was lost) is taken once.
import { recordingLimits, type Recording } from '@beckon/protocol';
import type { Storage } from '../storage/storage.ts';

interface RecordingRow { segment: number; agent_id: string; started_at: number; parts: number; bytes: number }

export type PartResult = 'saved' | 'not_found' | 'out_of_order' | 'too_large';

export class CallRecordings {
  #storage: Storage;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  /**
   * Begins a recording by an agent's console; answers its number, or
   * `too_many` once the call has as many as it may (a console that keeps beginning them).
   * @example recordings.begin('agent-1', Date.now()) // 1
   */
  begin(agentId: string, now: number): number | 'too_many' {
    const [count] = this.#storage.exec<{ recordings: number }>('SELECT COUNT(*) AS recordings FROM recordings');
    if (count!.recordings >= recordingLimits.maxPerCall) return 'too_many';
    const [row] = this.#storage.exec<{ segment: number }>(
      'INSERT INTO recordings (segment, agent_id, started_at) SELECT COALESCE(MAX(segment), 0) + 1, ?, ? FROM recordings RETURNING segment', agentId, now,
    );
    return row!.segment;
  }

  /**
   * Adds part `part` (from 0) of a recording the agent began: `out_of_order`
   * when parts before it are missing, `too_large` past the call's limit.
   * @example recordings.add(1, 'agent-1', 0, bytes) // 'saved'
   */
  add(segment: number, agentId: string, part: number, data: Uint8Array): PartResult {
    const [recording] = this.#storage.exec<RecordingRow>('SELECT * FROM recordings WHERE segment = ? AND agent_id = ?', segment, agentId);
    if (!recording) return 'not_found';
    if (part < recording.parts) return 'saved';
    if (part > recording.parts) return 'out_of_order';
    const [total] = this.#storage.exec<{ bytes: number }>('SELECT COALESCE(SUM(bytes), 0) AS bytes FROM recordings');
    if (data.length > recordingLimits.maxPartBytes || total!.bytes + data.length > recordingLimits.maxCallBytes) return 'too_large';
    this.#storage.transaction(() => {
      this.#storage.exec('INSERT INTO recording_parts (segment, part, data) VALUES (?, ?, ?)', segment, part, data);
      this.#storage.exec('UPDATE recordings SET parts = parts + 1, bytes = bytes + ? WHERE segment = ?', data.length, segment);
    });
    return 'saved';
  }

  /**
   * The recordings that have any sound in them, in the order they began.
   * @example recordings.list() // [{ segment: 1, startedAt: 1700000000000, bytes: 48213 }]
   */
  list(): Recording[] {
    return this.#storage
      .exec<RecordingRow>('SELECT * FROM recordings WHERE bytes > 0 ORDER BY segment')
      .map((row) => ({ segment: row.segment, startedAt: row.started_at, bytes: row.bytes }));
  }

  /**
   * One recording's file (`audio/webm`), its parts put together; null when there is none.
   * @example recordings.file(1)?.length // 48213
   */
  file(segment: number): Uint8Array | null {
    const parts = this.#storage
      .exec<{ data: ArrayBuffer | Uint8Array }>('SELECT data FROM recording_parts WHERE segment = ? ORDER BY part', segment)
      .map(({ data }) => new Uint8Array(data));
    if (!parts.length) return null;
    const file = new Uint8Array(parts.reduce((size, data) => size + data.length, 0));
    let at = 0;
    for (const data of parts) {
      file.set(data, at);
      at += data.length;
    }
    return file;
  }
}
