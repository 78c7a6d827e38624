// A call's recordings on real SQLite with the conversation's own migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingLimits } from '@beckon/protocol';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readMigrations } from '../runtime/node/migrations.ts';
import { openSqlite, type SqliteStorage } from '../runtime/node/sqlite.ts';
import { migrate } from '../storage/storage.ts';
import { CallRecordings } from './call-recordings.ts';

let dir: string;
let storage: SqliteStorage;
let recordings: CallRecordings;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-recordings-'));
  storage = openSqlite(join(dir, 'conversation.sqlite'));
  migrate(storage, readMigrations('conversation'));
  recordings = new CallRecordings(storage);
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

it('numbers the recordings of a call and keeps each one to the agent who began it', () => {
  expect(recordings.begin('alex', 1000)).toBe(1);
  expect(recordings.begin('sam', 2000)).toBe(2);
  expect(recordings.add(2, 'alex', 0, new Uint8Array([1]))).toBe('not_found');
  expect(recordings.add(2, 'sam', 0, new Uint8Array([1]))).toBe('saved');
  // A recording with nothing in it (a console that closed at once) is not listed.
  expect(recordings.list()).toEqual([{ segment: 2, startedAt: 2000, bytes: 1 }]);
  expect(recordings.file(1)).toBeNull();
});

it('begins no more recordings than a call may have, whoever asks', () => {
  for (let n = 1; n <= recordingLimits.maxPerCall; n++) expect(recordings.begin(n % 2 ? 'alex' : 'sam', n)).toBe(n);
  expect(recordings.begin('alex', 1000)).toBe('too_many');
  expect(recordings.begin('kim', 1000)).toBe('too_many');
});

it('refuses a part over the limit, and parts past what one call may keep', () => {
  const segment = recordings.begin('alex', 1000) as number;
  expect(recordings.add(segment, 'alex', 0, new Uint8Array(recordingLimits.maxPartBytes + 1))).toBe('too_large');
  const part = new Uint8Array(recordingLimits.maxPartBytes);
  const fit = Math.floor(recordingLimits.maxCallBytes / part.length);
  for (let n = 0; n < fit; n++) expect(recordings.add(segment, 'alex', n, part)).toBe('saved');
  expect(recordings.add(segment, 'alex', fit, new Uint8Array(recordingLimits.maxCallBytes - fit * part.length + 1))).toBe('too_large');
  expect(recordings.list()).toEqual([{ segment, startedAt: 1000, bytes: fit * part.length }]);
});
