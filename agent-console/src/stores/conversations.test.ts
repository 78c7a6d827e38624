// Conversations on the console over real WebSockets: several chats at once,
// chat with receipts and typing, consent before any device starts, calls
// inside a conversation, screen sharing, and transcripts in History.
import type { ConversationMedia } from '@beckon/protocol';
import { fakeMediaStream, fakeTrack, type FakeTrack } from '@beckon/rtc/testing';
import { describe, expect, it } from 'vitest';
import type { Capture } from '../media.ts';
import { until, type TestSocket } from '../test-api.ts';
import { useShift } from '../test-shift.ts';
import { rejoinConversations } from './assignment.ts';
import { editDraft, sendMessage, toggleRealTimeText } from './chat.ts';
import { receiptOf, unreadCount } from './conversation-state.ts';
import { $conversations, $selectedId, $unreadTotal, conversationById, resetConversations, selectConversation } from './conversations.ts';
import { $devices } from './devices.ts';
import { answerRequest, callBlocker, endCall, requestCall, switchToVoice, withdrawRequest } from './escalation.ts';
import { $notice } from './notice.ts';
import { $offer, acceptOffer } from './offer.ts';
import { $pageVisible } from './page-visibility.ts';
import { askToSeeScreen, shareMyScreen, stopSharing } from './screen-share.ts';
import { $transcript, openTranscript } from './transcript.ts';

const shift = useShift();

/** A capture that records what it was asked for and hands out stand-in tracks. */
function recordingCapture() {
  const asked: string[] = [];
  const tracks: FakeTrack[] = [];
  const capture: Capture = async (kinds) => {
    asked.push(kinds.join('+'));
    const captured = kinds.map((kind) => fakeTrack(kind));
    tracks.push(...captured);
    return fakeMediaStream(captured);
  };
  return { asked, tracks, capture };
}

/** Rings offer `n`, accepts it and returns the conversation socket once the console joined. */
async function accept(n: number, media: ConversationMedia = 'chat', capture: Capture = recordingCapture().capture): Promise<TestSocket> {
  const caller = { visitor: `Visitor ${n}`, page: `https://shop.example/${n}` };
  shift.agent.send({ type: 'offer', offerId: `o${n}`, conversationId: `c${n}`, media, caller, expiresAt: Date.now() + 30_000 });
  await until(() => $offer.get()?.offerId === `o${n}`);
  await acceptOffer(capture, shift.devices.access);
  expect(await shift.agent.nextMessage()).toEqual({ type: 'accept', offerId: `o${n}` });
  shift.agent.send({ type: 'assigned', conversationId: `c${n}`, token: `t${n}`, media, caller });
  const conversation = await shift.api.nextSocket(`/v1/conversations/c${n}/`);
  // The server sees the socket before the browser side reports it open, and rtc drops typing sent before that.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return conversation;
}

/** The next message of a type the console sends, skipping others (such as delivery receipts). */
async function next(socket: TestSocket, matches: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (;;) {
    const message = (await socket.nextMessage()) as Record<string, unknown>;
    if (matches(message)) return message;
  }
}

const readReceipt = (message: Record<string, unknown>) => message.type === 'receipt' && message.kind === 'read';
let sent = 0;
const visitorSays = (socket: TestSocket, n: number, text: string) =>
  socket.send({ type: 'chat', message: { n, id: `v${++sent}`, from: 'visitor', text, at: Date.now() } });

describe('several conversations', () => {
  it('holds several chats at once, shows the one accepted last, and captures nothing for a chat', async () => {
    const { asked, capture } = recordingCapture();
    await accept(1, 'chat', capture);
    await accept(2, 'chat', capture);
    expect(Object.keys($conversations.get())).toEqual(['c1', 'c2']);
    expect($selectedId.get()).toBe('c2');
    expect(Object.values($conversations.get()).map(({ phase, media, localStream }) => ({ phase, media, localStream }))).toEqual([
      { phase: 'live', media: 'chat', localStream: null },
      { phase: 'live', media: 'chat', localStream: null },
    ]);
    expect(asked).toEqual([]);
  });

  it('counts unread messages of a conversation not on screen, and marks them read once it is shown', async () => {
    const first = await accept(1);
    const second = await accept(2);
    visitorSays(first, 1, 'Hello?');
    visitorSays(first, 2, 'Anyone there?');
    visitorSays(second, 1, 'My order is late');
    expect(await next(second, readReceipt)).toEqual({ type: 'receipt', kind: 'read', through: 1, seq: expect.any(Number) });
    await until(() => unreadCount(conversationById('c1')!) === 2);
    expect($unreadTotal.get()).toBe(2);

    selectConversation('c1');
    expect(await next(first, readReceipt)).toMatchObject({ kind: 'read', through: 2 });
    expect($unreadTotal.get()).toBe(0);

    // A hidden tab reads nothing; coming back to it does.
    $pageVisible.set(false);
    visitorSays(first, 3, 'Hello??');
    await until(() => $unreadTotal.get() === 1);
    $pageVisible.set(true);
    expect(await next(first, readReceipt)).toMatchObject({ kind: 'read', through: 3 });
    expect($unreadTotal.get()).toBe(0);
  });

  it('shows what the visitor wrote while queued when the agent joins', async () => {
    const conversation = await accept(1);
    conversation.send({ type: 'media', media: 'chat', seq: 1 });
    conversation.send({ type: 'chat', seq: 2, message: { n: 1, id: 'q1', from: 'visitor', text: 'I was charged twice', at: 1 } });
    conversation.send({ type: 'chat', seq: 3, message: { n: 2, id: 'q2', from: 'visitor', text: 'Order 1234', at: 2 } });
    await until(() => conversationById('c1')!.messages.length === 2);
    expect(conversationById('c1')!.messages.map((message) => message.text)).toEqual(['I was charged twice', 'Order 1234']);
    // One delivery receipt for the burst, then read: the conversation is on screen.
    expect(await conversation.nextMessage()).toEqual({ type: 'receipt', kind: 'delivered', through: 2, seq: 1 });
    expect(await conversation.nextMessage()).toEqual({ type: 'receipt', kind: 'read', through: 2, seq: 2 });
  });

  it('takes a conversation off the list when another tab took it over', async () => {
    const conversation = await accept(1);
    conversation.socket.close(4409, 'continued elsewhere');
    await until(() => conversationById('c1') === undefined);
    expect($notice.get()?.text).toBe('The conversation with Visitor 1 continues in another tab.');
  });

  it('joins the conversations of before a reload again, with their transcript', async () => {
    await accept(1);
    const kept = sessionStorage.getItem('beckon.agent-conversations');
    // A reload starts the console's stores from nothing; sessionStorage survives it.
    resetConversations();
    sessionStorage.setItem('beckon.agent-conversations', kept!);
    rejoinConversations();
    const again = await shift.api.nextSocket('/v1/conversations/c1/');
    expect(again.token).toBe('t1');
    again.send({ type: 'chat', message: { n: 1, id: 'v', from: 'visitor', text: 'Still there?', at: 1 } });
    await until(() => conversationById('c1')?.messages.length === 1);
    expect(conversationById('c1')).toMatchObject({ phase: 'live', caller: { visitor: 'Visitor 1' } });
  });
});

describe('chat', () => {
  it('sends the draft, shows it as sending until the server echoes it, and keeps one copy of an echo seen twice', async () => {
    const conversation = await accept(1);
    editDraft('c1', 'Hello <b>there</b>');
    expect(sendMessage('c1')).toBe(true);
    expect(conversationById('c1')).toMatchObject({ draft: '', outgoing: [{ text: 'Hello <b>there</b>' }] });
    const chat = await next(conversation, (message) => message.type === 'chat');
    expect(chat).toEqual({ type: 'chat', id: expect.any(String), text: 'Hello <b>there</b>', seq: 1 });

    const echo = { type: 'chat', message: { n: 1, id: chat.id, from: 'agent', text: 'Hello <b>there</b>', at: 5 } };
    conversation.send(echo);
    conversation.send(echo);
    await until(() => conversationById('c1')!.outgoing.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(conversationById('c1')!.messages).toEqual([echo.message]);

    editDraft('c1', '   ');
    expect(sendMessage('c1')).toBe(false);
  });

  it('shows where the agent\'s own message stands: sent, delivered, read', async () => {
    const conversation = await accept(1);
    const message = { n: 1, id: 'm1', from: 'agent' as const, text: 'Try restarting it', at: 5 };
    conversation.send({ type: 'chat', message });
    await until(() => conversationById('c1')!.messages.length === 1);
    expect(receiptOf(conversationById('c1')!, message)).toBe('sent');
    conversation.send({ type: 'receipt', participant: 'visitor', kind: 'delivered', through: 1 });
    await until(() => receiptOf(conversationById('c1')!, message) === 'delivered');
    conversation.send({ type: 'receipt', participant: 'visitor', kind: 'read', through: 1 });
    await until(() => receiptOf(conversationById('c1')!, message) === 'read');
  });

  it('tells the visitor once that the agent is typing, and that they stopped when the box is emptied or the message sent', async () => {
    const conversation = await accept(1);
    editDraft('c1', 'H');
    editDraft('c1', 'Hi');
    editDraft('c1', '');
    editDraft('c1', 'Hi!');
    sendMessage('c1');
    const received = [];
    for (let i = 0; i < 5; i++) received.push(await conversation.nextMessage());
    expect(received).toEqual([
      { type: 'typing', typing: true },
      { type: 'typing', typing: false },
      { type: 'typing', typing: true },
      { type: 'chat', id: expect.any(String), text: 'Hi!', seq: 1 },
      { type: 'typing', typing: false },
    ]);
  });

  it('shows the visitor typing until their message arrives', async () => {
    const conversation = await accept(1);
    conversation.send({ type: 'typing', participant: 'visitor', typing: true });
    await until(() => conversationById('c1')!.visitorTyping);
    visitorSays(conversation, 1, 'Done');
    await until(() => !conversationById('c1')!.visitorTyping);
  });

  it('turns real-time text on and off for the agent\'s composer, per conversation', async () => {
    await accept(1);
    await accept(2);
    toggleRealTimeText('c1');
    expect(conversationById('c1')!.realTimeText).toBe(true);
    expect(conversationById('c2')!.realTimeText).toBe(false);
    editDraft('c1', 'Typing live');
    expect(sendMessage('c1')).toBe(true);
    expect(conversationById('c1')).toMatchObject({ draft: '', realTimeText: true });
    toggleRealTimeText('c1');
    expect(conversationById('c1')!.realTimeText).toBe(false);
  });

  it('says a chat ended and keeps it on the list, read-only, for its wrap-up', async () => {
    const conversation = await accept(1);
    conversation.send({ type: 'ended', reason: 'hangup', outcome: 'completed' });
    await until(() => conversationById('c1')?.phase === 'ended');
    expect($notice.get()?.text).toBe('Chat ended: Visitor 1');
    editDraft('c1', 'too late');
    expect(sendMessage('c1')).toBe(false);
  });
});

describe('calls in a conversation', () => {
  it('asks the visitor for a video call and starts the devices only once the conversation carries video', async () => {
    const { asked, tracks, capture } = recordingCapture();
    const conversation = await accept(1, 'chat', capture);
    expect(requestCall('c1', 'video')).toBe(true);
    expect(await next(conversation, (message) => message.type === 'request')).toEqual({ type: 'request', kind: 'video', seq: 1 });
    conversation.send({ type: 'request', kind: 'video', by: 'agent' });
    await until(() => conversationById('c1')!.request !== null);
    expect(callBlocker('c2')).toBe('You are in a call with Visitor 1. End that call first.');
    expect(asked).toEqual([]);

    conversation.send({ type: 'request-answered', kind: 'video', by: 'agent', accepted: true });
    conversation.send({ type: 'media', media: 'video' });
    await until(() => conversationById('c1')!.localStream !== null);
    expect(asked).toEqual(['audio+video']);
    expect(conversationById('c1')).toMatchObject({ media: 'video', request: null, capturing: false });
    expect(conversationById('c1')!.localStream!.getTracks()).toEqual(tracks);
    await until(() => $devices.get().microphones.length === 2);
  });

  it('takes back its own request, and clears the visitor\'s when they take theirs back', async () => {
    const conversation = await accept(1, 'chat');
    expect(withdrawRequest('c1')).toBe(false);
    requestCall('c1', 'video');
    await next(conversation, (message) => message.type === 'request');
    conversation.send({ type: 'request', kind: 'video', by: 'agent' });
    await until(() => conversationById('c1')!.request?.by === 'agent');
    expect(withdrawRequest('c1')).toBe(true);
    expect(await next(conversation, (message) => message.type === 'withdraw')).toMatchObject({ type: 'withdraw' });
    conversation.send({ type: 'request-withdrawn', kind: 'video', by: 'agent' });
    await until(() => conversationById('c1')!.request === null);

    conversation.send({ type: 'request', kind: 'audio', by: 'visitor' });
    await until(() => conversationById('c1')!.request?.by === 'visitor');
    expect(withdrawRequest('c1')).toBe(false);
    conversation.send({ type: 'request-withdrawn', kind: 'audio', by: 'visitor' });
    await until(() => conversationById('c1')!.request === null);
    expect($notice.get()?.text).toBe('Visitor 1 no longer asks for the voice call.');
  });

  it('captures nothing while the visitor\'s request waits, nothing on Decline, and the microphone on Accept', async () => {
    const { asked, capture } = recordingCapture();
    const conversation = await accept(1, 'chat', capture);
    conversation.send({ type: 'request', kind: 'video', by: 'visitor' });
    await until(() => conversationById('c1')!.request?.by === 'visitor');
    expect(answerRequest('c1', false)).toBe(true);
    expect(await next(conversation, (message) => message.type === 'consent')).toMatchObject({ accept: false });
    conversation.send({ type: 'request-answered', kind: 'video', by: 'visitor', accepted: false });
    await until(() => conversationById('c1')!.request === null);

    conversation.send({ type: 'request', kind: 'audio', by: 'visitor' });
    await until(() => conversationById('c1')!.request?.kind === 'audio');
    expect(asked).toEqual([]);
    expect(answerRequest('c1', true)).toBe(true);
    expect(await next(conversation, (message) => message.type === 'consent')).toMatchObject({ accept: true });
    expect(asked).toEqual([]);
    conversation.send({ type: 'media', media: 'audio' });
    await until(() => conversationById('c1')!.localStream !== null);
    expect(asked).toEqual(['audio']);
  });

  it('adds only the camera to a voice call, switches back to voice, then ends the call and keeps chatting', async () => {
    const { asked, tracks, capture } = recordingCapture();
    const conversation = await accept(1, 'audio', capture);
    expect(asked).toEqual(['audio']);
    conversation.send({ type: 'media', media: 'video' });
    await until(() => asked.length === 2);
    expect(asked).toEqual(['audio', 'video']);
    await until(() => conversationById('c1')!.localStream!.getVideoTracks().length === 1);

    switchToVoice('c1');
    expect(await next(conversation, (message) => message.type === 'request')).toMatchObject({ kind: 'audio' });
    conversation.send({ type: 'media', media: 'audio' });
    await until(() => tracks[1]!.readyState === 'ended');
    expect(conversationById('c1')!.localStream!.getTracks()).toEqual([tracks[0]]);

    endCall('c1');
    expect(await next(conversation, (message) => message.type === 'request')).toMatchObject({ kind: 'chat' });
    conversation.send({ type: 'media', media: 'chat' });
    await until(() => conversationById('c1')!.localStream === null);
    expect(tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(conversationById('c1')).toMatchObject({ phase: 'live', media: 'chat' });
    expect($devices.get().microphones).toEqual([]);
  });

  it('goes back to chat and says why when the devices cannot start', async () => {
    const conversation = await accept(1, 'chat', () => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    conversation.send({ type: 'media', media: 'video' });
    expect(await next(conversation, (message) => message.type === 'request')).toMatchObject({ kind: 'chat' });
    expect($notice.get()).toEqual({ tone: 'alert', text: 'The browser blocked your microphone or camera. The call did not start.' });
    expect(conversationById('c1')!.capturing).toBe(false);
  });

  it('holds one call at a time: another conversation can neither ask for a call nor accept one', async () => {
    const { asked, capture } = recordingCapture();
    await accept(1, 'video', capture);
    const chat = await accept(2, 'chat', capture);
    expect(callBlocker('c2')).toBe('You are in a call with Visitor 1. End that call first.');
    expect(callBlocker('c1')).toBeNull();
    expect(requestCall('c2', 'audio')).toBe(false);
    chat.send({ type: 'request', kind: 'video', by: 'visitor' });
    await until(() => conversationById('c2')!.request !== null);
    expect(answerRequest('c2', true)).toBe(false);
    expect(answerRequest('c2', false)).toBe(true);
    expect(await next(chat, (message) => message.type !== 'receipt')).toMatchObject({ type: 'consent', accept: false });
    expect(asked).toEqual(['audio+video']);
  });
});

describe('screens', () => {
  function screen() {
    const track = fakeTrack('video');
    return { track, stream: Object.assign(fakeMediaStream([track]), { id: 'screen-1' }) };
  }

  it('shares the agent\'s screen, and stops when the browser\'s own Stop button ends it', async () => {
    const conversation = await accept(1);
    const { track, stream } = screen();
    await shareMyScreen('c1', async () => stream);
    expect(await next(conversation, (message) => message.type === 'screen')).toEqual({ type: 'screen', streamId: 'screen-1', seq: 1 });
    expect(conversationById('c1')!.sharing).toBe(stream);
    track.unplug();
    expect(await next(conversation, (message) => message.type === 'screen')).toEqual({ type: 'screen', streamId: null, seq: 2 });
    expect(conversationById('c1')!.sharing).toBeNull();
  });

  it('stops sharing on Stop sharing, and shares nothing when the agent closes the picker', async () => {
    const conversation = await accept(1);
    const { track, stream } = screen();
    await shareMyScreen('c1', async () => stream);
    stopSharing('c1');
    expect(track.readyState).toBe('ended');
    expect(conversationById('c1')!.sharing).toBeNull();
    await shareMyScreen('c1', () => Promise.reject(new DOMException('cancelled', 'NotAllowedError')));
    const screens = [await next(conversation, (m) => m.type === 'screen'), await next(conversation, (m) => m.type === 'screen')];
    expect(screens.map((message) => message.streamId)).toEqual(['screen-1', null]);
    expect($notice.get()).toBeNull();
    expect(conversation.received).toEqual([]);
  });

  it('asks to see the visitor\'s screen and waits for their answer', async () => {
    const conversation = await accept(1);
    expect(askToSeeScreen('c1')).toBe(true);
    expect(await next(conversation, (message) => message.type === 'request')).toMatchObject({ kind: 'screen' });
    conversation.send({ type: 'request', kind: 'screen', by: 'agent' });
    await until(() => conversationById('c1')!.request?.kind === 'screen');
    // A screen request is no call: another conversation may still escalate.
    expect(callBlocker('c2')).toBeNull();
    conversation.send({ type: 'request-answered', kind: 'screen', by: 'agent', accepted: false });
    await until(() => conversationById('c1')!.request === null);
    expect($notice.get()?.text).toBe('Visitor 1 declined to share their screen.');
  });
});

describe('transcripts in History', () => {
  it('loads a past contact\'s transcript with the agent\'s token', async () => {
    const messages = [{ n: 1, id: 'x', from: 'visitor', text: '<img src=x onerror=alert(1)>', at: 1 }];
    let authorization: string | undefined;
    shift.api.route('GET', '/v1/contacts/k1/transcript', (_, request) => {
      authorization = request.headers.authorization;
      return { status: 200, body: { messages } };
    });
    await openTranscript({ id: 'k1', visitor: 'Visitor 7F3A', agent: { name: 'Ada' } });
    expect(authorization).toBe('Bearer access-1');
    expect($transcript.get()).toEqual({ contactId: 'k1', visitor: 'Visitor 7F3A', agent: 'Ada', messages, recordings: [], loading: false, error: null });
  });

  it('says why a transcript could not be loaded', async () => {
    await openTranscript({ id: 'gone', visitor: 'Visitor 1', agent: null });
    expect($transcript.get()).toMatchObject({ loading: false, messages: [], error: 'Could not load the transcript: No such endpoint.' });
  });
});
