import { fakeStream } from '@beckon/rtc/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatWithAnn, resetWidget, startVisitor, visitorSession } from '../testing/visitor.ts';
import { $requests, answerRequest } from './requests.ts';
import { $screen, shareScreen, stopSharing } from './screen.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;
// How the visitor answers the browser's screen picker.
let picker: () => Promise<MediaStream>;
let pickerShown: number;

async function chatting() {
  visitor = await startVisitor(
    { '/v1/visitor/session': visitorSession, '/v1/calls': () => [200, { conversationId: 'c1', token: 't', position: 1 }] },
    {
      captureScreen() {
        pickerShown++;
        return picker();
      },
    },
  );
  const joined = await chatWithAnn(visitor);
  joined.sent.length = 0;
  return joined;
}

const picked = () => {
  visitor.screens.push(fakeStream('video'));
  return Promise.resolve(visitor.screens.at(-1)!.stream);
};

beforeEach(() => {
  resetWidget();
  pickerShown = 0;
  picker = picked;
});
afterEach(() => visitor.close());

describe("the agent asking to see the visitor's screen", () => {
  it('opens the picker within the click that accepts, then shares and consents', async () => {
    const joined = await chatting();
    joined.emit({ type: 'request', kind: 'screen', by: 'agent' });
    expect(pickerShown).toBe(0);

    answerRequest(true);
    // Before anything is awaited: the browser shows its picker only during the click.
    expect(pickerShown).toBe(1);
    await vi.waitFor(() => expect(joined.sent).toEqual(['share screen', 'consent']));
    expect($screen.get().sharing).toBe(visitor.screens[0]!.stream);
    expect($requests.get().pending).toBeNull();

    stopSharing();
    expect(joined.sent.at(-1)).toBe('stop sharing');
    expect($screen.get().sharing).toBeNull();
  });

  it('declines when the visitor cancels the picker, sharing nothing', async () => {
    const joined = await chatting();
    picker = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    joined.emit({ type: 'request', kind: 'screen', by: 'agent' });
    answerRequest(true);
    await vi.waitFor(() => expect(joined.sent).toEqual(['refuse']));
    expect($screen.get().sharing).toBeNull();
  });

  it('declines without showing the picker', async () => {
    const joined = await chatting();
    joined.emit({ type: 'request', kind: 'screen', by: 'agent' });
    answerRequest(false);
    expect(joined.sent).toEqual(['refuse']);
    expect(pickerShown).toBe(0);
  });
});

describe('shared screens', () => {
  it("follow the browser's own Stop sharing button", async () => {
    const joined = await chatting();
    expect(await shareScreen()).toBe(true);
    // The visitor offered it: nothing to consent to.
    expect(joined.sent).toEqual(['share screen']);
    joined.emit({ type: 'sharing', stream: null });
    expect($screen.get().sharing).toBeNull();
  });

  it("show the agent's screen with the drawings on it, until they stop", async () => {
    const joined = await chatting();
    const { stream } = fakeStream('video');
    joined.emit({ type: 'remote-screen', stream });
    const drawings = { strokes: [{ id: 's1', color: 'red' as const, points: [[0.5, 0.5] as const], mine: false }], remotePointer: { x: 0.2, y: 0.3 } };
    joined.emit({ type: 'annotations', state: drawings });
    expect($screen.get()).toEqual({ sharing: null, agentScreen: stream, drawings });
    joined.emit({ type: 'remote-screen', stream: null });
    expect($screen.get().agentScreen).toBeNull();
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($screen.get().drawings).toEqual({ strokes: [], remotePointer: null });
  });

  it('stop the picked screen when the conversation ended while the visitor was picking', async () => {
    const joined = await chatting();
    let pick!: () => void;
    const { stream, tracks } = fakeStream('video');
    picker = () => new Promise((resolve) => (pick = () => resolve(stream)));
    const sharing = shareScreen();
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    pick();
    expect(await sharing).toBe(false);
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(joined.sent).toEqual([]);
  });
});
