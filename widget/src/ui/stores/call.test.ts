import type { Media } from '@beckon/protocol';
import { fakeDevices, fakeMediaStream, fakeStream, qualitySample } from '@beckon/rtc/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../context.ts';
import { hostEvents } from '../host-events.ts';
import { provideServices } from '../services.ts';
import { type Answer, fakeConversation, startSupportApi } from '../testing/support-api.ts';
import type { RememberedCall } from '../remembered-call.ts';
import { $alternatives, chooseForm, dismissAlternatives } from './alternatives.ts';
import { $call, answerCallback, declineCallback, hangUp, joinQueue, resumeCall, startCall, toggleMute, type CallState } from './call.ts';
import { askForCallback, leaveMessage } from './contact-request.ts';
import { $weakConnection } from './connection-hint.ts';
import { $devices, chooseDevice } from './devices.ts';
import { $media, releaseMedia } from './media.ts';
import { $panelOpen } from './panel.ts';
import { $session } from './session.ts';
import { $survey, skipSurvey, submitSurvey } from './survey.ts';

const session: Answer = () => [200, { token: 'visitor-token', visitorId: 'v1', expiresIn: 900 }];
const queuedThird: Answer = () => [200, { conversationId: 'c1', token: 'conversation-token', position: 3 }];

let api: Awaited<ReturnType<typeof startSupportApi>>;
let heard: HostEvent[];
let stopListening: () => void;
let conversations: ReturnType<typeof fakeConversation>[];
let streams: ReturnType<typeof fakeStream>[];
// What this tab's sessionStorage would hold.
let remembered: RememberedCall | null;
// The visitor's devices; the first of each kind is the default.
let devices: ReturnType<typeof fakeDevices>;
// Every step the call went through.
let steps: CallState['step'][];

async function serve(answers: Record<string, Answer>, captureMedia?: (media: Media) => Promise<MediaStream>) {
  api = await startSupportApi(answers);
  provideServices({
    base: api.base,
    key: 'demo',
    page: () => 'https://shop.example/help',
    captureMedia:
      captureMedia ??
      (async (media) => {
        streams.push(fakeStream(media));
        return streams.at(-1)!.stream;
      }),
    emptyStream: () => fakeMediaStream([]),
    devices: devices.access,
    joinConversation: (options) => {
      conversations.push(fakeConversation(options));
      return conversations.at(-1)!.conversation;
    },
    rememberedCall: () => remembered,
    rememberCall: (call) => {
      remembered = call;
    },
  });
}

const calls = () => api.requests.filter((request) => request.path === '/v1/calls');

beforeEach(() => {
  $call.set({ step: 'idle' });
  skipSurvey();
  $session.set({ status: 'none' });
  releaseMedia();
  heard = [];
  conversations = [];
  streams = [];
  remembered = null;
  devices = fakeDevices([
    { kind: 'audioinput', deviceId: 'default', label: 'Default microphone' },
    { kind: 'audioinput', deviceId: 'headset', label: 'Headset' },
    { kind: 'videoinput', deviceId: 'default', label: 'Webcam' },
    { kind: 'videoinput', deviceId: 'document-camera', label: 'Document camera' },
  ]);
  steps = [];
  const stopSteps = $call.listen((call) => void steps.push(call.step));
  const stopEvents = hostEvents.on((event) => void heard.push(event));
  stopListening = () => {
    stopSteps();
    stopEvents();
  };
});
afterEach(async () => {
  stopListening();
  await api.close();
});

describe('a call', () => {
  it('goes from the queue to connected to ended, telling the host page each step once', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall('video');
    expect($call.get()).toEqual({ step: 'checking', media: 'video' });
    await joinQueue();

    expect(calls()).toEqual([
      { path: '/v1/calls', authorization: 'Bearer visitor-token', body: { media: 'video', page: 'https://shop.example/help' } },
    ]);
    const [joined] = conversations;
    expect(joined!.options).toMatchObject({ apiBase: api.base, conversationId: 'c1', token: 'conversation-token', localStream: streams[0]!.stream });
    expect($call.get()).toEqual({ step: 'queued', media: 'video', position: 3, estimatedWaitSeconds: null });

    joined!.emit({ type: 'queued', position: 3, estimatedWaitSeconds: null });
    joined!.emit({ type: 'queued', position: 1, estimatedWaitSeconds: 240 });
    joined!.emit({ type: 'accepted', agent: { name: 'Ann <b>Lee</b>' } });
    expect($call.get()).toEqual({ step: 'accepted', media: 'video', agent: 'Ann <b>Lee</b>' });
    joined!.emit({ type: 'connection', state: 'connecting' });
    joined!.emit({ type: 'connection', state: 'connected' });
    expect($call.get()).toEqual({ step: 'connected', media: 'video', agent: 'Ann <b>Lee</b>', reconnecting: false });
    expect(remembered).toMatchObject({ conversationId: 'c1', token: 'conversation-token', media: 'video' });
    joined!.emit({ type: 'reconnecting', media: true });
    expect($call.get()).toMatchObject({ step: 'connected', reconnecting: true });
    joined!.emit({ type: 'reconnecting', media: false });
    expect($call.get()).toMatchObject({ step: 'connected', reconnecting: false });
    joined!.emit({ type: 'quality', sample: qualitySample({ lossPercent: 6 }) });
    expect($weakConnection.get()).toBe(true);

    joined!.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($call.get()).toEqual({ step: 'ended', reason: 'hangup' });
    expect(remembered).toBeNull();
    expect($weakConnection.get()).toBe(false);
    expect(streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect($media.get().local).toBeNull();
    expect(heard).toEqual([
      { name: 'call:queued', detail: { position: 3, estimatedWaitSeconds: null } },
      { name: 'call:queued', detail: { position: 1, estimatedWaitSeconds: 240 } },
      { name: 'call:connected', detail: {} },
      { name: 'call:ended', detail: { reason: 'hangup' } },
    ]);
  });

  it('asks for nothing from the API when the camera is denied, and offers an audio call', async () => {
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird }, async () => {
      throw denied;
    });
    await startCall('video');
    expect($call.get()).toMatchObject({ step: 'media-error', media: 'video', reason: expect.stringMatching(/blocked/) });
    expect(heard).toEqual([{ name: 'error', detail: { code: 'media_unavailable', message: expect.stringMatching(/blocked/) } }]);
    expect(calls()).toEqual([]);
  });

  it('does not ask for devices when support is unavailable', async () => {
    const captureMedia = vi.fn();
    await serve({ '/v1/visitor/session': () => [401, { error: { code: 'unknown_widget_key', message: 'Unknown key' } }] }, captureMedia);
    await startCall('audio');
    expect(captureMedia).not.toHaveBeenCalled();
    expect($call.get()).toEqual({ step: 'idle' });
    expect(heard).toEqual([{ name: 'error', detail: { code: 'unknown_widget_key', message: 'Unknown key' } }]);
  });

  it('cancels with the queue cancel once the conversation socket is open, if the visitor left while the call was being placed', async () => {
    let answerCall!: () => void;
    await serve({
      '/v1/visitor/session': session,
      '/v1/calls': () => new Promise((resolve) => (answerCall = () => resolve([200, { conversationId: 'c1', token: 't', position: 2 }]))),
    });
    const started = startCall('audio', { skipCheck: true });
    await vi.waitFor(() => expect(calls()).toHaveLength(1));
    hangUp();
    answerCall();
    await started;

    const [joined] = conversations;
    expect(joined!.sent).toEqual([]);
    joined!.emit({ type: 'queued', position: 2, estimatedWaitSeconds: null });
    expect(joined!.sent).toEqual(['cancel']);
    joined!.emit({ type: 'ended', reason: 'cancelled', outcome: 'cancelled' });
    expect($call.get()).toEqual({ step: 'ended', reason: 'cancelled' });
  });

  it('hangs up instead when an agent accepted before the cancel could be sent', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall('audio', { skipCheck: true });
    hangUp();
    const [joined] = conversations;
    joined!.emit({ type: 'accepted', agent: { name: 'Ann' } });
    expect(joined!.sent).toEqual(['hangup']);
  });

  it('drops devices granted after the visitor gave up waiting for them', async () => {
    let grant!: () => void;
    const { stream, tracks } = fakeStream('video');
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird }, () => new Promise((resolve) => (grant = () => resolve(stream))));
    const started = startCall('video');
    await vi.waitFor(() => expect(grant).toBeDefined());
    hangUp();
    grant();
    await started;
    expect($call.get()).toEqual({ step: 'idle' });
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(calls()).toEqual([]);
  });

  it('releases the devices and says why when the call cannot be placed', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': () => [409, { error: { code: 'conflict', message: 'No agents are on duty.' } }] });
    await startCall('video', { skipCheck: true });
    expect($call.get()).toEqual({ step: 'failed', message: 'No agents are on duty.' });
    expect(streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(heard).toEqual([{ name: 'error', detail: { code: 'conflict', message: 'No agents are on duty.' } }]);
  });

  it('refuses a second call while one is under way', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall('video');
    await startCall('audio');
    expect($call.get()).toEqual({ step: 'checking', media: 'video' });
    await joinQueue();
    await startCall('audio');
    expect(calls()).toHaveLength(1);
    expect(heard.filter((event) => event.name === 'error')).toHaveLength(2);
    expect(heard.at(-1)).toMatchObject({ name: 'error', detail: { code: 'conflict' } });
    expect($call.get()).toMatchObject({ step: 'queued', media: 'video' });
  });

  it('mutes through the conversation and shows it', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall('audio', { skipCheck: true });
    toggleMute();
    expect($media.get().muted).toBe(true);
    toggleMute();
    expect(conversations[0]!.sent).toEqual(['mute', 'unmute']);
    expect($media.get().muted).toBe(false);
  });
});

describe('after a reload', () => {
  it('comes back to the remembered call: same conversation, devices again, no new queue entry', async () => {
    await serve({});
    remembered = { conversationId: 'c7', token: 'conversation-token-7', media: 'audio', expiresAt: Date.now() + 60_000 };
    expect(resumeCall()).toBe(true);
    await vi.waitFor(() => expect(conversations).toHaveLength(1));
    expect(conversations[0]!.options).toMatchObject({ conversationId: 'c7', token: 'conversation-token-7', localStream: streams[0]!.stream });
    expect($call.get()).toEqual({ step: 'queued', media: 'audio', position: null, estimatedWaitSeconds: null });
    // The visitor chose their devices before the reload; no check again.
    expect(steps).toEqual(['asking', 'queued']);
    expect(calls()).toEqual([]);
    conversations[0]!.emit({ type: 'accepted', agent: { name: 'Ann' } });
    conversations[0]!.emit({ type: 'connection', state: 'connected' });
    expect($call.get()).toEqual({ step: 'connected', media: 'audio', agent: 'Ann', reconnecting: false });
  });

  it('does nothing without a remembered call, and forgets one whose devices are refused', async () => {
    await serve({}, async () => {
      throw new DOMException('denied', 'NotAllowedError');
    });
    expect(resumeCall()).toBe(false);
    remembered = { conversationId: 'c7', token: 't', media: 'video', expiresAt: Date.now() + 60_000 };
    expect(resumeCall()).toBe(true);
    await vi.waitFor(() => expect($call.get().step).toBe('media-error'));
    expect(remembered).toBeNull();
    expect(conversations).toEqual([]);
  });
});

describe('the check before the queue', () => {
  it('shows the devices, asks nothing of the API until the visitor joins, and can switch the camera first', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall('video');
    expect($call.get()).toEqual({ step: 'checking', media: 'video' });
    expect(calls()).toEqual([]);
    await vi.waitFor(() => expect($devices.get().cameras).toHaveLength(2));
    expect($devices.get()).toMatchObject({
      microphones: [{ id: 'default', label: 'Default microphone' }, { id: 'headset', label: 'Headset' }],
      microphone: 'default',
      camera: 'default',
      problem: null,
    });

    await chooseDevice('video', 'document-camera');
    const [webcam] = streams[0]!.stream.getVideoTracks();
    expect($devices.get().camera).toBe('document-camera');
    expect(streams[0]!.tracks[1]!.readyState).toBe('ended');

    await joinQueue();
    // The call sends what the visitor checked.
    expect(conversations[0]!.conversation.localStream.getVideoTracks()).toEqual([webcam]);
    expect(webcam!.getSettings().deviceId).toBe('document-camera');
    expect($call.get()).toEqual({ step: 'queued', media: 'video', position: 3, estimatedWaitSeconds: null });
  });

  it('goes back to the start on Cancel, releasing the devices and telling support nothing', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall('audio');
    hangUp();
    expect($call.get()).toEqual({ step: 'idle' });
    expect(streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect($media.get().local).toBeNull();
    expect($devices.get().microphones).toEqual([]);
    await joinQueue();
    expect(calls()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('says why a chosen device cannot be used and keeps the one that works', async () => {
    await serve({ '/v1/visitor/session': session });
    await startCall('audio');
    devices.devices.splice(1, 1);
    await chooseDevice('audio', 'headset');
    expect($devices.get().problem).toBe('No microphone was found on this device.');
    expect(streams[0]!.tracks[0]!.readyState).toBe('live');
    await chooseDevice('audio', 'default');
    expect($devices.get().problem).toBeNull();
  });
});

describe('devices during the call', () => {
  async function connected(media: Media) {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall(media, { skipCheck: true });
    const [joined] = conversations;
    joined!.emit({ type: 'accepted', agent: { name: 'Ann' } });
    joined!.emit({ type: 'connection', state: 'connected' });
    await vi.waitFor(() => expect($devices.get().microphones).toHaveLength(2));
    return joined!;
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
    devices.devices.splice(1, 1);
    joined.conversation.localStream.getAudioTracks()[0]!.dispatchEvent(new Event('ended'));

    await vi.waitFor(() => expect(joined.sent).toEqual(['replace audio headset', 'replace audio default']));
    await vi.waitFor(() => expect($devices.get()).toMatchObject({ microphone: 'default', problem: null }));
    expect($call.get()).toMatchObject({ step: 'connected' });
  });

  it('tells the visitor when the camera is gone with none to replace it, and keeps the call up', async () => {
    const joined = await connected('video');
    devices.devices.splice(2, 2);
    const [camera] = joined.conversation.localStream.getVideoTracks();
    (camera as unknown as { unplug(): void }).unplug();

    await vi.waitFor(() => expect($devices.get().problem).toBe('Your camera was disconnected'));
    expect($devices.get().camera).toBeNull();
    expect($call.get()).toMatchObject({ step: 'connected' });
    expect(joined.sent).toEqual([]);
    joined.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    expect($devices.get().problem).toBeNull();
  });
});

describe('the survey after a call', () => {
  const connectedThenEnded = async (answers: Record<string, Answer> = {}) => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird, ...answers });
    await startCall('audio', { skipCheck: true });
    const [joined] = conversations;
    joined!.emit({ type: 'accepted', agent: { name: 'Ann' } });
    joined!.emit({ type: 'connection', state: 'connected' });
    joined!.emit({ type: 'ended', reason: 'hangup', outcome: 'completed' });
  };

  it('asks after a call that connected, sends the rating with the conversation token once, and tells the host page', async () => {
    await connectedThenEnded({ '/v1/contacts/c1/survey': (request) => [200, { survey: request.body }] });
    expect($survey.get()).toEqual({ step: 'asking', conversationId: 'c1', token: 'conversation-token' });
    await submitSurvey({ rating: 4, comment: 'Quick' });
    await submitSurvey({ rating: 1, comment: null });
    expect(api.requests.filter((request) => request.path.endsWith('/survey'))).toEqual([
      { path: '/v1/contacts/c1/survey', authorization: 'Bearer conversation-token', body: { rating: 4, comment: 'Quick' } },
    ]);
    expect($survey.get()).toEqual({ step: 'thanks' });
    expect(heard.at(-1)).toEqual({ name: 'survey:submitted', detail: { rating: 4, comment: 'Quick' } });
  });

  it('does not ask after a call that never connected', async () => {
    await serve({ '/v1/visitor/session': session, '/v1/calls': queuedThird });
    await startCall('audio', { skipCheck: true });
    conversations[0]!.emit({ type: 'ended', reason: 'cancelled', outcome: 'cancelled' });
    expect($survey.get()).toEqual({ step: 'none' });
  });

  it('keeps the survey open with the reason when it could not be sent', async () => {
    await connectedThenEnded({ '/v1/contacts/c1/survey': () => [400, { error: { code: 'bad_request', message: 'rating must be an integer from 1 to 5' } }] });
    await submitSurvey({ rating: 4, comment: null });
    expect($survey.get()).toMatchObject({ step: 'asking', error: 'rating must be an integer from 1 to 5' });
    expect(heard.some((event) => event.name === 'survey:submitted')).toBe(false);
  });
});

describe('when support cannot take the call', () => {
  const open: Answer = (request) => [200, { queue: request.path.split('/')[3], open: true, nextOpening: 0 }];
  const closedUntil = (nextOpening: number | null): Answer => (request) => [200, { queue: request.path.split('/')[3], open: false, nextOpening }];
  const callback: Answer = (request) => [200, { conversationId: (request.body as { conversationId?: string }).conversationId ?? 'cb1', token: 'callback-token' }];
  const requests = (path: string) => api.requests.filter((request) => request.path === path);
  const events = (name: HostEvent['name']) => heard.filter((event) => event.name === name);
  const form = { name: 'Ada', email: 'ada@example.com' };
  let failCapture = false;
  const offline = (answers: Record<string, Answer>) =>
    serve({ '/v1/visitor/session': session, ...answers }, async (media) => {
      if (failCapture) throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
      streams.push(fakeStream(media));
      return streams.at(-1)!.stream;
    });

  beforeEach(() => {
    dismissAlternatives();
    $panelOpen.set(false);
    failCapture = false;
  });

  describe('a closed queue', () => {
    it('offers a message or a callback before asking for any device, with the next opening', async () => {
      await offline({ '/v1/queues/billing/status': closedUntil(1_767_686_400_000) });
      await startCall('video', { queue: 'billing' });
      expect($call.get()).toEqual({ step: 'idle' });
      expect(streams).toEqual([]);
      expect(requests('/v1/calls')).toEqual([]);
      expect($alternatives.get()).toEqual({
        step: 'offered', why: { reason: 'closed', queue: 'billing', media: 'video', nextOpening: 1_767_686_400_000 }, form: null, sending: false, error: null,
      });
      expect(events('queue:closed')).toEqual([{ name: 'queue:closed', detail: { queue: 'billing', nextOpening: 1_767_686_400_000 } }]);
    });

    it('offers them too when the queue closed while the visitor checked their devices', async () => {
      await offline({ '/v1/queues/support/status': open, '/v1/calls': () => [200, { closed: true, queue: 'support', nextOpening: null }] });
      await startCall('audio');
      await joinQueue();
      expect(streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
      expect($call.get()).toEqual({ step: 'idle' });
      expect($alternatives.get()).toMatchObject({ step: 'offered', why: { reason: 'closed', queue: 'support', nextOpening: null } });
    });

    it('sends the visitor\'s message, and keeps the form with the reason when it is refused', async () => {
      let refuse = true;
      await offline({
        '/v1/queues/support/status': closedUntil(null),
        '/v1/messages': () => (refuse ? [400, { error: { code: 'bad_request', message: 'email must be an email address' } }] : [200, { contactId: 'm1' }]),
      });
      await startCall('audio');
      chooseForm('message');
      await leaveMessage({ ...form, text: 'Please call me about invoice 42.' });
      expect($alternatives.get()).toMatchObject({ step: 'offered', form: 'message', sending: false, error: 'email must be an email address' });
      refuse = false;
      await leaveMessage({ ...form, text: 'Please call me about invoice 42.' });
      expect($alternatives.get()).toEqual({ step: 'message-sent' });
      expect(requests('/v1/messages').at(-1)).toEqual({
        path: '/v1/messages',
        authorization: 'Bearer visitor-token',
        body: { page: 'https://shop.example/help', media: 'audio', queue: 'support', name: 'Ada', email: 'ada@example.com', text: 'Please call me about invoice 42.' },
      });
      expect(events('message:sent')).toHaveLength(1);
    });

    it('waits for the call back without devices, rings, and connects once the visitor accepts', async () => {
      await offline({ '/v1/queues/support/status': closedUntil(null), '/v1/callbacks': callback });
      await startCall('video');
      chooseForm('callback');
      await askForCallback({ name: 'Ada', email: '' });
      expect(requests('/v1/callbacks')[0]!.body).toEqual({ page: 'https://shop.example/help', media: 'video', queue: 'support', name: 'Ada', email: null });
      expect($alternatives.get()).toEqual({ step: 'none' });
      expect($call.get()).toEqual({ step: 'callback', media: 'video' });
      expect(streams).toEqual([]);
      expect(remembered).toMatchObject({ conversationId: 'cb1', token: 'callback-token', media: 'video', callback: true });
      const [waiting] = conversations;
      expect(waiting!.conversation.localStream.getTracks()).toEqual([]);

      waiting!.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
      expect($call.get()).toEqual({ step: 'ringing', media: 'video', agent: 'Ann', answering: false, problem: null });
      expect($panelOpen.get()).toBe(true);
      await answerCallback();
      // The devices go into the conversation before the answer, so the call starts with them.
      expect(waiting!.conversation.localStream.getTracks()).toEqual(streams[0]!.tracks);
      expect(waiting!.sent).toEqual(['replace audio default', 'replace video default', 'accept-callback']);
      expect($media.get().local).toBe(streams[0]!.stream);
      expect($call.get()).toEqual({ step: 'accepted', media: 'video', agent: 'Ann' });
      expect(remembered).toMatchObject({ conversationId: 'cb1', media: 'video' });
      expect(remembered?.callback).toBeUndefined();
      waiting!.emit({ type: 'accepted', agent: { name: 'Ann' } });
      waiting!.emit({ type: 'connection', state: 'connected' });
      expect($call.get()).toEqual({ step: 'connected', media: 'video', agent: 'Ann', reconnecting: false });
      expect(events('callback:requested')).toHaveLength(1);
      expect(events('callback:ringing')).toHaveLength(1);
    });

    it('keeps ringing with the reason when the devices fail, and declines on request', async () => {
      await offline({ '/v1/queues/support/status': closedUntil(null), '/v1/callbacks': callback });
      await startCall('audio');
      chooseForm('callback');
      await askForCallback(form);
      const [waiting] = conversations;
      waiting!.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
      failCapture = true;
      await answerCallback();
      expect($call.get()).toMatchObject({ step: 'ringing', answering: false, problem: expect.stringMatching(/blocked/) });
      expect(events('error')).toMatchObject([{ detail: { code: 'media_unavailable' } }]);
      declineCallback();
      expect(waiting!.sent).toEqual(['decline-callback']);
      waiting!.emit({ type: 'ended', reason: 'declined', outcome: 'declined' });
      expect($call.get()).toEqual({ step: 'ended', reason: 'declined' });
      expect(remembered).toBeNull();
    });

    it('goes back to waiting when the call back rings out, and cancels the request on hang-up', async () => {
      await offline({ '/v1/queues/support/status': closedUntil(null), '/v1/callbacks': callback });
      await startCall('audio');
      chooseForm('callback');
      await askForCallback(form);
      const [waiting] = conversations;
      waiting!.emit({ type: 'callback-waiting' });
      waiting!.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
      waiting!.emit({ type: 'callback-waiting' });
      expect($call.get()).toEqual({ step: 'callback', media: 'audio' });
      hangUp();
      expect(waiting!.sent).toEqual(['cancel']);
    });
  });

  describe('a wait past the queue\'s maximum', () => {
    async function waiting() {
      await offline({ '/v1/queues/support/status': open, '/v1/calls': () => [200, { conversationId: 'c1', token: 'conversation-token', position: 2 }], '/v1/callbacks': callback, '/v1/messages': () => [200, { contactId: 'c1' }] });
      await startCall('video', { skipCheck: true });
      const [queued] = conversations;
      queued!.emit({ type: 'long-wait', waitedSeconds: 300 });
      return queued!;
    }

    it('offers the alternatives while the visitor keeps their place, until an agent answers', async () => {
      const queued = await waiting();
      expect($alternatives.get()).toMatchObject({ step: 'offered', why: { reason: 'long-wait', conversationId: 'c1', media: 'video', waitedSeconds: 300 } });
      expect($call.get()).toMatchObject({ step: 'queued' });
      expect(events('call:long-wait')).toEqual([{ name: 'call:long-wait', detail: { waitedSeconds: 300 } }]);
      queued.emit({ type: 'accepted', agent: { name: 'Ann' } });
      expect($alternatives.get()).toEqual({ step: 'none' });
    });

    it('turns the waiting call into a callback request in the same conversation, releasing the devices', async () => {
      const queued = await waiting();
      chooseForm('callback');
      await askForCallback(form);
      expect(requests('/v1/callbacks')[0]!.body).toMatchObject({ conversationId: 'c1', name: 'Ada', email: 'ada@example.com', media: 'video' });
      expect(conversations).toHaveLength(1);
      expect(streams[0]!.tracks.every((track) => track.readyState === 'ended')).toBe(true);
      expect($call.get()).toEqual({ step: 'callback', media: 'video' });
      expect(remembered).toMatchObject({ conversationId: 'c1', token: 'callback-token', callback: true });
      queued.emit({ type: 'callback-ringing', agent: { name: 'Ann' } });
      await answerCallback();
      expect(queued.conversation.localStream.getTracks()).toEqual(streams[1]!.tracks);
      expect(queued.sent.at(-1)).toBe('accept-callback');
    });

    it('sends a message in place of the waiting call, which then ends', async () => {
      const queued = await waiting();
      chooseForm('message');
      await leaveMessage({ ...form, text: 'No rush.' });
      expect(requests('/v1/messages')[0]!.body).toMatchObject({ conversationId: 'c1', text: 'No rush.' });
      queued.emit({ type: 'ended', reason: 'message', outcome: 'message' });
      expect($alternatives.get()).toEqual({ step: 'message-sent' });
      expect($call.get()).toEqual({ step: 'ended', reason: 'message' });
    });
  });

  describe('after a reload', () => {
    it('waits for the call back again without asking for devices', async () => {
      await offline({});
      remembered = { conversationId: 'cb1', token: 'callback-token', media: 'video', expiresAt: Date.now() + 60_000, callback: true };
      expect(resumeCall()).toBe(true);
      expect($call.get()).toEqual({ step: 'callback', media: 'video' });
      expect(streams).toEqual([]);
      expect(conversations[0]!.options).toMatchObject({ conversationId: 'cb1', token: 'callback-token' });
    });
  });
});
