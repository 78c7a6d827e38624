// A conversation against a real WebSocket server on a free port, speaking the
// wire protocol the way the API does.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { joinConversation, type ConversationEvent } from './conversation.ts';
import { swapTrack } from './devices.ts';
import { fakeMediaStream, fakeTrack } from './testing.ts';

// Node has no media devices; a stream without tracks is all the socket needs.
const noTracks = { getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;

let server: WebSocketServer;
let apiBase: string;
let received: unknown[];
let paths: string[];
let offered: (string | undefined)[];

beforeEach(async () => {
  received = [];
  paths = [];
  offered = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    paths.push(request.url ?? '');
    offered.push(request.headers['sec-websocket-protocol']);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      received.push(message);
      if (message.type === 'cancel') socket.send(JSON.stringify({ type: 'ended', reason: 'cancelled', outcome: 'cancelled' }));
    });
  });
  await new Promise((resolve) => server.once('listening', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

// Joins with a short reconnect delay; the sockets the server got and the events the conversation emitted.
function joinReconnecting(participant: 'visitor' | 'agent') {
  const sockets: import('ws').WebSocket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant, localStream: noTracks, reconnectDelaysMs: [50] });
  const events: ConversationEvent[] = [];
  conversation.on((event) => void events.push(event));
  return { sockets, conversation, events };
}

afterEach(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
});

describe('a conversation socket', () => {
  it('delivers a cancel issued before the socket opened, and ends the call', async () => {
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks });
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));

    conversation.cancel();

    await vi.waitFor(() => expect(events).toEqual([{ type: 'ended', reason: 'cancelled', outcome: 'cancelled' }]), { timeout: 3000 });
    expect(received).toEqual([{ type: 'cancel', seq: 1 }]);
    // The token is offered as a subprotocol: URLs end up in logs.
    expect(paths).toEqual(['/v1/conversations/c1/ws']);
    expect(offered).toEqual(['beckon, t1']);
  });

  it('tells of a long wait and a ringing call back, and sends the visitor\'s answer', async () => {
    server.once('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'long-wait', waitedSeconds: 300, seq: 1 }));
      socket.send(JSON.stringify({ type: 'callback-waiting', seq: 2 }));
      socket.send(JSON.stringify({ type: 'callback-ringing', agent: { name: 'Ann' }, seq: 3 }));
    });
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks });
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));
    await vi.waitFor(() => expect(events).toHaveLength(3), { timeout: 3000 });
    expect(events).toEqual([
      { type: 'long-wait', waitedSeconds: 300, seq: 1 },
      { type: 'callback-waiting', seq: 2 },
      { type: 'callback-ringing', agent: { name: 'Ann' }, seq: 3 },
    ]);
    conversation.answerCallback(true);
    await vi.waitFor(() => expect(received).toEqual([{ type: 'callback-answer', accept: true, seq: 1 }]), { timeout: 3000 });
  });

  it('names its own chat message the server refused, and none for a refused receipt', async () => {
    server.once('connection', (socket) => socket.on('message', (data) => {
      const { seq } = JSON.parse(String(data)) as { seq: number };
      socket.send(JSON.stringify({ type: 'error', code: 'backlog_full', message: 'Too much is waiting.', refusedSeq: seq }));
      socket.send(JSON.stringify({ type: 'ack', seq }));
    }));
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks });
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));
    const id = conversation.sendChat('Hello');
    await vi.waitFor(() => expect(events).toEqual([{ type: 'error', code: 'backlog_full', message: 'Too much is waiting.', refusedChat: id }]), { timeout: 3000 });
    conversation.markRead(1);
    await vi.waitFor(() => expect(events).toHaveLength(2), { timeout: 3000 });
    expect(events[1]).toEqual({ type: 'error', code: 'backlog_full', message: 'Too much is waiting.' });
  });

  it('sends messages queued before opening in the order they were given', async () => {
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks });

    conversation.hangUp();
    conversation.cancel();

    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 3000 });
    expect(received).toEqual([{ type: 'hangup', reason: 'hangup', seq: 1 }, { type: 'cancel', seq: 2 }]);
  });

  it('reconnects after a drop, re-sends what was not acknowledged and takes each server message once', async () => {
    const { sockets, conversation, events } = joinReconnecting('visitor');
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    sockets[0]!.send(JSON.stringify({ type: 'queued', position: 3, seq: 1 }));
    sockets[0]!.send(JSON.stringify({ type: 'queued', position: 2, seq: 2 }));
    await vi.waitFor(() => expect(events).toHaveLength(2));

    conversation.hangUp(); // seq 1, acknowledged
    await vi.waitFor(() => expect(received).toHaveLength(1));
    sockets[0]!.send(JSON.stringify({ type: 'ack', seq: 1 }));
    await new Promise((wait) => setTimeout(wait, 50));
    conversation.hangUp(); // seq 2, lost with the connection
    await vi.waitFor(() => expect(received).toHaveLength(2));
    sockets[0]!.terminate();

    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    expect(paths[1]).toBe('/v1/conversations/c1/ws?since=2');
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received[2]).toEqual({ type: 'hangup', reason: 'hangup', seq: 2 });
    // The server replays from where it thinks the client is; what was seen is not seen twice.
    sockets[1]!.send(JSON.stringify({ type: 'queued', position: 2, seq: 2 }));
    sockets[1]!.send(JSON.stringify({ type: 'queued', position: 1, seq: 3 }));
    await vi.waitFor(() => expect(events).toHaveLength(5));
    // The page hears that support dropped and came back, so it can say so while the socket is down.
    const told = (event: ConversationEvent) => (event.type === 'queued' ? event.position : event.type === 'link' ? `link ${event.up ? 'up' : 'down'}` : event.type);
    expect(events.map(told)).toEqual([3, 2, 'link down', 'link up', 1]);
  });

  it('joins afresh when a socket that heard nothing yet drops, and leaves without hanging up', async () => {
    const { sockets, conversation, events } = joinReconnecting('agent');
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    sockets[0]!.terminate();
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    // Nothing seen, so nothing to resume from: the server brings it up to date as a new page.
    expect(paths[1]).toBe('/v1/conversations/c1/ws');

    const closed = new Promise<number>((done) => sockets[1]!.once('close', (code) => done(code)));
    conversation.leave();
    expect(await closed).toBe(1000);
    await new Promise((wait) => setTimeout(wait, 100));
    expect(sockets).toHaveLength(2);
    expect(received).toEqual([]);
    // Leaving ends nothing for the other side: the only events are the drop and the socket back.
    expect(events).toEqual([{ type: 'link', up: false }, { type: 'link', up: true }]);
  });

  it('sends chat with its own id, and says once when a burst of the other side\'s messages arrived', async () => {
    server.on('connection', (socket) => {
      for (const n of [1, 2, 3]) {
        const from = n === 2 ? 'visitor' : 'agent';
        socket.send(JSON.stringify({ type: 'chat', seq: n, message: { n, id: `m${n}`, from, text: `hi ${n}`, at: n } }));
      }
    });
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks });
    const chats: unknown[] = [];
    conversation.on((event) => void (event.type === 'chat' && chats.push(event.message.text)));

    const id = conversation.sendChat('Where is my order?');

    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 3000 });
    expect(received).toEqual([
      { type: 'chat', id, text: 'Where is my order?', seq: 1 },
      { type: 'receipt', kind: 'delivered', through: 3, seq: 2 },
    ]);
    expect(chats).toEqual(['hi 1', 'hi 2', 'hi 3']);
  });

  it('stops, without ending the conversation, when a newer page took it over', async () => {
    server.on('connection', (socket) => socket.close(4409, 'continued elsewhere'));
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks, reconnectDelaysMs: [10] });
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));

    await vi.waitFor(() => expect(events).toEqual([{ type: 'replaced' }]), { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(paths).toHaveLength(1);
  });

  it('stops trying when the server says this client is not a participant', async () => {
    server.on('connection', (socket) => socket.close(4403, 'not a participant'));
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks, reconnectDelaysMs: [50] });
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));
    await vi.waitFor(() => expect(events.at(-1)).toEqual({ type: 'ended', reason: 'failed', outcome: null }));
    await new Promise((wait) => setTimeout(wait, 200));
    expect(paths).toHaveLength(1);
  });

  it('gives up when the server stays unreachable', async () => {
    const sockets: import('ws').WebSocket[] = [];
    server.on('connection', (socket) => sockets.push(socket));
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream: noTracks, reconnectDelaysMs: [30], reconnectGiveUpMs: 300 });
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    // Nothing listens on the port any more: every attempt is refused.
    server.close();
    sockets[0]!.terminate();
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));
    await vi.waitFor(() => expect(events.at(-1)).toEqual({ type: 'ended', reason: 'failed', outcome: null }), { timeout: 3000 });
    expect(events).toContainEqual({ type: 'error', code: 'internal', message: 'The connection to support was lost.' });
  });
});

describe('switching a device', () => {
  it('puts the new track in the local stream, muted when the microphone was muted', () => {
    const microphone = fakeTrack('audio', 'desk-mic');
    const localStream = fakeMediaStream([microphone]);
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream });
    conversation.setMuted(true);
    const headset = fakeTrack('audio', 'headset');

    conversation.replaceTrack(headset as unknown as MediaStreamTrack);

    expect(localStream.getAudioTracks()).toEqual([headset]);
    expect(headset.enabled).toBe(false);
    expect(microphone.readyState).toBe('ended');
    conversation.hangUp();
  });
});

describe('a call on hold', () => {
  // A visitor's conversation whose server puts the call on hold and takes it off; each resolves once the page has it.
  async function joinHeld(localStream: MediaStream) {
    let socket: import('ws').WebSocket | undefined;
    server.once('connection', (opened) => (socket = opened));
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'visitor', localStream });
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));
    await vi.waitFor(() => expect(socket).toBeDefined(), { timeout: 3000 });
    let seq = 0;
    const hold = async (on: boolean) => {
      const message = { type: 'hold', on, seq: ++seq };
      socket!.send(JSON.stringify(message));
      await vi.waitFor(() => expect(events).toContainEqual(message), { timeout: 3000 });
    };
    return { conversation, hold };
  }

  it('sends nothing while it is on: each switch, and each device added or switched meanwhile, is put back as the visitor left it', async () => {
    const microphone = fakeTrack('audio', 'desk-mic');
    const localStream = fakeMediaStream([microphone]);
    const { conversation, hold } = await joinHeld(localStream);

    await hold(true);
    expect(microphone.enabled).toBe(false);
    // Muted on hold, a camera added and a headset plugged in: none of them sends yet.
    conversation.setMuted(true);
    const camera = fakeTrack('video');
    conversation.addMedia(fakeMediaStream([camera]));
    const headset = fakeTrack('audio', 'headset');
    conversation.replaceTrack(headset as unknown as MediaStreamTrack);
    expect([headset.enabled, camera.enabled]).toEqual([false, false]);

    await hold(false);
    // Still muted, as the visitor chose; the camera they never turned off is on.
    expect([headset.enabled, camera.enabled]).toEqual([false, true]);
    conversation.setMuted(false);
    expect(headset.enabled).toBe(true);
    conversation.hangUp();
  });

  it('sends from a device the device list swapped in on hold once the call resumes, and the switch the visitor left stays', async () => {
    const microphone = fakeTrack('audio', 'desk-mic');
    const camera = fakeTrack('video', 'webcam');
    const localStream = fakeMediaStream([microphone, camera]);
    const { conversation, hold } = await joinHeld(localStream);
    conversation.setCameraOff(true);

    await hold(true);
    // As the device list does it: the new track is in the stream before the call is told.
    const headset = fakeTrack('audio', 'headset');
    const otherCamera = fakeTrack('video', 'usb-camera');
    for (const track of [headset, otherCamera]) {
      swapTrack(localStream, track as unknown as MediaStreamTrack);
      conversation.replaceTrack(track as unknown as MediaStreamTrack);
    }
    expect([headset.enabled, otherCamera.enabled]).toEqual([false, false]);

    await hold(false);
    expect([headset.enabled, otherCamera.enabled]).toEqual([true, false]);
    conversation.hangUp();
  });

  it('is asked for with a numbered message', async () => {
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', participant: 'agent', localStream: noTracks });
    conversation.hold(true);
    conversation.hold(false);
    await vi.waitFor(() => expect(received).toEqual([{ type: 'hold', on: true, seq: 1 }, { type: 'hold', on: false, seq: 2 }]), { timeout: 3000 });
    conversation.leave();
  });
});
