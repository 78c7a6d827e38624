// A conversation against a real WebSocket server on a free port, speaking the
// wire protocol the way the API does.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { joinConversation, type ConversationEvent } from './conversation.ts';

// Node has no media devices; a stream without tracks is all the socket needs.
const noTracks = { getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;

let server: WebSocketServer;
let apiBase: string;
let received: unknown[];
let paths: string[];

beforeEach(async () => {
  received = [];
  paths = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    paths.push(request.url ?? '');
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      received.push(message);
      if (message.type === 'cancel') socket.send(JSON.stringify({ type: 'ended', reason: 'cancelled', outcome: 'cancelled' }));
    });
  });
  await new Promise((resolve) => server.once('listening', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

describe('a conversation socket', () => {
  it('delivers a cancel issued before the socket opened, and ends the call', async () => {
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', localStream: noTracks });
    const events: ConversationEvent[] = [];
    conversation.on((event) => void events.push(event));

    conversation.cancel();

    await vi.waitFor(() => expect(events).toEqual([{ type: 'ended', reason: 'cancelled', outcome: 'cancelled' }]), { timeout: 3000 });
    expect(received).toEqual([{ type: 'cancel' }]);
    expect(paths).toEqual(['/v1/conversations/c1/ws?token=t1']);
  });

  it('sends messages queued before opening in the order they were given', async () => {
    const conversation = joinConversation({ apiBase, conversationId: 'c1', token: 't1', localStream: noTracks });

    conversation.hangUp();
    conversation.cancel();

    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 3000 });
    expect(received).toEqual([{ type: 'hangup', reason: 'hangup' }, { type: 'cancel' }]);
  });
});
