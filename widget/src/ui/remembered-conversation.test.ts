import { describe, expect, it } from 'vitest';
import {
  readRememberedConversation,
  rememberedConversationKey,
  writeRememberedConversation,
  type RememberedConversation,
} from './remembered-conversation.ts';
import { memoryStorage } from './testing/visitor.ts';

const conversation: RememberedConversation = { conversationId: 'c1', token: 't', expiresAt: 2_000, heardThrough: 3 };

describe('the remembered conversation', () => {
  it('is kept per widget key until it expires, then forgotten', () => {
    const storage = memoryStorage();
    writeRememberedConversation(() => storage, 'demo', conversation);
    expect(readRememberedConversation(() => storage, 'other', 1_000)).toBeNull();
    expect(readRememberedConversation(() => storage, 'demo', 1_000)).toEqual(conversation);
    expect(readRememberedConversation(() => storage, 'demo', 2_000)).toBeNull();
    expect(storage.getItem(rememberedConversationKey('demo'))).toBeNull();
  });

  it('is forgotten on request', () => {
    const storage = memoryStorage();
    writeRememberedConversation(() => storage, 'demo', conversation);
    writeRememberedConversation(() => storage, 'demo', null);
    expect(readRememberedConversation(() => storage, 'demo', 1_000)).toBeNull();
  });

  it('ignores what it did not write and survives storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem(rememberedConversationKey('demo'), '{"conversationId":1,"token":"t","expiresAt":9e15,"heardThrough":0}');
    expect(readRememberedConversation(() => storage, 'demo', 0)).toBeNull();
    storage.setItem(rememberedConversationKey('demo'), '{"conversationId":"c1","token":"t","expiresAt":9e15,"heardThrough":"all"}');
    expect(readRememberedConversation(() => storage, 'demo', 0)).toBeNull();
    storage.setItem(rememberedConversationKey('demo'), 'not json');
    expect(readRememberedConversation(() => storage, 'demo', 0)).toBeNull();
    const blocked = { ...memoryStorage(), getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } } as Storage;
    expect(readRememberedConversation(() => blocked, 'demo', 0)).toBeNull();
    expect(() => writeRememberedConversation(() => blocked, 'demo', conversation)).not.toThrow();
    const sandboxed = () => {
      throw new DOMException('The document is sandboxed', 'SecurityError');
    };
    expect(readRememberedConversation(sandboxed, 'demo', 0)).toBeNull();
    expect(() => writeRememberedConversation(sandboxed, 'demo', conversation)).not.toThrow();
  });
});
