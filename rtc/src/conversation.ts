// A participant's side of one conversation: the conversation socket (queue
// updates, signaling, hang-up) plus the peer call it starts when told to,
// and the call's quality, sampled once a second while it is connected.
import type { ConversationClientMessage, ConversationServerMessage, EndReason, ErrorCode, Outcome } from '@beckon/protocol';
import { createCallQuality } from './call-quality.ts';
import { swapTrack } from './devices.ts';
import { createEmitter } from './emitter.ts';
import { createPeerCall, type PeerCall } from './peer-call.ts';
import { watchQuality, type QualitySample } from './quality.ts';

export type ConversationEvent =
  | { type: 'queued'; position: number; estimatedWaitSeconds: number | null }
  | { type: 'accepted'; agent: { name: string } }
  /** The wait passed the queue's maximum; the visitor keeps their place. */
  | { type: 'long-wait'; waitedSeconds: number }
  /** Waiting for an agent to call back. */
  | { type: 'callback-waiting' }
  /** An agent is calling back: answer with `answerCallback`. */
  | { type: 'callback-ringing'; agent: { name: string } }
  | { type: 'connection'; state: RTCPeerConnectionState }
  /** Media stopped flowing and the call is being recovered (`true`), or it flows again (`false`). */
  | { type: 'reconnecting'; media: boolean }
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
  /** Waits between attempts to reopen a dropped socket; the last one repeats. */
  reconnectDelaysMs?: number[];
  /** How long to keep trying before the call counts as lost. */
  reconnectGiveUpMs?: number;
}

export interface Conversation {
  on(listener: (event: ConversationEvent) => void): () => void;
  /** Leaves the queue (or stops waiting for a call back) before an agent answers. */
  cancel(): void;
  /** Takes, or declines, the agent's ringing call back; the local stream should hold the devices by then. */
  answerCallback(accept: boolean): void;
  hangUp(): void;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): void;
  /**
   * Puts `track` in the local stream in place of the one of its kind (keeping
   * it muted or turned off) and sends it without renegotiating.
   */
  replaceTrack(track: MediaStreamTrack): Promise<void>;
  /** The live peer call, once both sides have joined. */
  readonly peer: PeerCall | null;
}

/** How many one-second samples pass between two summaries sent during a call. */
const reportEverySamples = 10;

/**
 * Builds the WebSocket URL of a conversation; `since` resumes after the last message seen.
 * @example conversationSocketUrl('https://a.example', 'c1', 't') // 'wss://a.example/v1/conversations/c1/ws?token=t'
 */
export function conversationSocketUrl(apiBase: string, conversationId: string, token: string, since?: number): string {
  const url = new URL(`/v1/conversations/${encodeURIComponent(conversationId)}/ws`, apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  if (since !== undefined) url.searchParams.set('since', String(since));
  return url.toString();
}

/** Closed by the server because this client is not (or no longer) part of the conversation. */
const refusedCode = 4403;

/**
 * Joins a conversation with local media already captured. The socket reopens
 * by itself when it drops: messages not yet acknowledged are sent again and
 * the server sends what was missed, each exactly once and in order.
 * @example const conversation = joinConversation({ apiBase, conversationId, token, localStream }); conversation.on(console.log);
 */
export function joinConversation(options: ConversationOptions): Conversation {
  const events = createEmitter<ConversationEvent>();
  const delays = options.reconnectDelaysMs ?? [250, 500, 1000, 2000, 4000];
  const giveUpMs = options.reconnectGiveUpMs ?? 120_000;
  let peer: PeerCall | null = null;
  let ended = false;
  let socket: WebSocket | null = null;
  // Our messages not yet acknowledged, in order; and the last server message handled.
  const unacknowledged: { seq: number; text: string }[] = [];
  let nextSeq = 1;
  let lastSeen: number | undefined;
  let attempts = 0;
  let lostSince: number | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const quality = createCallQuality();
  let stopSampling: (() => void) | null = null;

  const send = (message: ConversationClientMessage) => {
    if (ended) return;
    const seq = nextSeq++;
    const text = JSON.stringify({ ...message, seq });
    unacknowledged.push({ seq, text });
    if (socket?.readyState === WebSocket.OPEN) socket.send(text);
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
    if (retry) clearTimeout(retry);
    stopSampling?.();
    peer?.close();
    for (const track of options.localStream.getTracks()) track.stop();
    events.emit({ type: 'ended', reason, outcome });
    socket?.close(1000);
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
      if (peer !== current) return;
      if (event.type === 'error') return events.emit({ type: 'error', code: 'internal', message: event.message });
      if (event.type === 'lost') {
        reportQuality();
        return send({ type: 'hangup', reason: 'failed' });
      }
      events.emit(event);
      if (event.type !== 'connection') return;
      quality.connection(event.state);
      if (event.state === 'connected' && !stopSampling) stopSampling = startSampling(current);
    });
  };

  const handle = (message: ConversationServerMessage) => {
    if (message.type === 'ack') {
      while (unacknowledged.length && unacknowledged[0]!.seq <= message.seq) unacknowledged.shift();
      return;
    }
    if ('seq' in message && typeof message.seq === 'number') {
      if (lastSeen !== undefined && message.seq <= lastSeen) return;
      lastSeen = message.seq;
    }
    switch (message.type) {
      case 'queued':
      case 'accepted':
      case 'long-wait':
      case 'callback-waiting':
      case 'callback-ringing':
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

  const reconnectLater = () => {
    lostSince ??= Date.now();
    if (Date.now() - lostSince > giveUpMs) {
      events.emit({ type: 'error', code: 'internal', message: 'The connection to support was lost.' });
      return finish('failed', null);
    }
    retry = setTimeout(open, delays[Math.min(attempts++, delays.length - 1)]);
  };

  function open() {
    retry = null;
    // A first join asks for where things stand; a reconnect, for what it missed.
    const ws = new WebSocket(conversationSocketUrl(options.apiBase, options.conversationId, options.token, lostSince === null ? undefined : (lastSeen ?? 0)));
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      lostSince = null;
      for (const { text } of unacknowledged) ws.send(text);
    };
    ws.onmessage = (event) => handle(JSON.parse(String(event.data)) as ConversationServerMessage);
    ws.onclose = (event) => {
      if (socket !== ws || ended) return;
      socket = null;
      if (event.code !== refusedCode) return reconnectLater();
      events.emit({ type: 'error', code: 'forbidden', message: 'This call is no longer available.' });
      finish('failed', null);
    };
  }
  open();

  return {
    on: events.on,
    cancel: () => send({ type: 'cancel' }),
    answerCallback: (accept) => send({ type: 'callback-answer', accept }),
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
    replaceTrack(track) {
      swapTrack(options.localStream, track);
      return peer?.replaceTrack(track) ?? Promise.resolve();
    },
    get peer() {
      return peer;
    },
  };
}
