import { describe, expect, it } from 'vitest';
import { readRememberedCall, rememberedCallKey, writeRememberedCall, type RememberedCall } from './remembered-call.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const call: RememberedCall = { conversationId: 'c1', token: 't', media: 'video', expiresAt: 2_000 };

describe('the remembered call', () => {
  it('is kept per widget key until it expires, then forgotten', () => {
    const storage = memoryStorage();
    writeRememberedCall(storage, 'demo', call);
    expect(readRememberedCall(storage, 'other', 1_000)).toBeNull();
    expect(readRememberedCall(storage, 'demo', 1_000)).toEqual(call);
    expect(readRememberedCall(storage, 'demo', 2_000)).toBeNull();
    expect(storage.getItem(rememberedCallKey('demo'))).toBeNull();
  });

  it('ignores what it did not write and survives storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem(rememberedCallKey('demo'), '{"conversationId":1,"token":"t","media":"video","expiresAt":9e15}');
    expect(readRememberedCall(storage, 'demo', 0)).toBeNull();
    storage.setItem(rememberedCallKey('demo'), 'not json');
    expect(readRememberedCall(storage, 'demo', 0)).toBeNull();
    const blocked = { ...memoryStorage(), getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } } as Storage;
    expect(readRememberedCall(blocked, 'demo', 0)).toBeNull();
    expect(() => writeRememberedCall(blocked, 'demo', call)).not.toThrow();
  });
});
