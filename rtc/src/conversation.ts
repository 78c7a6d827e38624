// A participant's side of one conversation: the conversation socket (queue
// updates, chat, consent, signaling, hang-up) plus the peer connection it
// starts when told to (data only for a chat; audio and video are added when
// the conversation escalates), and the call's quality, sampled once a second
// while it is connected.
import type {
  ChatMessage,
  ConversationClientMessage,
  ConversationMedia,
  ConversationServerMessage,
  EndReason,
  ErrorCode,
  Outcome,
  Participant,
  PeerSettings,
  RequestKind,
  Signal,
} from '@beckon/protocol';
import { maxPreparedSignals, socketProtocols } from '@beckon/protocol';
import type { CallQuality } from './call-quality.ts';
import { swapTrack, type DeviceKind } from './devices.ts';
import { createEmitter } from './emitter.ts';
import type { Annotations } from './annotations.ts';
import type { SendableFile } from './file-transfer.ts';
import { createPeerCall, type PeerCall } from './peer-call.ts';
import type { PeerFeatureEvent, PeerFeatures } from './peer-features.ts';
import type { QualitySample, QualityWarning } from './quality.ts';

export type ConversationEvent =
  | { type: 'queued'; position: number; estimatedWaitSeconds: number | null }
  | { type: 'accepted'; agent: { name: string } }
  /** The agent handed the conversation on, to this queue or agent. */
  | { type: 'transferred'; to: string }
  /** The wait passed the queue's maximum; the visitor keeps their place. */
  | { type: 'long-wait'; waitedSeconds: number }
  /** Waiting for an agent to call back. */
  | { type: 'callback-waiting' }
  /** An agent is calling back: answer with `answerCallback`. */
  | { type: 'callback-ringing'; agent: { name: string } }
  | { type: 'connection'; state: RTCPeerConnectionState }
  /** Media stopped flowing and the call is being recovered (`true`), or it flows again (`false`). */
  | { type: 'reconnecting'; media: boolean }
  /** The socket to support dropped and is being reopened (`false`), or is open again (`true`); media may flow meanwhile. */
  | { type: 'link'; up: boolean }
  /** The other side's camera and microphone. */
  | { type: 'remote-stream'; stream: MediaStream }
  /** The other side's shared screen, or null when they stopped sharing. */
  | { type: 'remote-screen'; stream: MediaStream | null }
  | { type: 'chat'; message: ChatMessage }
  | { type: 'receipt'; participant: Participant; kind: 'delivered' | 'read'; through: number }
  | { type: 'typing'; participant: Participant; typing: boolean }
  | { type: 'request'; kind: RequestKind; by: Participant }
  | { type: 'request-answered'; kind: RequestKind; by: Participant; accepted: boolean }
  | { type: 'request-withdrawn'; kind: RequestKind; by: Participant }
  /** What the conversation carries now; capture and `addMedia` to match. */
  | { type: 'media'; media: ConversationMedia }
  /** The agent put the call on hold (`on`; `heldSeconds` ago, to a page that joined afresh) or took it off: this side sends no sound or pictures meanwhile. */
  | { type: 'hold'; on: boolean; heldSeconds?: number }
  /** This side's screen share started, or stopped (from the page or the browser's own button). */
  | { type: 'sharing'; stream: MediaStream | null }
  /** Whether the agent's console records the call's sound (said as each call starts, also to a reloaded page). */
  | { type: 'recording'; on: boolean }
  /** A newer page of the same participant (another tab) took the conversation over. */
  | { type: 'replaced' }
  | PeerFeatureEvent
  /** One second of the call as this side measured it, and what is wrong with it. */
  | { type: 'quality'; sample: QualitySample; warnings: QualityWarning[] }
  | { type: 'ended'; reason: EndReason; outcome: Outcome | null }
  /** `refusedChat`: the id of this side's chat message the server refused, to be written again. */
  | { type: 'error'; code: ErrorCode; message: string; refusedChat?: string };

export interface ConversationOptions {
  /** The API's origin, e.g. `https://support.example`. */
  apiBase: string;
  conversationId: string;
  token: string;
  /** Which side of the conversation this is. */
  participant: Participant;
  /** Media captured before joining (a call from the start); a chat starts without. */
  localStream?: MediaStream;
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
  /** Closes this side's socket without ending the conversation: a ring that ended, or an Accept the server did not hand over after all. */
  leave(): void;
  /**
   * Makes the offering side's peer connection and offer now, with the local
   * stream as it is, from what `start` is expected to say; nothing of it is
   * sent on this socket before `start` (`takePrepared` hands it to `accept`).
   * A `start` that says the same uses it, so the offer leaves at once; one
   * that says otherwise replaces it.
   */
  prepare(settings: PeerSettings): void;
  /**
   * The offer `prepare` made and its candidates so far, for `accept` to carry
   * (undefined while there is no offer yet); the connection is then the
   * call's if `start` says the server passed them on.
   */
  takePrepared(): Signal[] | undefined;
  /** Sends a chat message; returns its id (the server echoes it back as a `chat` event). */
  sendChat(text: string): string;
  /** Tells the other side how far this one has read. */
  markRead(through: number): void;
  setTyping(typing: boolean): void;
  /** Asks the other side to escalate (`audio`, `video`), to share their screen, or steps down at once. */
  request(kind: RequestKind | 'chat'): void;
  /** Answers the other side's pending request. */
  consent(accept: boolean): void;
  /** Takes back this side's own pending request. */
  withdraw(): void;
  /** Sends these tracks too (after an escalation): the call renegotiates. */
  addMedia(stream: MediaStream): void;
  /** Stops sending tracks of this kind (a step down): the call renegotiates. */
  dropMedia(kind: 'audio' | 'video'): void;
  /** Shares a screen (from getDisplayMedia) with the other side; null stops. */
  shareScreen(stream: MediaStream | null): void;
  /** The tracks this side sends. */
  readonly localStream: MediaStream;
  /** Real-time text (RFC 8865): the local draft as it is typed. */
  typeRealTimeText(draft: string): void;
  /** The local user sent the draft (it goes as a chat message too): it leaves the other side's real-time text. */
  sendRealTimeLine(): void;
  /** Pointing and drawing over a shared screen, once the peer connection is up. */
  readonly annotations: Annotations | null;
  /**
   * Offers a file to the other side; returns its transfer id. Throws with a
   * message for the user when it is too large or the connection is not up yet.
   */
  sendFile(file: SendableFile): string;
  acceptFile(id: string): void;
  declineFile(id: string): void;
  cancelFile(id: string): void;
  /** The agent puts the call on hold, or takes it off (the server refuses it from the visitor). */
  hold(on: boolean): void;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): void;
  /**
   * Puts `track` in the local stream in place of the one of its kind (keeping
   * it muted or turned off) and sends it without renegotiating.
   */
  replaceTrack(track: MediaStreamTrack): void;
  /** The live peer call, once both sides have joined. */
  readonly peer: PeerCall | null;
}

type FeaturesModule = typeof import('./peer-features.ts');

/** The longest a visitor's page waits to draw that an agent accepted, for the call's answer to go first. */
const acceptedHeldMs = 500;

/**
 * A call's first summary goes after this many one-second samples, so that a
 * supervisor's Board shows how a call goes within seconds of its start; then
 * one every `reportEverySamples`.
 */
const firstReportSamples = 3;
/** How many one-second samples pass between two summaries sent during a call. */
const reportEverySamples = 10;

/**
 * Builds the WebSocket URL of a conversation; `since` resumes after the last message seen.
 * @example conversationSocketUrl('https://a.example', 'c1', 7) // 'wss://a.example/v1/conversations/c1/ws?since=7'
 */
export function conversationSocketUrl(apiBase: string, conversationId: string, since?: number): string {
  const url = new URL(`/v1/conversations/${encodeURIComponent(conversationId)}/ws`, apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (since !== undefined) url.searchParams.set('since', String(since));
  return url.toString();
}

/** Closed by the server because this client is not (or no longer) part of the conversation. */
const refusedCode = 4403;
/** Closed by the server because a newer page of the same participant joined. */
const replacedCode = 4409;

/**
 * Joins a conversation with local media already captured. The socket reopens
 * by itself when it drops: messages not yet acknowledged are sent again and
 * the server sends what was missed, each exactly once and in order.
 * @example const conversation = joinConversation({ apiBase, conversationId, token, localStream }); conversation.on(console.log);
 */
export function joinConversation(options: ConversationOptions): Conversation {
  const announced = createEmitter<ConversationEvent>();
  // An `accepted` held back (see `holdAccepted`) goes out before anything
  // after it, but for a connection that is still being set up.
  const events = {
    on: announced.on,
    emit(event: ConversationEvent) {
      if (event.type !== 'connection' || (event.state !== 'new' && event.state !== 'connecting')) releaseAccepted();
      announced.emit(event);
    },
  };
  const localStream = options.localStream ?? new MediaStream();
  // Real-time text, annotations and files load with the conversation, apart
  // from the rest, so a page pays for them only once it has a conversation.
  // A load that failed (the network dropped) is tried again, as the socket is.
  let featuresLoading: Promise<FeaturesModule> | null = null;
  const loadFeatures = async (): Promise<FeaturesModule> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await (featuresLoading ??= import('./peer-features.ts'));
      } catch (error) {
        featuresLoading = null;
        if (ended || attempt >= delays.length) throw error;
        await new Promise((resume) => setTimeout(resume, delays[attempt]));
      }
    }
  };
  let handling: Promise<void> = Promise.resolve();
  let screen: MediaStream | null = null;
  // The other side's screen stream id, as they announced it, and its stream once its track arrived.
  let remoteScreenId: string | null = null;
  const remoteStreams = new Map<string, MediaStream>();
  let deliveredThrough = 0;
  let deliveryDue = false;
  const flushDelivery = () => {
    if (!deliveryDue) return;
    deliveryDue = false;
    send({ type: 'receipt', kind: 'delivered', through: deliveredThrough });
  };
  const acknowledgeDelivery = (n: number) => {
    deliveredThrough = Math.max(deliveredThrough, n);
    if (deliveryDue) return;
    deliveryDue = true;
    setTimeout(flushDelivery);
  };
  const delays = options.reconnectDelaysMs ?? [250, 500, 1000, 2000, 4000];
  const giveUpMs = options.reconnectGiveUpMs ?? 120_000;
  let peer: PeerCall | null = null;
  let features: PeerFeatures | null = null;
  let realTimeDraft = '';
  // A chat's data-only connection says nothing of call quality: samples count only while media flows.
  let media: ConversationMedia | null = null;
  let ended = false;
  let socket: WebSocket | null = null;
  // Our messages not yet acknowledged, in order; and the last server message handled.
  const unacknowledged: { seq: number; text: string; chatId?: string }[] = [];
  let nextSeq = 1;
  let lastSeen: number | undefined;
  let attempts = 0;
  let lostSince: number | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  // The call's quality from its first peer connection on (its code loads with the features).
  let quality: CallQuality | null = null;
  // Loaded now, so it is there by `start`; the peer connection waits for it (and tries again) if it is not.
  void loadFeatures().catch(() => undefined);
  let stopSampling: (() => void) | null = null;

  const send = (message: ConversationClientMessage) => {
    if (ended) return;
    const seq = nextSeq++;
    const text = JSON.stringify({ ...message, seq });
    unacknowledged.push({ seq, text, ...(message.type === 'chat' && { chatId: message.id }) });
    if (socket?.readyState === WebSocket.OPEN) socket.send(text);
  };

  // The server closes both sockets when either side hangs up, so the side that
  // did not hang up cannot report afterwards: its summary so far goes out now
  // and then, and a last one right before this side hangs up.
  const reportQuality = () => {
    const summary = quality?.summary();
    if (summary) send({ type: 'quality', summary });
  };
  const startSampling = (current: PeerCall, { watchQuality, qualityWarnings }: FeaturesModule, kept: CallQuality) =>
    watchQuality(current.connection, (sample) => {
      if (media === 'chat') return;
      const samples = kept.add(sample);
      if (samples === firstReportSamples || samples % reportEverySamples === 0) reportQuality();
      events.emit({ type: 'quality', sample, warnings: qualityWarnings(sample) });
    });

  // Stops everything on this side; the conversation itself may go on
  // elsewhere. With no event to tell (`leave`), the devices stay with whoever
  // captured them.
  const stop = (event: ConversationEvent | null) => {
    if (ended) return;
    ended = true;
    if (retry) clearTimeout(retry);
    stopSampling?.();
    features?.close();
    peer?.close();
    early?.close();
    if (event) {
      for (const track of [...localStream.getTracks(), ...(screen?.getTracks() ?? [])]) track.stop();
      events.emit(event);
    } else heldAccepted = null;
    socket?.close(1000);
  };
  const finish = (reason: EndReason, outcome: Outcome | null) => stop({ type: 'ended', reason, outcome });

  const emitRemote = (stream: MediaStream) => {
    if (stream.id === remoteScreenId) events.emit({ type: 'remote-screen', stream });
    else events.emit({ type: 'remote-stream', stream });
  };

  // A peer connection made by `prepare`, with what it may not send before
  // `start`; `sent`: its offer went with Accept (`takePrepared`).
  let prepared: { settings: PeerSettings; held: Signal[]; sent?: true } | null = null;

  // The visitor's peer connection, made while they wait for an agent: making
  // one takes a page tens of milliseconds, which the call's setup then need
  // not wait for. It answers, so it sends nothing before the agent's offer,
  // and gets its ICE servers from `start`.
  let early: PeerCall | null = null;
  const makeEarly = () => {
    if (options.participant !== 'visitor' || early || peer || ended) return;
    try {
      early = createPeerCall({ polite: true, iceServers: [], iceTransportPolicy: 'all', localStream, screen, sendSignal: (signal) => send({ type: 'signal', ...signal }) });
    } catch {
      // `start` tries again, and says what went wrong if it fails too.
    }
  };

  // A visitor who waited, and so has their connection made, is told that an
  // agent accepted once that connection is up (or half a second later at the
  // latest): the page draws who answered, tens of milliseconds of its thread
  // and of a machine's cores, and setting up the call should not wait for that.
  let heldAccepted: { message: ConversationEvent; timer: ReturnType<typeof setTimeout> } | null = null;
  const holdAccepted = (message: ConversationEvent) => {
    releaseAccepted();
    heldAccepted = { message, timer: setTimeout(releaseAccepted, acceptedHeldMs) };
  };
  function releaseAccepted() {
    if (!heldAccepted) return;
    const { message, timer } = heldAccepted;
    heldAccepted = null;
    clearTimeout(timer);
    announced.emit(message);
  }

  // `ahead`: made ahead of `start` (see `prepare`), so its signals wait.
  const makePeer = async (polite: boolean, settings: PeerSettings, ahead: boolean) => {
    const module = await loadFeatures();
    if (ended) return;
    const kept = (quality ??= module.createCallQuality());
    stopSampling?.();
    stopSampling = null;
    peer?.close();
    const waiting = ahead ? { settings, held: [] as Signal[] } : null;
    prepared = waiting;
    const made = polite ? early : null;
    if (early !== made) early?.close();
    early = null;
    made?.configure(settings);
    made?.setScreen(screen);
    const current =
      made ??
      createPeerCall({
        polite,
        iceServers: settings.iceServers,
        iceTransportPolicy: settings.iceTransportPolicy,
        localStream,
        screen,
        sendSignal: (signal) => {
          if (waiting && prepared === waiting) waiting.held.push(signal);
          else send({ type: 'signal', ...signal });
        },
      });
    peer = current;
    features?.close();
    features = module.peerFeatures(current.connection, { opens: !polite, maxFileBytes: settings.maxFileBytes }, (event) => {
      if (peer === current) events.emit(event);
    });
    features.typeRealTimeText(realTimeDraft);
    current.on((event) => {
      if (peer !== current) return;
      if (event.type === 'error') return events.emit({ type: 'error', code: 'internal', message: event.message });
      if (event.type === 'lost') {
        reportQuality();
        return send({ type: 'hangup', reason: 'failed' });
      }
      if (event.type === 'remote-stream') {
        remoteStreams.set(event.stream.id, event.stream);
        return emitRemote(event.stream);
      }
      events.emit(event);
      if (event.type !== 'connection') return;
      kept.connection(event.state);
      if (event.state === 'connected' && !stopSampling) stopSampling = startSampling(current, module, kept);
    });
  };

  // The prepared connection is the call's if its offer went with Accept and
  // this start says it was passed on, or if it did not and this start says
  // what it was made with; what it held goes out. Otherwise a new one.
  const startPeer = async (message: Extract<ConversationServerMessage, { type: 'start' }>) => {
    const ahead = prepared;
    if (ahead && !message.polite && (ahead.sent ? message.prepared : samePeerSettings(ahead.settings, message))) {
      prepared = null;
      for (const signal of ahead.held) send({ type: 'signal', ...signal });
      return;
    }
    await makePeer(message.polite, message, false);
  };

  // On hold, every track this side sends is off, and what its own switches
  // (mute, camera) say waits here by kind, not by track: a device switched or
  // added meanwhile (a device list may swap it in before the call hears of
  // it) follows the switch of its kind when the call resumes.
  let onHold: Record<DeviceKind, boolean> | null = null;
  const holdTracks = () => {
    if (!onHold) return;
    for (const track of [...localStream.getTracks(), ...(screen?.getTracks() ?? [])]) track.enabled = false;
  };
  const setHold = (on: boolean) => {
    const switchOf = (kind: DeviceKind) => localStream.getTracks().find((track) => track.kind === kind)?.enabled ?? true;
    if (on) onHold ??= { audio: switchOf('audio'), video: switchOf('video') };
    else if (onHold) {
      for (const track of localStream.getTracks()) track.enabled = onHold[track.kind as DeviceKind];
      // A shared screen has no switch of its own.
      for (const track of screen?.getTracks() ?? []) track.enabled = true;
      onHold = null;
    }
    holdTracks();
  };
  const switchTracks = (kind: DeviceKind, enabled: boolean) => {
    if (onHold) onHold[kind] = enabled;
    else for (const track of localStream.getTracks()) if (track.kind === kind) track.enabled = enabled;
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
      case 'transferred':
        // The agent who left took the peer connection with them; whoever answers next starts a new one.
        stopSampling?.();
        stopSampling = null;
        features?.close();
        features = null;
        peer?.close();
        peer = null;
        setTimeout(makeEarly);
        return events.emit(message);
      case 'queued':
      case 'long-wait':
      case 'callback-waiting':
      case 'callback-ringing':
        // After this message is drawn: the page is waiting, and has the time.
        setTimeout(makeEarly);
        return events.emit(message);
      case 'accepted':
        return early ? holdAccepted(message) : events.emit(message);
      case 'error': {
        // The server refuses in order and acknowledges after, so the refused message is still here.
        const { refusedSeq, ...error } = message;
        const refusedChat = unacknowledged.find((sent) => sent.seq === refusedSeq)?.chatId;
        return events.emit(refusedChat ? { ...error, refusedChat } : error);
      }
      case 'receipt':
      case 'typing':
      case 'request':
      case 'request-answered':
      case 'request-withdrawn':
        return events.emit(message);
      case 'media':
        media = message.media;
        return events.emit(message);
      case 'hold':
        setHold(message.on);
        return events.emit(message);
      case 'chat':
        events.emit(message);
        // Delivered once this side has it (one receipt for a burst, such as a replayed transcript); read is for the UI to say.
        if (message.message.from !== options.participant) acknowledgeDelivery(message.message.n);
        return;
      case 'screen': {
        remoteScreenId = message.streamId;
        const stream = message.streamId ? remoteStreams.get(message.streamId) : null;
        if (!message.streamId) return events.emit({ type: 'remote-screen', stream: null });
        return stream && events.emit({ type: 'remote-screen', stream });
      }
      case 'start':
        // Said at once, and without letting out an `accepted` held back while the call is set up.
        announced.emit({ type: 'recording', on: message.recording });
        return startPeer(message);
      case 'signal':
        return void peer?.handleSignal(message);
      case 'ended':
        return finish(message.reason, message.outcome);
    }
  };

  const reconnectLater = () => {
    if (lostSince === null) events.emit({ type: 'link', up: false });
    lostSince ??= Date.now();
    if (Date.now() - lostSince > giveUpMs) {
      events.emit({ type: 'error', code: 'internal', message: 'The connection to support was lost.' });
      return finish('failed', null);
    }
    retry = setTimeout(open, delays[Math.min(attempts++, delays.length - 1)]);
  };

  function open() {
    retry = null;
    // A first join asks for where things stand; a reconnect, for what it missed
    // (a socket that heard nothing yet, such as an agent's opened while the call rang, joins afresh).
    const ws = new WebSocket(conversationSocketUrl(options.apiBase, options.conversationId, lostSince === null ? undefined : lastSeen), socketProtocols(options.token));
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      const wasLost = lostSince !== null;
      lostSince = null;
      for (const { text } of unacknowledged) ws.send(text);
      if (wasLost) events.emit({ type: 'link', up: true });
    };
    // One at a time, in order: a signal must not overtake the start that makes its peer connection.
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as ConversationServerMessage;
      handling = handling
        .then(async () => {
          await handle(message);
        })
        .catch((error: unknown) => events.emit({ type: 'error', code: 'internal', message: String(error) }));
    };
    ws.onclose = (event) => {
      if (socket !== ws || ended) return;
      socket = null;
      if (event.code === replacedCode) return stop({ type: 'replaced' });
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
    // A connection prepared while it rang goes too; the devices stay with whoever captured them.
    leave: () => stop(null),
    takePrepared() {
      const ahead = prepared;
      // Its offer comes first; any candidates follow it.
      if (!(ahead?.held[0] as { description?: unknown } | undefined)?.description || ahead!.sent) return undefined;
      ahead!.sent = true;
      return ahead!.held.splice(0, maxPreparedSignals);
    },
    prepare(settings) {
      handling = handling
        .then(async () => {
          // A start that came first has made the connection already.
          if (!peer) await makePeer(false, settings, true);
        })
        .catch((error: unknown) => events.emit({ type: 'error', code: 'internal', message: String(error) }));
    },
    sendChat(text) {
      const id = crypto.randomUUID();
      send({ type: 'chat', id, text });
      return id;
    },
    markRead(through) {
      // Read implies delivered: a delivery still gathered goes first.
      flushDelivery();
      send({ type: 'receipt', kind: 'read', through });
    },
    setTyping(typing) {
      // Typing is news only while it is true; it is not kept for a reconnect.
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'typing', typing }));
    },
    request: (kind) => send({ type: 'request', kind }),
    consent: (accept) => send({ type: 'consent', accept }),
    withdraw: () => send({ type: 'withdraw' }),
    addMedia(stream) {
      for (const track of stream.getTracks()) {
        // Added on hold: the track says what its switch is, for when the call resumes.
        if (onHold) onHold[track.kind as DeviceKind] = track.enabled;
        for (const old of localStream.getTracks().filter((candidate) => candidate.kind === track.kind)) {
          localStream.removeTrack(old);
          old.stop();
        }
        localStream.addTrack(track);
      }
      holdTracks();
      peer?.syncTracks();
    },
    dropMedia(kind) {
      for (const track of localStream.getTracks().filter((candidate) => candidate.kind === kind)) {
        localStream.removeTrack(track);
        track.stop();
      }
      peer?.syncTracks();
    },
    shareScreen(stream) {
      for (const track of screen?.getTracks() ?? []) track.stop();
      screen = stream;
      holdTracks();
      peer?.setScreen(stream);
      send({ type: 'screen', streamId: stream?.id ?? null });
      events.emit({ type: 'sharing', stream });
      // The browser's own "Stop sharing" button ends the track.
      stream?.getVideoTracks()[0]?.addEventListener('ended', () => {
        if (screen !== stream) return;
        screen = null;
        peer?.setScreen(null);
        send({ type: 'screen', streamId: null });
        events.emit({ type: 'sharing', stream: null });
      });
    },
    hold: (on) => send({ type: 'hold', on }),
    setMuted: (muted) => switchTracks('audio', !muted),
    setCameraOff: (off) => switchTracks('video', !off),
    replaceTrack(track) {
      swapTrack(localStream, track);
      holdTracks();
      peer?.syncTracks();
    },
    get peer() {
      return peer;
    },
    localStream,
    typeRealTimeText(draft) {
      realTimeDraft = draft;
      features?.typeRealTimeText(draft);
    },
    sendRealTimeLine() {
      realTimeDraft = '';
      features?.sendRealTimeLine();
    },
    get annotations() {
      return features?.annotations ?? null;
    },
    sendFile(file) {
      if (!features || peer?.connection.connectionState !== 'connected') throw new Error('Files can be sent once you are connected to the other side.');
      return features.files.send(file);
    },
    acceptFile: (id) => features?.files.accept(id),
    declineFile: (id) => features?.files.decline(id),
    cancelFile: (id) => features?.files.cancel(id),
  };
}

// Whether a connection made with `a` is what `start` asks for with `b`: the
// same relay policy, file limit and ICE servers (credentials minted at the
// ring and at `start` for the same participant work alike).
function samePeerSettings(a: PeerSettings, b: PeerSettings): boolean {
  const urls = (settings: PeerSettings) => JSON.stringify(settings.iceServers.map((server) => server.urls));
  return a.iceTransportPolicy === b.iceTransportPolicy && a.maxFileBytes === b.maxFileBytes && urls(a) === urls(b);
}
