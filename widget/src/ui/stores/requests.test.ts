import type { Media } from '@beckon/protocol';
import { fakeStream } from '@beckon/rtc/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatWithAnn, resetWidget, startVisitor, visitorSession } from '../testing/visitor.ts';
import { $call, retryDevices, startCall } from './call.ts';
import { sendMessage } from './chat.ts';
import { $conversation } from './conversation.ts';
import { $media } from './media.ts';
import { $requests, answerRequest, askFor, withdrawRequest } from './requests.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;
// Every time the page asked the browser for the camera or microphone.
let captured: Media[];
let refuseDevices: boolean;

async function chatting() {
  visitor = await startVisitor(
    { '/v1/visitor/session': visitorSession, '/v1/calls': () => [200, { conversationId: 'c1', token: 't', position: 1 }] },
    {
      async captureMedia(media) {
        captured.push(media);
        if (refuseDevices) throw new DOMException('Permission denied', 'NotAllowedError');
        visitor.streams.push(fakeStream(media));
        return visitor.streams.at(-1)!.stream;
      },
    },
  );
  const joined = await chatWithAnn(visitor);
  joined.sent.length = 0;
  return joined;
}

beforeEach(() => {
  resetWidget();
  captured = [];
  refuseDevices = false;
});
afterEach(() => visitor.close());

describe('when the agent asks for a call', () => {
  it('captures nothing before the visitor accepts, nor after until the conversation carries video', async () => {
    const joined = await chatting();
    joined.emit({ type: 'request', kind: 'video', by: 'agent' });
    expect($requests.get().pending).toEqual({ kind: 'video', by: 'agent' });
    expect(captured).toEqual([]);

    answerRequest(true);
    expect(joined.sent).toEqual(['consent']);
    expect($requests.get().pending).toBeNull();
    joined.emit({ type: 'request-answered', kind: 'video', by: 'agent', accepted: true });
    expect(captured).toEqual([]);

    joined.emit({ type: 'media', media: 'video' });
    expect(captured).toEqual(['video']);
    await vi.waitFor(() => expect($call.get()).toEqual({ step: 'in-call', media: 'video', connected: false, reconnecting: false }));
    expect(joined.sent).toEqual(['consent', 'add audio video']);
    expect($media.get().local!.getTracks().map((track) => track.kind)).toEqual(['audio', 'video']);
    expect(visitor.heardOf('call:escalated')).toEqual([{ media: 'video' }]);
    // The chat goes on during the call.
    sendMessage('I can see you');
    expect(joined.sent.at(-1)).toBe('chat I can see you');
  });

  it('captures nothing when the visitor declines', async () => {
    const joined = await chatting();
    joined.emit({ type: 'request', kind: 'audio', by: 'agent' });
    answerRequest(false);
    joined.emit({ type: 'request-answered', kind: 'audio', by: 'agent', accepted: false });
    expect(joined.sent).toEqual(['refuse']);
    expect(captured).toEqual([]);
    expect($call.get()).toEqual({ step: 'idle' });
    expect($requests.get()).toEqual({ pending: null, declined: null, refused: null });
  });

  it('says why the devices could not be used, keeps the chat going and tries again on request', async () => {
    const joined = await chatting();
    refuseDevices = true;
    joined.emit({ type: 'media', media: 'audio' });
    await vi.waitFor(() => expect($call.get()).toMatchObject({ step: 'media-error', media: 'audio', reason: expect.stringMatching(/blocked/) }));
    expect(visitor.heardOf('error')).toEqual([{ code: 'media_unavailable', message: expect.stringMatching(/blocked/) }]);
    expect($conversation.get()).toMatchObject({ step: 'accepted', media: 'audio' });

    refuseDevices = false;
    retryDevices();
    await vi.waitFor(() => expect($call.get()).toMatchObject({ step: 'in-call', media: 'audio' }));
    expect(captured).toEqual(['audio', 'audio']);
    expect(joined.sent).toEqual(['add audio']);
  });
});

describe('when the visitor asks for a call', () => {
  it('asks the agent and waits, without capturing; a refusal is shown', async () => {
    const joined = await chatting();
    askFor('video');
    expect(joined.sent).toEqual(['request video']);
    joined.emit({ type: 'request', kind: 'video', by: 'visitor' });
    expect($requests.get().pending).toEqual({ kind: 'video', by: 'visitor' });
    // Only the agent's request is the visitor's to answer.
    answerRequest(true);
    expect(joined.sent).toEqual(['request video']);
    joined.emit({ type: 'request-answered', kind: 'video', by: 'visitor', accepted: false });
    expect($requests.get()).toEqual({ pending: null, declined: 'video', refused: null });
    expect(captured).toEqual([]);
    askFor('audio');
    expect($requests.get().declined).toBeNull();
    // The server refuses while the agent is in a call elsewhere: the visitor is told why.
    joined.emit({ type: 'error', code: 'conflict', message: 'Your agent is in another call; ask again in a moment.' });
    expect($requests.get()).toEqual({ pending: null, declined: null, refused: 'Your agent is in another call; ask again in a moment.' });
    askFor('audio');
    expect($requests.get().refused).toBeNull();
  });

  it('takes the visitor\'s request back while the agent has not answered', async () => {
    const joined = await chatting();
    withdrawRequest();
    expect(joined.sent).toEqual([]);
    askFor('video');
    joined.emit({ type: 'request', kind: 'video', by: 'visitor' });
    withdrawRequest();
    expect(joined.sent).toEqual(['request video', 'withdraw']);
    joined.emit({ type: 'request-withdrawn', kind: 'video', by: 'visitor' });
    expect($requests.get()).toEqual({ pending: null, declined: null, refused: null });
    expect(captured).toEqual([]);
  });

  it('asks the agent when the host page starts a call during a chat, and refuses while nobody has accepted it', async () => {
    const joined = await chatting();
    await startCall('audio');
    expect(joined.sent).toEqual(['request audio']);
    expect(captured).toEqual([]);

    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    sendMessage('Hello again');
    await vi.waitFor(() => expect(visitor.conversations).toHaveLength(2));
    await startCall('video');
    expect(visitor.heardOf('error').at(-1)).toMatchObject({ code: 'conflict' });
    expect(visitor.joined.sent).toEqual(['chat Hello again']);
  });

  it('steps down at once: video to voice keeps the microphone, back to chat releases every device', async () => {
    const joined = await chatting();
    joined.emit({ type: 'media', media: 'video' });
    await vi.waitFor(() => expect($call.get()).toMatchObject({ step: 'in-call', media: 'video' }));
    const [microphone, camera] = visitor.streams[0]!.tracks;

    askFor('audio');
    joined.emit({ type: 'media', media: 'audio' });
    expect(joined.sent.slice(-2)).toEqual(['request audio', 'drop video']);
    expect(camera!.readyState).toBe('ended');
    expect(microphone!.readyState).toBe('live');
    expect($call.get()).toMatchObject({ step: 'in-call', media: 'audio' });
    expect(captured).toEqual(['video']);

    askFor('chat');
    joined.emit({ type: 'media', media: 'chat' });
    expect(joined.sent.slice(-2)).toEqual(['request chat', 'drop audio']);
    expect(microphone!.readyState).toBe('ended');
    expect($call.get()).toEqual({ step: 'idle' });
    expect($media.get().local).toBeNull();
    expect($conversation.get()).toMatchObject({ step: 'accepted', media: 'chat' });
  });
});
