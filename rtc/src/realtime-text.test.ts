import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { PeerChannel } from './data-channel.ts';
import { fakeChannelPair } from './fake-channel.ts';
import {
  createRealTimeText,
  isRealTimeTextChannel,
  realTimeTextChannelInit,
  realTimeTextLabel,
  type RealTimeTextOptions,
} from './realtime-text.ts';
import { t140Backspace as BS, t140ByteOrderMark as BOM, t140LineSeparator as LS, t140MessageEnd as SEND } from './t140.ts';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A visitor and an agent typing to each other over one T.140 channel. */
function conversation(options: Partial<RealTimeTextOptions> = {}) {
  const channels = fakeChannelPair({ label: realTimeTextLabel, protocol: 't140' });
  const visitor = createRealTimeText(channels.local, options);
  const agent = createRealTimeText(channels.remote, options);
  const agentSees: string[] = [];
  agent.on((text) => void agentSees.push(text));
  return { ...channels, visitor, agent, agentSees, visitorSent: channels.local.sent };
}

/** Types `text` into `draft` one key at a time, `gapMs` apart. */
function typeKeys(realTimeText: { update(draft: string): void }, draft: string, text: string, gapMs: number): string {
  for (const key of text) {
    draft += key;
    realTimeText.update(draft);
    vi.advanceTimersByTime(gapMs);
  }
  return draft;
}

describe('real-time text: sending', () => {
  it('sends keystrokes typed within 300 ms as one message, opened by a BOM', () => {
    const { open, visitor, visitorSent, agentSees } = conversation();
    open();
    typeKeys(visitor, '', 'hello', 50);
    expect(visitorSent).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(visitorSent).toEqual([`${BOM}hello`]);
    expect(agentSees).toEqual(['hello']);
  });

  it('sends at most one message each 300 ms while the user keeps typing', () => {
    const { open, visitor, visitorSent, agentSees } = conversation();
    open();
    typeKeys(visitor, '', 'abcdefghijkl', 100);
    vi.advanceTimersByTime(300);
    expect(visitorSent).toEqual([`${BOM}abc`, 'def', 'ghi', 'jkl']);
    expect(agentSees.at(-1)).toBe('abcdefghijkl');
  });

  it('sends nothing while the user is idle, nor for a change undone within the interval', () => {
    const { open, visitor, visitorSent } = conversation();
    open();
    vi.advanceTimersByTime(10_000);
    visitor.update('a');
    visitor.update('');
    vi.advanceTimersByTime(10_000);
    expect(visitorSent).toEqual([]);
  });

  it('sends erasures and corrections as T.140', () => {
    const { open, visitor, visitorSent, agentSees } = conversation();
    open();
    visitor.update('Hello wrld');
    vi.advanceTimersByTime(300);
    visitor.update('Hello wo');
    visitor.update('Hello world');
    vi.advanceTimersByTime(300);
    expect(visitorSent).toEqual([`${BOM}Hello wrld`, `${BS.repeat(3)}orld`]);
    expect(agentSees).toEqual(['Hello wrld', 'Hello world']);
  });

  it('keeps what is typed before the channel opens, and sends it all once it does', () => {
    const { open, visitor, visitorSent, agentSees } = conversation();
    visitor.update('Hi');
    visitor.send();
    visitor.update('are you there?');
    vi.advanceTimersByTime(5_000);
    expect(visitorSent).toEqual([]);
    open();
    expect(visitorSent).toEqual([`${BOM}Hi${SEND}are you there?`]);
    expect(agentSees).toEqual(['are you there?']);
  });

  it('shows every line of a multi-line draft, and takes the draft off the other side when it is sent', () => {
    const { open, visitor, visitorSent, agentSees } = conversation();
    open();
    visitor.update('My order is late\n\nOrder 42');
    vi.advanceTimersByTime(300);
    expect(agentSees.at(-1)).toBe('My order is late\n\nOrder 42');
    visitor.send();
    vi.advanceTimersByTime(300);
    expect(agentSees.at(-1)).toBe('');
    visitor.update('Thanks');
    vi.advanceTimersByTime(300);
    expect(visitorSent).toEqual([`${BOM}My order is late${LS}${LS}Order 42`, SEND, 'Thanks']);
    expect(agentSees).toEqual(['My order is late\n\nOrder 42', '', 'Thanks']);
  });

  it('sends a draft edited and sent within one interval as its end state and the Send', () => {
    const { open, visitor, visitorSent, agentSees } = conversation();
    open();
    visitor.update('one');
    visitor.update('one\ntwo');
    visitor.send();
    visitor.update('three');
    vi.advanceTimersByTime(300);
    expect(visitorSent).toEqual([`${BOM}one${LS}two${SEND}three`]);
    expect(agentSees).toEqual(['three']);
  });

  it('sends a multi-line draft with line separators and takes a new line back when it is deleted', () => {
    const { open, visitor, visitorSent, agentSees } = conversation();
    open();
    visitor.update('one\ntwo');
    vi.advanceTimersByTime(300);
    visitor.update('one two');
    vi.advanceTimersByTime(300);
    expect(visitorSent).toEqual([`${BOM}one${LS}two`, `${BS.repeat(4)} two`]);
    expect(agentSees).toEqual(['one\ntwo', 'one two']);
  });

  it('sends what is still gathered on close, then closes the channel', () => {
    const { open, local, visitor, agentSees } = conversation();
    open();
    visitor.update('bye');
    visitor.close();
    expect(agentSees).toEqual(['bye', '']);
    expect(local.readyState).toBe('closed');
    visitor.update('more');
    vi.advanceTimersByTime(1_000);
    expect(local.sent).toEqual([`${BOM}bye`]);
  });

  it('stops gathering when the other side closes the channel', () => {
    const { open, remote, visitor, visitorSent } = conversation();
    open();
    visitor.update('unsent');
    remote.close();
    vi.advanceTimersByTime(1_000);
    expect(visitorSent).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('real-time text: receiving', () => {
  it('shows text from another implementation: CR LF, control codes, and UTF-8 split across binary messages', () => {
    const { open, remote, local, agentSees } = conversation();
    open();
    local.send(`${BOM}Hi\r\nthere\u0007`);
    const bytes = new TextEncoder().encode('é😀!');
    local.send(bytes.slice(0, 1).buffer);
    local.send(bytes.slice(1, 4).buffer);
    local.send(bytes.slice(4).buffer);
    expect(remote.binaryType).toBe('arraybuffer');
    expect(agentSees).toEqual(['Hi\nthere', 'Hi\nthereé', 'Hi\nthereé😀!']);
  });

  it('tells listeners only when the text changes', () => {
    const { open, local, agentSees } = conversation();
    open();
    local.send('x');
    local.send(BOM);
    local.send('\u001b[1m');
    expect(agentSees).toEqual(['x']);
  });

  it("takes the other side's text off when the channel closes, as nothing more of it can arrive", () => {
    const { open, local, agentSees } = conversation();
    open();
    local.send('My card ends in');
    local.close();
    expect(agentSees).toEqual(['My card ends in', '']);
  });

  it('keeps only the last lines of a long conversation', () => {
    const { open, local, agentSees } = conversation({ maxLines: 3 });
    open();
    local.send(['one', 'two', 'three', 'four', 'five'].join(LS));
    expect(agentSees.at(-1)).toBe('three\nfour\nfive');
    local.send(`${LS}six`);
    expect(agentSees.at(-1)).toBe('four\nfive\nsix');
  });

  it('keeps only the last characters of a flood, never half of a surrogate pair', () => {
    const { open, local, agentSees } = conversation({ maxChars: 5 });
    open();
    local.send('a'.repeat(100_000));
    expect(agentSees.at(-1)).toBe('aaaaa');
    local.send('😀😀😀');
    expect(agentSees.at(-1)).toBe('😀😀');
  });
});

describe('the real-time text channel', () => {
  it('is reliable and ordered with the T.140 protocol', () => {
    expect(realTimeTextChannelInit()).toEqual({ ordered: true, protocol: 't140' });
  });

  it('is recognized by its protocol on a reliable, ordered channel only', () => {
    const reliable = { protocol: 't140', ordered: true, maxRetransmits: null, maxPacketLifeTime: null };
    expect(isRealTimeTextChannel(reliable)).toBe(true);
    expect(isRealTimeTextChannel({ ...reliable, protocol: '' })).toBe(false);
    expect(isRealTimeTextChannel({ ...reliable, ordered: false })).toBe(false);
    expect(isRealTimeTextChannel({ ...reliable, maxRetransmits: 0 })).toBe(false);
    expect(isRealTimeTextChannel({ ...reliable, maxPacketLifeTime: 500 })).toBe(false);
  });

  it('takes a browser RTCDataChannel as it is', () => {
    expectTypeOf<RTCDataChannel>().toExtend<PeerChannel>();
  });
});
