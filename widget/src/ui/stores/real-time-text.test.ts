import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatWithAnn, resetWidget, startVisitor, visitorSession } from '../testing/visitor.ts';
import { draftChanged, sendMessage } from './chat.ts';
import { $realTimeText, toggleRealTimeText } from './real-time-text.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;

async function chatting() {
  visitor = await startVisitor({ '/v1/visitor/session': visitorSession, '/v1/calls': () => [200, { conversationId: 'c1', token: 't', position: 1 }] });
  const joined = await chatWithAnn(visitor);
  joined.sent.length = 0;
  return joined;
}

beforeEach(resetWidget);
afterEach(() => visitor.close());

describe('real-time text', () => {
  it('sends every keystroke instead of typing, and the line as a chat message too on Enter', async () => {
    const joined = await chatting();
    toggleRealTimeText('I n');
    expect($realTimeText.get().on).toBe(true);
    draftChanged('I ne');
    draftChanged('I need');
    expect(sendMessage('I need help')).toBe(true);
    expect(joined.sent).toEqual(['real-time text I n', 'real-time text I ne', 'real-time text I need', 'real-time line', 'chat I need help']);
  });

  it('takes back the unfinished line when turned off', async () => {
    const joined = await chatting();
    toggleRealTimeText('');
    draftChanged('Half a th');
    toggleRealTimeText('Half a th');
    draftChanged('Half a tho');
    expect(joined.sent).toEqual(['real-time text ', 'real-time text Half a th', 'real-time text ', 'typing']);
  });

  it("shows what the agent is writing as they type it, every line of it, also with real-time text off here, until the conversation ends", async () => {
    const joined = await chatting();
    joined.emit({ type: 'real-time-text', text: 'Hel' });
    expect($realTimeText.get()).toEqual({ on: false, agent: 'Hel' });
    joined.emit({ type: 'real-time-text', text: 'Hello, how can I help?\nLet me ch' });
    expect($realTimeText.get().agent).toBe('Hello, how can I help?\nLet me ch');
    joined.emit({ type: 'real-time-text', text: '' });
    expect($realTimeText.get().agent).toBe('');
    joined.emit({ type: 'real-time-text', text: 'One' });
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($realTimeText.get().agent).toBe('');
  });
});
