// The console's side of a shift over a real WebSocket: what the agent sees
// for each Switchboard message and what the console sends back.
import { agentRefusedCloseCode, type AgentServerMessage } from '@beckon/protocol';
import { fakeStream, qualitySample } from '@beckon/rtc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { until, type TestSocket } from '../test-api.ts';
import { useShift } from '../test-shift.ts';
import { $callbacks, callBack, markCallbackDone } from './callbacks.ts';
import { $conversations, $selectedConversation } from './conversations.ts';
import { $contacts } from './contacts.ts';
import { $devices, switchDevice } from './devices.ts';
import { hangUp, toggleCamera, toggleMute } from './escalation.ts';
import { $notice } from './notice.ts';
import { $offer, acceptOffer, declineOffer } from './offer.ts';
import { $presence, choosePresence } from './presence.ts';
import { $quality, recordQualitySample } from './quality.ts';
import { $session, $signIn, refreshSession, signOut } from './session.ts';
import { $switchboard } from './switchboard.ts';
import { $transfer, openTransfer, transfer } from './transfer.ts';
import { $wrapUps, editWrapUp, saveWrapUp } from './wrap-up.ts';

const caller = { visitor: 'Visitor 7F3A', page: 'https://shop.example/help?<b>x</b>' };
const offer = (offerId = 'o1', media: 'audio' | 'video' = 'video'): AgentServerMessage => ({
  type: 'offer',
  offerId,
  conversationId: `c-${offerId}`,
  media,
  caller,
  expiresAt: Date.now() + 30_000,
});

const shift = useShift();
let agent: TestSocket;
let devices: typeof shift.devices;
const api = () => shift.api;
beforeEach(() => {
  agent = shift.agent;
  devices = shift.devices;
});

const noConversations = () => Object.keys($conversations.get()).length === 0;

// The browser's own getUserMedia, answered by `answer` (Node has none); null takes it away again. Returns the constraints asked for.
function withBrowserDevices(answer: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | null): MediaStreamConstraints[] {
  const asked: MediaStreamConstraints[] = [];
  if (!answer) delete (navigator as { mediaDevices?: unknown }).mediaDevices;
  else Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: (constraints: MediaStreamConstraints) => (asked.push(constraints), answer(constraints)) } });
  return asked;
}

describe('presence', () => {
  it('opens the presence socket with the access token, kept out of its URL', () => {
    expect(agent.token).toBe('access-1');
    expect(agent.url.search).toBe('');
  });

  it('hands the presence socket each fresh access token, so the server keeps it open past the first', async () => {
    api().route('POST', '/v1/auth/refresh', () => ({
      status: 200,
      body: { accessToken: 'access-2', refreshToken: 'r2', expiresIn: 900, agent: { id: 'a1', name: 'Ada', email: 'ada@example.com', role: 'agent' } },
    }));
    await refreshSession();
    expect(await agent.nextMessage()).toEqual({ type: 'renew', token: 'access-2' });
    expect($switchboard.get()).toBe('open');
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
    const again = await api().nextSocket('/v1/agent/ws');
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

  it('rings for a chat and says the visitor left when they do', async () => {
    agent.send({ ...offer('o3'), media: 'chat' });
    await until(() => $offer.get()?.media === 'chat');
    agent.send({ type: 'offer-withdrawn', offerId: 'o3', reason: 'cancelled' });
    await until(() => $offer.get() === null);
    expect($notice.get()?.text).toBe('The visitor left the chat');
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
    await acceptOffer(async (kinds) => {
      asked.push(kinds.join('+'));
      expect(agent.received).toEqual([]);
      return fakeStream(kinds.includes('video') ? 'video' : 'audio').stream;
    }, devices.access);
    expect(asked).toEqual(['audio']);
    expect(await agent.nextMessage()).toEqual({ type: 'accept', offerId: 'o1' });
    expect($selectedConversation.get()).toMatchObject({ phase: 'joining', id: 'c-o1', media: 'audio' });
  });

  it('starts the devices while a call rings and says so, and Accept answers at once', async () => {
    const { stream, tracks } = fakeStream('video');
    const asked = withBrowserDevices(async () => stream);
    try {
      agent.send(offer());
      await until(() => $offer.get()?.devicesReady === true);
      expect(asked).toEqual([{ audio: true, video: true }]);
      await acceptOffer(() => Promise.reject(new Error('Accept must not start the devices again.')), devices.access);
      expect(await agent.nextMessage()).toEqual({ type: 'accept', offerId: 'o1' });
      expect($selectedConversation.get()!.localStream!.getTracks()).toEqual(tracks);
      expect(tracks.every((t) => t.readyState === 'live')).toBe(true);
    } finally {
      withBrowserDevices(null);
    }
  });

  it('lets go of the devices and the socket a ringing call got ready when it stops ringing or is declined', async () => {
    const started: ReturnType<typeof fakeStream>[] = [];
    withBrowserDevices(async () => (started.push(fakeStream('video')), started.at(-1)!.stream));
    try {
      agent.send({ ...offer('o1'), token: 'offer-token' } as AgentServerMessage);
      const first = await api().nextSocket('/v1/conversations/');
      await until(() => $offer.get()?.devicesReady === true);
      agent.send({ type: 'offer-withdrawn', offerId: 'o1', reason: 'timeout' });
      await until(() => first.socket.readyState === WebSocket.CLOSED);
      expect(started[0]!.tracks.every((t) => t.readyState === 'ended')).toBe(true);

      agent.send({ ...offer('o2'), token: 'offer-token-2' } as AgentServerMessage);
      const second = await api().nextSocket('/v1/conversations/');
      await until(() => $offer.get()?.devicesReady === true);
      declineOffer();
      expect(await agent.nextMessage()).toEqual({ type: 'decline', offerId: 'o2' });
      await until(() => second.socket.readyState === WebSocket.CLOSED);
      expect(started[1]!.tracks.every((t) => t.readyState === 'ended')).toBe(true);
    } finally {
      withBrowserDevices(null);
    }
  });

  it('says while it rings that the devices did not start, and Accept tries them again', async () => {
    withBrowserDevices(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    try {
      agent.send(offer());
      await until(() => $offer.get()?.deviceProblem !== undefined);
      expect($offer.get()!.deviceProblem).toBe('The browser blocked your microphone or camera.');
      await acceptOffer(async () => fakeStream('video').stream, devices.access);
      expect(await agent.nextMessage()).toEqual({ type: 'accept', offerId: 'o1' });
    } finally {
      withBrowserDevices(null);
    }
  });

  it('declines and says why when the microphone or camera cannot be used', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    await acceptOffer(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    expect(await agent.nextMessage()).toEqual({ type: 'decline', offerId: 'o1' });
    expect($offer.get()).toBeNull();
    expect(noConversations()).toBe(true);
    expect($notice.get()).toEqual({ tone: 'alert', text: 'The browser blocked your microphone or camera. The call was declined.' });
  });

  it('declines with a notice where the browser has no devices to offer (a page not served securely)', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    // The browser's own capture, in a runtime without navigator.mediaDevices.
    await acceptOffer();
    expect(await agent.nextMessage()).toEqual({ type: 'decline', offerId: 'o1' });
    expect(noConversations()).toBe(true);
    expect($notice.get()).toEqual({ tone: 'alert', text: 'Your microphone or camera could not be started. The call was declined.' });
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
    expect(noConversations()).toBe(true);
    agent.send({ type: 'presence', status: 'available' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(agent.received).toEqual([]);
  });

  it('stops ringing when the presence socket drops, since the server withdraws the offer', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    agent.socket.terminate();
    await until(() => $offer.get() === null);
    agent = await api().nextSocket('/v1/agent/ws');
  });

  it('frees the devices when the server refuses an accept', async () => {
    agent.send(offer());
    await until(() => $offer.get() !== null);
    const { stream, tracks } = fakeStream('video');
    await acceptOffer(async () => stream, devices.access);
    await agent.nextMessage();
    agent.send({ type: 'error', code: 'conflict', message: 'This call was already answered.' });
    await until(noConversations);
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
    const conversation = await api().nextSocket('/v1/conversations/');
    // The server sees the socket before the browser side reports it open, and rtc drops messages sent before that.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { conversation, ...fake, stream: $selectedConversation.get()!.localStream! };
  }

  it('opens the conversation socket while the call rings when the offer carries a token, and keeps it once assigned', async () => {
    agent.send({ ...offer(), token: 'offer-token' } as AgentServerMessage);
    const early = await api().nextSocket('/v1/conversations/');
    expect(early.token).toBe('offer-token');
    await until(() => $offer.get() !== null);
    await acceptOffer(async () => fakeStream('video').stream, devices.access);
    expect(await agent.nextMessage()).toEqual({ type: 'accept', offerId: 'o1' });
    agent.send({ type: 'assigned', conversationId: 'c-o1', token: 'conversation-token', media: 'video', caller });
    await until(() => $selectedConversation.get()?.phase === 'live');
    // The call got ready while it rang, so it is being set up; it is drawn once connected, or half a second later.
    expect($selectedConversation.get()?.settingUp).toBe(true);
    await until(() => $selectedConversation.get()?.settingUp === false, 1000);
    // What the conversation says reaches the console through the socket opened while it rang.
    early.send({ type: 'chat', message: { n: 1, id: 'v1', from: 'visitor', text: 'Hello', at: 1 }, seq: 1 });
    await until(() => $selectedConversation.get()?.messages.length === 1);
  });

  it('joins the assigned conversation with its token and shows Connecting until the peer connects', async () => {
    recordQualitySample(qualitySample({ lossPercent: 8 }));
    const { conversation } = await answer();
    expect($quality.get()).toEqual([]);
    expect(conversation.url.pathname).toBe('/v1/conversations/c-o1/ws');
    expect(conversation.token).toBe('conversation-token');
    expect($selectedConversation.get()).toMatchObject({ phase: 'live', connection: 'new', muted: false, settingUp: false });
  });

  it('mutes the microphone and turns the camera off', async () => {
    const { tracks } = await answer();
    toggleMute('c-o1');
    expect($selectedConversation.get()).toMatchObject({ muted: true });
    expect(tracks.find((t) => t.kind === 'audio')?.enabled).toBe(false);
    toggleCamera('c-o1');
    expect(tracks.find((t) => t.kind === 'video')?.enabled).toBe(false);
    toggleMute('c-o1');
    expect(tracks.find((t) => t.kind === 'audio')?.enabled).toBe(true);
  });

  it('hangs up, ends the call on ended and refreshes History; the conversation closes once its wrap-up is saved', async () => {
    const { conversation, tracks } = await answer();
    $contacts.set({ items: [], loading: false, error: null, next: null });
    recordQualitySample(qualitySample({ lossPercent: 8 }));
    hangUp('c-o1');
    expect(await conversation.nextMessage()).toEqual({ type: 'hangup', reason: 'hangup', seq: 1 });
    conversation.send({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    await until(() => $selectedConversation.get()?.phase === 'ended');
    expect($notice.get()?.text).toBe('Call ended: Visitor 7F3A');
    expect($quality.get()).toEqual([]);
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    await until(() => $contacts.get().items.length === 1);

    agent.send({ type: 'wrap-up', contactId: 'c-o1', until: Date.now() + 5_000 });
    await until(() => $wrapUps.get()['c-o1'] !== undefined);
    editWrapUp('c-o1', { disposition: 'resolved' });
    expect(saveWrapUp('c-o1')).toBe(true);
    expect(await agent.nextMessage()).toEqual({ type: 'wrap-up', contactId: 'c-o1', disposition: 'resolved', notes: '', reason: null });
    agent.send({ type: 'wrap-up-ended', contactId: 'c-o1', saved: true });
    await until(noConversations);
  });

  it('lets a wrap-up be saved again when its save hears no answer: the server refused it, or the socket dropped', async () => {
    agent.send({ type: 'wrap-up', contactId: 'k9', until: Date.now() + 5_000 });
    await until(() => $wrapUps.get()['k9'] !== undefined);
    editWrapUp('k9', { disposition: 'resolved' });
    expect(saveWrapUp('k9')).toBe(true);
    await agent.nextMessage();
    expect(saveWrapUp('k9')).toBe(false);
    agent.send({ type: 'error', code: 'conflict', message: 'That is not one of your ended calls.' });
    await until(() => $wrapUps.get()['k9']?.saving === false);

    expect(saveWrapUp('k9')).toBe(true);
    await agent.nextMessage();
    agent.socket.terminate();
    await until(() => $wrapUps.get()['k9']?.saving === false);
    agent = await api().nextSocket('/v1/agent/ws');
    await until(() => $switchboard.get() === 'open');
    expect(saveWrapUp('k9')).toBe(true);
    expect(await agent.nextMessage()).toEqual({ type: 'wrap-up', contactId: 'k9', disposition: 'resolved', notes: '', reason: null });
  });

  it('hangs up when the agent signs out mid-call', async () => {
    const { conversation, tracks } = await answer();
    signOut();
    expect(await conversation.nextMessage()).toEqual({ type: 'hangup', reason: 'hangup', seq: 1 });
    expect(noConversations()).toBe(true);
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('moves the call to the headset, keeping it muted, and says which one it uses', async () => {
    const { stream, tracks } = await answer();
    await until(() => $devices.get().microphones.length === 2);
    toggleMute('c-o1');
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
    expect($selectedConversation.get()).toMatchObject({ phase: 'live' });
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
    const asked: string[][] = [];
    await callBack('c1', async (kinds) => {
      asked.push([...kinds]);
      expect(agent.received).toEqual([]);
      return fakeStream('video').stream;
    }, devices.access);
    expect(asked).toEqual([['audio', 'video']]);
    expect(await agent.nextMessage()).toEqual({ type: 'call-back', contactId: 'c1' });
    expect($conversations.get().c1).toMatchObject({ phase: 'joining', caller: { visitor: 'Ada' } });
    expect($notice.get()).toEqual({ tone: 'status', text: 'Calling Ada back…' });
    agent.send({ type: 'assigned', conversationId: 'c1', token: 'conversation-token', media: 'video', caller: { visitor: 'Visitor 7F3A', page: task.page } });
    const conversation = await api().nextSocket('/v1/conversations/');
    expect(conversation.url.pathname).toBe('/v1/conversations/c1/ws');
    expect($conversations.get().c1).toMatchObject({ phase: 'live' });
  });

  it('frees the devices and says why when the visitor does not take the call back', async () => {
    await listed();
    const { stream, tracks } = fakeStream('video');
    await callBack('c1', async () => stream, devices.access);
    await agent.nextMessage();
    agent.send({ type: 'callback-unanswered', contactId: 'c1', reason: 'declined' });
    await until(() => $conversations.get().c1 === undefined);
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect($notice.get()?.text).toBe('Ada declined the call back.');
  });

  it('says why when the devices cannot be started, and calls nobody', async () => {
    await listed();
    await callBack('c1', () => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    expect($notice.get()).toEqual({ tone: 'alert', text: 'The browser blocked your microphone or camera.' });
    expect($conversations.get().c1).toBeUndefined();
    markCallbackDone('c1');
    expect(await agent.nextMessage()).toEqual({ type: 'callback-done', contactId: 'c1' });
  });
});

describe('removal', () => {
  it('signs out with a reason, rather than reconnecting, when the server refuses the agent', async () => {
    api().route('POST', '/v1/auth/refresh', () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Please sign in again.' } } }));
    agent.socket.close(agentRefusedCloseCode, 'removed');
    await until(() => $session.get() === null);
    expect($signIn.get().error).toBe('Your session ended. Please sign in again.');
    expect($switchboard.get()).toBe('offline');
  });
});

describe('transfers', () => {
  const targets = { queues: [{ id: 'billing', name: 'Billing' }], agents: [{ id: 'a2', name: 'Sam', status: 'available' }] };

  it('loads where to hand on, rings a colleague warm and says when they decline', async () => {
    api().route('GET', '/v1/transfer-targets', () => ({ status: 200, body: targets }));
    await openTransfer('c1');
    expect($transfer.get()).toMatchObject({ conversationId: 'c1', targets, error: null });
    transfer('c1', { agent: 'a2' }, true, 'Wants a refund');
    expect(await agent.nextMessage()).toEqual({ type: 'transfer', contactId: 'c1', to: { agent: 'a2' }, warm: true, note: 'Wants a refund' });
    expect($transfer.get()?.ringing).toBe('Sam');
    agent.send({ type: 'transfer-ended', contactId: 'c1', result: 'declined' });
    await until(() => $transfer.get() === null);
    expect($notice.get()).toEqual({ tone: 'alert', text: 'Sam declined the transfer; the conversation stays with you.' });
  });

  it('closes the form at once for a blind transfer, and says why targets could not load', async () => {
    api().route('GET', '/v1/transfer-targets', () => ({ status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.' } } }));
    await openTransfer('c1');
    expect($transfer.get()?.error).toMatch(/^Could not load where to transfer: /);
    transfer('c1', { queue: 'billing' }, false, '');
    expect(await agent.nextMessage()).toEqual({ type: 'transfer', contactId: 'c1', to: { queue: 'billing' }, warm: false, note: '' });
    expect($transfer.get()).toBeNull();
  });
});
