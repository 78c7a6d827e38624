// The console's side of a shift over a real WebSocket: what the agent sees
// for each Switchboard message and what the console sends back.
import { agentRefusedCloseCode, type AgentServerMessage } from '@beckon/protocol';
import { fakeDevices, fakeStream, qualitySample } from '@beckon/rtc/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, until, type TestApi, type TestSocket } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $call, hangUp, toggleCamera, toggleMute } from './call.ts';
import { $callbacks, callBack, markCallbackDone } from './callbacks.ts';
import { $contacts } from './contacts.ts';
import { $devices, switchDevice } from './devices.ts';
import { $notice } from './notice.ts';
import { $offer, acceptOffer, declineOffer } from './offer.ts';
import { $presence, choosePresence } from './presence.ts';
import { $quality, recordQualitySample } from './quality.ts';
import { $session, $signIn, sessionFrom, signOut } from './session.ts';
import { followShift } from './shift.ts';
import { $switchboard } from './switchboard.ts';

const caller = { visitor: 'Visitor 7F3A', page: 'https://shop.example/help?<b>x</b>' };
const offer = (offerId = 'o1', media: 'audio' | 'video' = 'video'): AgentServerMessage => ({
  type: 'offer',
  offerId,
  conversationId: `c-${offerId}`,
  media,
  caller,
  expiresAt: Date.now() + 30_000,
});

let api: TestApi;
let agent: TestSocket;
let stopFollowing: () => void;

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  api.route('GET', '/v1/contacts', () => ({
    status: 200,
    body: {
      contacts: [{ id: 'k1', visitor: 'Visitor 7F3A', page: '', media: 'video', agent: null, createdAt: 0, connectedAt: null, endedAt: null, durationSeconds: 0, outcome: 'completed' }],
    },
  }));
  stopFollowing = followShift();
});

afterAll(async () => {
  stopFollowing();
  await api.close();
});

// The agent's devices; the first of each kind is the default.
let devices: ReturnType<typeof fakeDevices>;

beforeEach(async () => {
  devices = fakeDevices([
    { kind: 'audioinput', deviceId: 'default', label: 'Laptop microphone' },
    { kind: 'audioinput', deviceId: 'headset', label: 'Headset' },
    { kind: 'videoinput', deviceId: 'default', label: 'Webcam' },
  ]);
  $session.set(sessionFrom({ accessToken: 'access-1', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Ada', email: 'ada@example.com', role: 'agent' } }, Date.now()));
  agent = await api.nextSocket('/v1/agent/ws');
  await until(() => $switchboard.get() === 'open');
});

afterEach(() => signOut());

describe('presence', () => {
  it('opens the presence socket with the access token', () => {
    expect(agent.url.searchParams.get('token')).toBe('access-1');
  });

  it('sends the status the agent picks', async () => {
    choosePresence('away');
    expect(await agent.nextMessage()).toEqual({ type: 'presence', status: 'away' });
    expect($presence.get().status).toBe('away');
  });

  it('stays Away when the agent picks Away before the server greeting arrives', async () => {
    choosePresence('away');
    await agent.nextMessage();
    agent.send({ type: 'presence', status: 'available' });
    expect(await agent.nextMessage()).toEqual({ type: 'presence', status: 'away' });
    expect($presence.get().status).toBe('away');
  });

  it('treats only the first presence after connecting as the greeting', async () => {
    agent.send({ type: 'presence', status: 'away' });
    await until(() => $presence.get().status === 'away');
    agent.send({ type: 'presence', status: 'available' });
    await until(() => $presence.get().status === 'available');
    expect(agent.received).toEqual([]);
  });

  it('shows a missed call when the server sets the agent Away, until the agent is Available again', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    agent.send({ type: 'offer-withdrawn', offerId: 'o1', reason: 'timeout' });
    agent.send({ type: 'presence', status: 'away', reason: 'missed-offer' });
    await until(() => $presence.get().awayReason === 'missed-offer');
    expect($presence.get().status).toBe('away');
    expect($offer.get()).toBeNull();
    choosePresence('available');
    expect($presence.get()).toEqual({ status: 'available', awayReason: null });
  });

  it('shows that the connection was lost when the server greets the agent as Away for it', async () => {
    agent.send({ type: 'presence', status: 'away', reason: 'connection-lost' });
    await until(() => $presence.get().awayReason === 'connection-lost');
    expect($presence.get().status).toBe('away');
  });

  it('reconnects after the socket drops and keeps an Away agent Away', async () => {
    choosePresence('away');
    await agent.nextMessage();
    agent.socket.terminate();
    await until(() => $switchboard.get() === 'connecting');
    const again = await api.nextSocket('/v1/agent/ws');
    await until(() => $switchboard.get() === 'open');
    // The server greets every new socket by making the agent Available.
    again.send({ type: 'presence', status: 'available' });
    expect(await again.nextMessage()).toEqual({ type: 'presence', status: 'away' });
    expect($presence.get().status).toBe('away');
    agent = again;
  });

  it('says it is leaving, then closes the socket on sign-out, so the server sees the agent offline at once', async () => {
    const closed = new Promise((resolve) => agent.socket.once('close', resolve));
    signOut();
    expect(await agent.nextMessage()).toEqual({ type: 'leave' });
    await closed;
    expect($switchboard.get()).toBe('offline');
  });
});

describe('offers', () => {
  it('rings with the caller and stops when the visitor hangs up', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    expect($offer.get()).toMatchObject({ offerId: 'o1', media: 'video', caller, answering: false });
    expect($offer.get()!.ringsUntil - Date.now()).toBeGreaterThan(29_000);
    agent.send({ type: 'offer-withdrawn', offerId: 'o1', reason: 'cancelled' });
    await until(() => $offer.get() === null);
    expect($notice.get()?.text).toBe('The caller hung up');
  });

  it('ignores the withdrawal of an offer that is not ringing here', async () => {
    agent.send(offer('o2'));
    await until(() => $offer.get() !== null);
    agent.send({ type: 'offer-withdrawn', offerId: 'other', reason: 'taken' });
    agent.send({ type: 'presence', status: 'available' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect($offer.get()?.offerId).toBe('o2');
  });

  it('declines', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    declineOffer();
    expect(await agent.nextMessage()).toEqual({ type: 'decline', offerId: 'o1' });
    expect($offer.get()).toBeNull();
  });

  it('captures the camera only for video calls, before sending accept', async () => {
    agent.send(offer('o1', 'audio'));
    await until(() => $offer.get() !== null);
    const asked: string[] = [];
    await acceptOffer(async (media) => {
      asked.push(media);
      expect(agent.received).toEqual([]);
      return fakeStream(media === 'chat' ? 'audio' : media).stream;
    }, devices.access);
    expect(asked).toEqual(['audio']);
    expect(await agent.nextMessage()).toEqual({ type: 'accept', offerId: 'o1' });
    expect($call.get()).toMatchObject({ phase: 'joining', conversationId: 'c-o1' });
  });

  it('declines and says why when the microphone or camera cannot be used', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    await acceptOffer(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    expect(await agent.nextMessage()).toEqual({ type: 'decline', offerId: 'o1' });
    expect($offer.get()).toBeNull();
    expect($call.get()).toBeNull();
    expect($notice.get()).toEqual({ tone: 'alert', text: 'The browser blocked your microphone or camera. The call was declined.' });
  });

  it('does not accept an offer withdrawn while the devices were starting, and frees them', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    const { stream, tracks } = fakeStream('video');
    await acceptOffer(async () => {
      agent.send({ type: 'offer-withdrawn', offerId: 'o1', reason: 'cancelled' });
      await until(() => $offer.get() === null);
      return stream;
    }, devices.access);
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    expect($call.get()).toBeNull();
    agent.send({ type: 'presence', status: 'available' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(agent.received).toEqual([]);
  });

  it('stops ringing when the presence socket drops, since the server withdraws the offer', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    agent.socket.terminate();
    await until(() => $offer.get() === null);
    agent = await api.nextSocket('/v1/agent/ws');
  });

  it('frees the devices when the server refuses an accept', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    const { stream, tracks } = fakeStream('video');
    await acceptOffer(async () => stream, devices.access);
    await agent.nextMessage();
    agent.send({ type: 'error', code: 'conflict', message: 'This call was already answered.' });
    await until(() => $call.get() === null);
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    expect($notice.get()?.text).toBe('This call was already answered.');
  });
});

describe('a call', () => {
  async function answer() {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    const fake = fakeStream('video');
    await acceptOffer(async () => fake.stream, devices.access);
    await agent.nextMessage();
    agent.send({ type: 'assigned', conversationId: 'c-o1', token: 'conversation-token', media: 'video', caller });
    const conversation = await api.nextSocket('/v1/conversations/');
    // The server sees the socket before the browser side reports it open, and rtc drops messages sent before that.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { conversation, ...fake };
  }

  it('joins the assigned conversation with its token and shows Connecting until the peer connects', async () => {
    recordQualitySample(qualitySample({ lossPercent: 8 }));
    const { conversation } = await answer();
    expect($quality.get()).toEqual([]);
    expect(conversation.url.pathname).toBe('/v1/conversations/c-o1/ws');
    expect(conversation.url.searchParams.get('token')).toBe('conversation-token');
    expect($call.get()).toMatchObject({ phase: 'live', connection: 'new', muted: false });
  });

  it('mutes the microphone and turns the camera off', async () => {
    const { tracks } = await answer();
    toggleMute();
    expect($call.get()).toMatchObject({ muted: true });
    expect(tracks.find((t) => t.kind === 'audio')?.enabled).toBe(false);
    toggleCamera();
    expect(tracks.find((t) => t.kind === 'video')?.enabled).toBe(false);
    toggleMute();
    expect(tracks.find((t) => t.kind === 'audio')?.enabled).toBe(true);
  });

  it('hangs up, closes the call on ended, and refreshes History', async () => {
    const { conversation, tracks } = await answer();
    $contacts.set({ items: [], loading: false, error: null });
    recordQualitySample(qualitySample({ lossPercent: 8 }));
    hangUp();
    expect(await conversation.nextMessage()).toEqual({ type: 'hangup', reason: 'hangup', seq: 1 });
    conversation.send({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    await until(() => $call.get() === null);
    expect($notice.get()?.text).toBe('Call ended');
    expect($quality.get()).toEqual([]);
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    await until(() => $contacts.get().items.length === 1);
  });

  it('hangs up when the agent signs out mid-call', async () => {
    const { conversation, tracks } = await answer();
    signOut();
    expect(await conversation.nextMessage()).toEqual({ type: 'hangup', reason: 'hangup', seq: 1 });
    expect($call.get()).toBeNull();
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('moves the call to the headset, keeping it muted, and says which one it uses', async () => {
    const { stream, tracks } = await answer();
    await until(() => $devices.get().microphones.length === 2);
    toggleMute();
    await switchDevice('audio', 'headset');
    const [headset] = stream.getAudioTracks();
    expect(headset).toBe(devices.captured[0]);
    expect(headset!.enabled).toBe(false);
    expect(tracks[0]!.readyState).toBe('ended');
    expect($devices.get()).toMatchObject({ microphone: 'headset', problem: null });
  });

  it('tells the agent their camera was unplugged with none to replace it, and stays in the call', async () => {
    const { tracks } = await answer();
    devices.devices.splice(2, 1);
    tracks[1]!.unplug();
    await until(() => $devices.get().problem !== null);
    expect($devices.get()).toMatchObject({ problem: 'Your camera was disconnected.', camera: null });
    expect($call.get()).toMatchObject({ phase: 'live' });
    signOut();
    expect($devices.get().problem).toBeNull();
  });
});

describe('callbacks', () => {
  const task = { contactId: 'c1', queue: 'billing', name: 'Ada', email: 'ada@example.com', page: 'https://shop.example/help', media: 'video', requestedAt: 1, reachable: true, calling: false } as const;
  const listed = async () => {
    agent.send({ type: 'callbacks', callbacks: [task] });
    await until(() => $callbacks.get().length === 1);
  };

  it('lists the visitors to call back as the server sends them, and forgets them on sign-out', async () => {
    await listed();
    expect($callbacks.get()).toEqual([task]);
    agent.send({ type: 'callbacks', callbacks: [{ ...task, reachable: false }] });
    await until(() => $callbacks.get()[0]?.reachable === false);
    signOut();
    expect($callbacks.get()).toEqual([]);
  });

  it('starts the devices before calling back, and joins the call once the visitor accepts', async () => {
    await listed();
    const asked: string[] = [];
    await callBack('c1', async (media) => {
      asked.push(media);
      expect(agent.received).toEqual([]);
      return fakeStream(media === 'chat' ? 'audio' : media).stream;
    }, devices.access);
    expect(asked).toEqual(['video']);
    expect(await agent.nextMessage()).toEqual({ type: 'call-back', contactId: 'c1' });
    expect($call.get()).toMatchObject({ phase: 'joining', conversationId: 'c1', caller: { visitor: 'Ada' } });
    expect($notice.get()).toEqual({ tone: 'status', text: 'Calling Ada back…' });
    agent.send({ type: 'assigned', conversationId: 'c1', token: 'conversation-token', media: 'video', caller: { visitor: 'Visitor 7F3A', page: task.page } });
    const conversation = await api.nextSocket('/v1/conversations/');
    expect(conversation.url.pathname).toBe('/v1/conversations/c1/ws');
    expect($call.get()).toMatchObject({ phase: 'live', conversationId: 'c1' });
  });

  it('frees the devices and says why when the visitor does not take the call back', async () => {
    await listed();
    const { stream, tracks } = fakeStream('video');
    await callBack('c1', async () => stream, devices.access);
    await agent.nextMessage();
    agent.send({ type: 'callback-unanswered', contactId: 'c1', reason: 'declined' });
    await until(() => $call.get() === null);
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect($notice.get()?.text).toBe('Ada declined the call back.');
  });

  it('says why when the devices cannot be started, and calls nobody', async () => {
    await listed();
    await callBack('c1', () => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    expect($notice.get()).toEqual({ tone: 'alert', text: 'The browser blocked your microphone or camera.' });
    expect($call.get()).toBeNull();
    markCallbackDone('c1');
    expect(await agent.nextMessage()).toEqual({ type: 'callback-done', contactId: 'c1' });
  });
});

describe('removal', () => {
  it('signs out with a reason, rather than reconnecting, when the server refuses the agent', async () => {
    api.route('POST', '/v1/auth/refresh', () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Please sign in again.' } } }));
    agent.socket.close(agentRefusedCloseCode, 'removed');
    await until(() => $session.get() === null);
    expect($signIn.get().error).toBe('Your session ended. Please sign in again.');
    expect($switchboard.get()).toBe('offline');
  });
});
