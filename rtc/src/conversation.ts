// A participant's side of one conversation: the conversation socket (queue
// updates, signaling, hang-up) plus the peer call it starts when told to,
// and the call's quality, sampled once a second while it is connected.
import type { ConversationClientMessage, ConversationServerMessage, EndReason, ErrorCode, Outcome } from '@beckon/protocol';
import { createCallQuality } from './call-quality.ts';
import { createEmitter } from './emitter.ts';
import { createPeerCall, type PeerCall } from './peer-call.ts';
import { watchQuality, type QualitySample } from './quality.ts';

export type ConversationEvent =
  | { type: 'queued'; position: number }
  | { type: 'accepted'; agent: { name: string } }
  | { type: 'connection'; state: RTCPeerConnectionState }
  | { type: 'remote-stream'; stream: MediaStream }
  /** One second of the call as this side measured it. */
  | { type: 'quality'; sample: QualitySample }
  | { type: 'ended'; reason: EndReason; outcome: Outcome | null }
  | { type: 'error'; code: ErrorCode; message: string };

export interface ConversationOptions {
  /** The API's origin, e.g. `https://support.example`. */
  apiBase: string;
  conversationId: string;
  token: string;
  localStream: MediaStream;
}

export interface Conversation {
  on(listener: (event: ConversationEvent) => void): () => void;
  /** Leaves the queue before an agent answers. */
  cancel(): void;
  hangUp(): void;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): void;
  /** The live peer call, once both sides have joined. */
  readonly peer: PeerCall | null;
}

/** How many one-second samples pass between two summaries sent during a call. */
const reportEverySamples = 10;

/**
 * Builds the WebSocket URL of a conversation.
 * @example conversationSocketUrl('https://a.example', 'c1', 't') // 'wss://a.example/v1/conversations/c1/ws?token=t'
 */
export function conversationSocketUrl(apiBase: string, conversationId: string, token: string): string {
  const url = new URL(`/v1/conversations/${encodeURIComponent(conversationId)}/ws`, apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * Joins a conversation with local media already captured.
 * @example const conversation = joinConversation({ apiBase, conversationId, token, localStream }); conversation.on(console.log);
 */
export function joinConversation(options: ConversationOptions): Conversation {
  const events = createEmitter<ConversationEvent>();
  const socket = new WebSocket(conversationSocketUrl(options.apiBase, options.conversationId, options.token));
  let peer: PeerCall | null = null;
  let ended = false;
  const quality = createCallQuality();
  let stopSampling: (() => void) | null = null;

  // A visitor may cancel or hang up before the socket has opened; those
  // messages wait here and go out in order once it does.
  const outbox: string[] = [];
  const send = (message: ConversationClientMessage) => {
    const text = JSON.stringify(message);
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
    else if (socket.readyState === WebSocket.CONNECTING) outbox.push(text);
  };
  socket.onopen = () => {
    for (const text of outbox.splice(0)) socket.send(text);
  };

  // The server closes both sockets when either side hangs up, so the side that
  // did not hang up cannot report afterwards: its summary so far goes out now
  // and then, and a last one right before this side hangs up.
  const reportQuality = () => {
    const summary = quality.summary();
    if (summary) send({ type: 'quality', summary });
  };
  const startSampling = (current: PeerCall) =>
    watchQuality(current.connection, (sample) => {
      if (quality.add(sample) % reportEverySamples === 0) reportQuality();
      events.emit({ type: 'quality', sample });
    });

  const finish = (reason: EndReason, outcome: Outcome | null) => {
    if (ended) return;
    ended = true;
    stopSampling?.();
    peer?.close();
    for (const track of options.localStream.getTracks()) track.stop();
    events.emit({ type: 'ended', reason, outcome });
    socket.close(1000);
  };

  const startPeer = (message: Extract<ConversationServerMessage, { type: 'start' }>) => {
    stopSampling?.();
    stopSampling = null;
    peer?.close();
    const current = createPeerCall({
      polite: message.polite,
      iceServers: message.iceServers,
      iceTransportPolicy: message.iceTransportPolicy,
      localStream: options.localStream,
      sendSignal: (signal) => send({ type: 'signal', ...signal }),
    });
    peer = current;
    current.on((event) => {
      if (event.type === 'error') return events.emit({ type: 'error', code: 'internal', message: event.message });
      events.emit(event);
      if (event.type !== 'connection') return;
      quality.connection(event.state);
      if (event.state === 'connected' && !stopSampling) stopSampling = startSampling(current);
      if (event.state === 'failed') {
        reportQuality();
        send({ type: 'hangup', reason: 'failed' });
      }
    });
  };

  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as ConversationServerMessage;
    switch (message.type) {
      case 'queued':
      case 'accepted':
      case 'error':
        return events.emit(message);
      case 'start':
        return startPeer(message);
      case 'signal':
        return void peer?.handleSignal(message);
      case 'ended':
        return finish(message.reason, message.outcome);
    }
  };
  socket.onclose = () => {
    if (!ended) {
      events.emit({ type: 'error', code: 'internal', message: 'The connection to support was lost.' });
      finish('failed', null);
    }
  };

  return {
    on: events.on,
    cancel: () => send({ type: 'cancel' }),
    hangUp() {
      reportQuality();
      send({ type: 'hangup', reason: 'hangup' });
    },
    setMuted(muted) {
      for (const track of options.localStream.getAudioTracks()) track.enabled = !muted;
    },
    setCameraOff(off) {
      for (const track of options.localStream.getVideoTracks()) track.enabled = !off;
    },
    get peer() {
      return peer;
    },
  };
}
