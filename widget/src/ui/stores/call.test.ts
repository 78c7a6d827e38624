import type { Media } from '@beckon/protocol';
import { fakeStream, qualitySample } from '@beckon/rtc/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../testing/support-api.ts';
import { queuedThird, resetWidget, startVisitor, visitorSession, type VisitorOptions } from '../testing/visitor.ts';
import { $call, hangUp, joinQueue, startCall, toggleMute } from './call.ts';
import { $weakConnection } from './connection-hint.ts';
import { $conversation } from './conversation.ts';
import { $devices, chooseDevice } from './devices.ts';
import { $media } from './media.ts';
import { $survey, submitSurvey } from './survey.ts';

let visitor: Awaited<ReturnType<typeof startVisitor>>;

async function serve(answers: Record<string, Answer>, options?: VisitorOptions) {
  visitor = await startVisitor(answers, options);
}

beforeEach(resetWidget);
afterEach(() => visitor.close());

describe('a call started from the panel', () => {
  it('goes from the queue to connected to ended, telling the host page each step once', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('video');
    expect($call.get()).toEqual({ step: 'checking', media: 'video' });
    await joinQueue();

    expect(visitor.calls()).toEqual([
      { path: '/v1/calls', authorization: 'Bearer visitor-token', body: { media: 'video', page: 'https://shop.example/help' } },
    ]);
    const joined = visitor.joined;
    expect(joined.options).toMatchObject({ apiBase: visitor.api.base, conversationId: 'c1', token: 'conversation-token', localStream: visitor.streams[0]!.stream });
    expect($conversation.get()).toEqual({ step: 'queued', media: 'video', position: 3, estimatedWaitSeconds: null });

    joined.emit({ type: 'media', media: 'video' });
    joined.emit({ type: 'queued', position: 3, estimatedWaitSeconds: null });
    joined.emit({ type: 'queued', position: 1, estimatedWaitSeconds: 240 });
    joined.emit({ type: 'accepted', agent: { name: 'Ann <b>Lee</b>' } });
    expect($conversation.get()).toEqual({ step: 'accepted', media: 'video', agent: 'Ann <b>Lee</b>' });
    expect($call.get()).toEqual({ step: 'in-call', media: 'video', connected: false, reconnecting: false });
    joined.emit({ type: 'connection', state: 'connecting' });
    joined.emit({ type: 'connection', state: 'connected' });
    expect($call.get()).toEqual({ step: 'in-call', media: 'video', connected: true, reconnecting: false });
    expect(visitor.remembered).toMatchObject({ conversationId: 'c1', token: 'conversation-token' });
    joined.emit({ type: 'reconnecting', media: true });
    expect($call.get()).toMatchObject({ connected: true, reconnecting: true });
    joined.emit({ type: 'connection', state: 'disconnected' });
    joined.emit({ type: 'reconnecting', media: false });
    expect($call.get()).toMatchObject({ connected: true, reconnecting: false });
    joined.emit({ type: 'quality', sample: qualitySample({ lossPercent: 6 }), warnings: ['high-loss'] });
    expect($weakConnection.get()).toBe(true);

    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($conversation.get()).toEqual({ step: 'ended', reason: 'hangup', call: true, agent: 'Ann <b>Lee</b>' });
    expect($call.get()).toEqual({ step: 'idle' });
    expect(visitor.remembered).toBeNull();
    expect($weakConnection.get()).toBe(false);
    expect(visitor.streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect($media.get().local).toBeNull();
    expect(visitor.heard).toEqual([
      { name: 'call:queued', detail: { position: 3, estimatedWaitSeconds: null } },
      { name: 'call:queued', detail: { position: 1, estimatedWaitSeconds: 240 } },
      { name: 'call:connected', detail: {} },
      { name: 'call:ended', detail: { reason: 'hangup' } },
    ]);
  });

  it("tells the host page the visitor's place once, with the estimated wait the queue sends", async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('video');
    await joinQueue();
    expect($conversation.get()).toMatchObject({ step: 'queued', position: 3, estimatedWaitSeconds: null });
    expect(visitor.heardOf('call:queued')).toEqual([]);
    visitor.joined.emit({ type: 'queued', position: 3, estimatedWaitSeconds: 120 });
    visitor.joined.emit({ type: 'queued', position: 3, estimatedWaitSeconds: 120 });
    expect($conversation.get()).toMatchObject({ step: 'queued', position: 3, estimatedWaitSeconds: 120 });
    expect(visitor.heardOf('call:queued')).toEqual([{ position: 3, estimatedWaitSeconds: 120 }]);
    // Transferred: back in a queue is news, even at the same place.
    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    visitor.joined.emit({ type: 'transferred', to: 'Billing' });
    visitor.joined.emit({ type: 'queued', position: 3, estimatedWaitSeconds: 120 });
    expect(visitor.heardOf('call:queued')).toHaveLength(2);
  });

  it('asks for nothing from the API when the camera is denied, and offers an audio call', async () => {
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird }, { captureMedia: async () => Promise.reject(denied) });
    await startCall('video');
    expect($call.get()).toMatchObject({ step: 'media-error', media: 'video', reason: expect.stringMatching(/blocked/) });
    expect(visitor.heard).toEqual([{ name: 'error', detail: { code: 'media_unavailable', message: expect.stringMatching(/blocked/) } }]);
    expect(visitor.calls()).toEqual([]);
  });

  it('does not ask for devices when support is unavailable', async () => {
    const captureMedia = vi.fn();
    await serve({ '/v1/visitor/session': () => [401, { error: { code: 'unknown_widget_key', message: 'Unknown key' } }] }, { captureMedia });
    await startCall('audio');
    expect(captureMedia).not.toHaveBeenCalled();
    expect($call.get()).toEqual({ step: 'idle' });
    expect(visitor.heard).toEqual([{ name: 'error', detail: { code: 'unknown_widget_key', message: 'Unknown key' } }]);
  });

  it('cancels with the queue cancel once the conversation socket is open, if the visitor left while the call was being placed', async () => {
    let answerCall!: () => void;
    await serve({
      '/v1/visitor/session': visitorSession,
      '/v1/calls': () => new Promise((resolve) => (answerCall = () => resolve([200, { conversationId: 'c1', token: 't', position: 2 }]))),
    });
    const started = startCall('audio', { skipCheck: true });
    await vi.waitFor(() => expect(visitor.calls()).toHaveLength(1));
    hangUp();
    answerCall();
    await started;

    const joined = visitor.joined;
    expect(joined.sent).toEqual([]);
    joined.emit({ type: 'queued', position: 2, estimatedWaitSeconds: null });
    expect(joined.sent).toEqual(['cancel']);
    joined.emit({ type: 'ended', reason: 'cancelled', outcome: 'cancelled' });
    expect($conversation.get()).toEqual({ step: 'ended', reason: 'cancelled', call: true, agent: null });
  });

  it('hangs up instead when an agent accepted before the cancel could be sent', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('audio', { skipCheck: true });
    hangUp();
    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    expect(visitor.joined.sent).toEqual(['hangup']);
  });

  it('drops devices granted after the visitor gave up waiting for them', async () => {
    let grant!: () => void;
    const { stream, tracks } = fakeStream('video');
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird }, { captureMedia: () => new Promise((resolve) => (grant = () => resolve(stream))) });
    const started = startCall('video');
    await vi.waitFor(() => expect(grant).toBeDefined());
    hangUp();
    grant();
    await started;
    expect($call.get()).toEqual({ step: 'idle' });
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(visitor.calls()).toEqual([]);
  });

  it('releases the devices and says why when the call cannot be placed', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': () => [409, { error: { code: 'conflict', message: 'No agents are on duty.' } }] });
    await startCall('video', { skipCheck: true });
    expect($conversation.get()).toEqual({ step: 'failed', code: 'conflict', message: 'No agents are on duty.', call: true });
    expect($call.get()).toEqual({ step: 'idle' });
    expect(visitor.streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(visitor.heard).toEqual([{ name: 'error', detail: { code: 'conflict', message: 'No agents are on duty.' } }]);
  });

  it('refuses a second call while one is under way', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('video');
    await startCall('audio');
    expect($call.get()).toEqual({ step: 'checking', media: 'video' });
    await joinQueue();
    await startCall('audio');
    expect(visitor.calls()).toHaveLength(1);
    expect(visitor.heardOf('error')).toEqual([expect.objectContaining({ code: 'conflict' }), expect.objectContaining({ code: 'conflict' })]);
    expect($conversation.get()).toMatchObject({ step: 'queued', media: 'video' });
  });

  it('mutes through the conversation and shows it', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('audio', { skipCheck: true });
    toggleMute();
    expect($media.get().muted).toBe(true);
    toggleMute();
    expect(visitor.joined.sent).toEqual(['mute', 'unmute']);
    expect($media.get().muted).toBe(false);
  });
});

describe('the check before the queue', () => {
  it('shows the devices, asks nothing of the API until the visitor joins, and can switch the camera first', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('video');
    expect($call.get()).toEqual({ step: 'checking', media: 'video' });
    expect(visitor.calls()).toEqual([]);
    await vi.waitFor(() => expect($devices.get().cameras).toHaveLength(2));
    expect($devices.get()).toMatchObject({
      microphones: [{ id: 'default', label: 'Default microphone' }, { id: 'headset', label: 'Headset' }],
      microphone: 'default',
      camera: 'default',
      problem: null,
    });

    await chooseDevice('video', 'document-camera');
    const [webcam] = visitor.streams[0]!.stream.getVideoTracks();
    expect($devices.get().camera).toBe('document-camera');
    expect(visitor.streams[0]!.tracks[1]!.readyState).toBe('ended');

    await joinQueue();
    // The call sends what the visitor checked.
    expect(visitor.joined.conversation.localStream.getVideoTracks()).toEqual([webcam]);
    expect(webcam!.getSettings().deviceId).toBe('document-camera');
    expect($conversation.get()).toEqual({ step: 'queued', media: 'video', position: 3, estimatedWaitSeconds: null });
  });

  it('goes back to the start on Cancel, releasing the devices and telling support nothing', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('audio');
    hangUp();
    expect($call.get()).toEqual({ step: 'idle' });
    expect(visitor.streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect($media.get().local).toBeNull();
    expect($devices.get().microphones).toEqual([]);
    await joinQueue();
    expect(visitor.calls()).toEqual([]);
    expect(visitor.heard).toEqual([]);
  });

  it('says why a chosen device cannot be used and keeps the one that works', async () => {
    await serve({ '/v1/visitor/session': visitorSession });
    await startCall('audio');
    visitor.devices.devices.splice(1, 1);
    await chooseDevice('audio', 'headset');
    expect($devices.get().problem).toBe('No microphone was found on this device.');
    expect(visitor.streams[0]!.tracks[0]!.readyState).toBe('live');
    await chooseDevice('audio', 'default');
    expect($devices.get().problem).toBeNull();
  });
});

describe('devices during the call', () => {
  async function connected(media: Media) {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall(media, { skipCheck: true });
    const joined = visitor.joined;
    joined.emit({ type: 'media', media });
    joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    joined.emit({ type: 'connection', state: 'connected' });
    await vi.waitFor(() => expect($devices.get().microphones).toHaveLength(2));
    return joined;
  }

  it('sends the newly chosen microphone to the call, still muted', async () => {
    const joined = await connected('audio');
    toggleMute();
    await chooseDevice('audio', 'headset');
    expect(joined.sent).toEqual(['mute', 'replace audio headset']);
    const [headset] = joined.conversation.localStream.getAudioTracks();
    expect(headset!.enabled).toBe(false);
    expect($devices.get().microphone).toBe('headset');
  });

  it('falls back to the default microphone when the one in use is unplugged, and the call goes on', async () => {
    const joined = await connected('video');
    await chooseDevice('audio', 'headset');
    visitor.devices.devices.splice(1, 1);
    joined.conversation.localStream.getAudioTracks()[0]!.dispatchEvent(new Event('ended'));

    await vi.waitFor(() => expect(joined.sent).toEqual(['replace audio headset', 'replace audio default']));
    await vi.waitFor(() => expect($devices.get()).toMatchObject({ microphone: 'default', problem: null }));
    expect($call.get()).toMatchObject({ step: 'in-call', connected: true });
  });

  it('tells the visitor when the camera is gone with none to replace it, and keeps the call up', async () => {
    const joined = await connected('video');
    visitor.devices.devices.splice(2, 2);
    const [camera] = joined.conversation.localStream.getVideoTracks();
    (camera as unknown as { unplug(): void }).unplug();

    await vi.waitFor(() => expect($devices.get().problem).toBe('Your camera was disconnected'));
    expect($devices.get().camera).toBeNull();
    expect($call.get()).toMatchObject({ step: 'in-call', connected: true });
    expect(joined.sent).toEqual([]);
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($devices.get().problem).toBeNull();
  });
});

describe('the survey after a conversation', () => {
  const acceptedThenEnded = async (answers: Record<string, Answer> = {}) => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird, ...answers });
    await startCall('audio', { skipCheck: true });
    visitor.joined.emit({ type: 'accepted', agent: { name: 'Ann' } });
    visitor.joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
  };

  it('asks after a call an agent accepted, sends the rating with the conversation token once, and tells the host page', async () => {
    await acceptedThenEnded({ '/v1/contacts/c1/survey': (request) => [200, { survey: request.body }] });
    expect($survey.get()).toEqual({ step: 'asking', conversationId: 'c1', token: 'conversation-token', about: 'call' });
    await submitSurvey({ rating: 4, comment: 'Quick' });
    await submitSurvey({ rating: 1, comment: null });
    expect(visitor.api.requests.filter((request) => request.path.endsWith('/survey'))).toEqual([
      { path: '/v1/contacts/c1/survey', authorization: 'Bearer conversation-token', body: { rating: 4, comment: 'Quick' } },
    ]);
    expect($survey.get()).toEqual({ step: 'thanks' });
    expect(visitor.heard.at(-1)).toEqual({ name: 'survey:submitted', detail: { rating: 4, comment: 'Quick' } });
  });

  it('does not ask after a conversation no agent accepted', async () => {
    await serve({ '/v1/visitor/session': visitorSession, '/v1/calls': queuedThird });
    await startCall('audio', { skipCheck: true });
    visitor.joined.emit({ type: 'ended', reason: 'cancelled', outcome: 'cancelled' });
    expect($survey.get()).toEqual({ step: 'none' });
  });

  it('keeps the survey open with the reason when it could not be sent', async () => {
    await acceptedThenEnded({ '/v1/contacts/c1/survey': () => [400, { error: { code: 'bad_request', message: 'rating must be an integer from 1 to 5' } }] });
    await submitSurvey({ rating: 4, comment: null });
    expect($survey.get()).toMatchObject({ step: 'asking', error: 'rating must be an integer from 1 to 5' });
    expect(visitor.heard.some((event) => event.name === 'survey:submitted')).toBe(false);
  });
});
