// One peer connection driven by the "perfect negotiation" pattern of the
// WebRTC specification, so either side may add tracks at any time and glare
// resolves itself: the polite side rolls back, the impolite side ignores.
import type { IceCandidate, IceServer, Signal } from '@beckon/protocol';
import { createEmitter } from './emitter.ts';

export interface PeerCallOptions {
  polite: boolean;
  iceServers: IceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  /** Camera and microphone; `syncTracks` sends what it holds now. */
  localStream: MediaStream;
  /** A shared screen, sent as a stream of its own. */
  screen?: MediaStream | null;
  sendSignal(signal: Signal): void;
  /** How media is recovered when it stops flowing; see `defaultRecovery`. */
  recovery?: Partial<Recovery>;
}

/** Timings of ICE recovery after media stops flowing. */
export interface Recovery {
  /** After `disconnected`, wait this long for ICE to recover on its own before restarting it. */
  disconnectedGraceMs: number;
  /** While not connected, restart ICE again this often (new candidates, new TURN allocations). */
  retryMs: number;
  /** Give up (the call is lost) after this long without media. */
  giveUpMs: number;
}

export const defaultRecovery: Recovery = { disconnectedGraceMs: 1000, retryMs: 500, giveUpMs: 60_000 };

export type PeerCallEvent =
  | { type: 'connection'; state: RTCPeerConnectionState }
  /** Media stopped flowing and recovery started (`true`), or media flows again (`false`). */
  | { type: 'reconnecting'; media: boolean }
  /** Recovery gave up: the call cannot go on. */
  | { type: 'lost' }
  | { type: 'remote-stream'; stream: MediaStream }
  | { type: 'error'; message: string };

export interface PeerCall {
  readonly connection: RTCPeerConnection;
  /** Applies a signal from the other side; signals are handled one at a time, in order. */
  handleSignal(signal: Signal): Promise<void>;
  on(listener: (event: PeerCallEvent) => void): () => void;
  /**
   * Sends the tracks the local stream and screen hold now and stops sending
   * the others; a track in the place of one of its kind in the local stream
   * goes on the old one's sender, the others renegotiate.
   */
  syncTracks(): void;
  setScreen(screen: MediaStream | null): void;
  /** Gives a connection made ahead of time its ICE servers and relay policy, before it gathers any candidate. */
  configure(ice: Pick<PeerCallOptions, 'iceServers' | 'iceTransportPolicy'>): void;
  close(): void;
}

/**
 * Starts a peer connection that sends the local stream and negotiates by itself.
 * @example const call = createPeerCall({ polite: true, iceServers: [], iceTransportPolicy: 'all', localStream, sendSignal: (s) => socket.send(JSON.stringify({ type: 'signal', ...s })) });
 */
export function createPeerCall(options: PeerCallOptions): PeerCall {
  const events = createEmitter<PeerCallEvent>();
  const pc = new RTCPeerConnection({
    iceServers: options.iceServers,
    iceTransportPolicy: options.iceTransportPolicy,
    bundlePolicy: 'max-bundle',
  });
  let makingOffer = false;
  let ignoreOffer = false;
  let settingRemoteAnswer = false;
  let queue = Promise.resolve();
  let screen = options.screen ?? null;

  const fail = (error: unknown) => events.emit({ type: 'error', message: String(error) });
  const sendDescription = () => {
    const { type, sdp } = pc.localDescription!;
    options.sendSignal({ description: { type, sdp } });
  };

  const offer = async () => {
    if (makingOffer || pc.signalingState !== 'stable') return;
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      sendDescription();
    } catch (error) {
      fail(error);
    } finally {
      makingOffer = false;
    }
  };
  // The polite side offers nothing before its first answer, so the call never
  // starts with both sides offering at once (glare there can stall gathering).
  // Its tracks are attached from the start all the same: the other side's
  // offer takes them up, so the answer carries them and adding them is not on
  // the way to it. Whatever the offer did not take up is offered after.
  let answered = !options.polite;
  pc.onnegotiationneeded = () => {
    if (answered) void offer();
  };
  // The impolite side offers at once, without waiting for negotiationneeded
  // (a task that waits behind whatever the page is busy with); a microtask
  // still lets the caller add its data channels first, so they ride along.
  if (!options.polite) queueMicrotask(() => void offer());
  // A candidate's JSON is its four fields; the server reads one a browser leaves out as null.
  pc.onicecandidate = ({ candidate }) => candidate && options.sendSignal({ candidate: candidate.toJSON() as IceCandidate });
  // Streams keep the sender's id, so the other side can tell the shared screen from the camera.
  // Tracks arrive while a description is applied; they are announced once
  // it is applied and answered, and not before the connection is first up:
  // a page draws a stream in a media element, tens of milliseconds of its
  // thread, and neither the answer nor the connection should wait for that.
  let arriving: Set<MediaStream> | null = null;
  const unannounced = new Set<MediaStream>();
  const announce = (stream: MediaStream) => {
    if (connectedOnce) events.emit({ type: 'remote-stream', stream });
    else unannounced.add(stream);
  };
  pc.ontrack = ({ track, streams }) => {
    const stream = streams[0] ?? new MediaStream([track]);
    if (!stream.getTracks().includes(track)) stream.addTrack(track);
    if (arriving) arriving.add(stream);
    else announce(stream);
  };
  pc.onconnectionstatechange = () => {
    events.emit({ type: 'connection', state: pc.connectionState });
    recover();
    if (!connectedOnce) return;
    unannounced.forEach(announce);
    unannounced.clear();
  };

  // ICE recovery. Chromium reports `disconnected` some seconds after packets
  // stop and `failed` only on the connection state. The impolite side restarts
  // ICE (new candidates, new TURN allocations) and keeps doing so until media
  // flows again; perfect negotiation carries the restart offers.
  const recovery = { ...defaultRecovery, ...options.recovery };
  let connectedOnce = false;
  let lostSince: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const restartLater = (delayMs: number) => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (pc.connectionState === 'connected' || pc.connectionState === 'closed' || lostSince === null) return;
      if (Date.now() - lostSince >= recovery.giveUpMs) return events.emit({ type: 'lost' });
      if (!options.polite) pc.restartIce();
      restartLater(recovery.retryMs);
    }, delayMs);
  };
  // After an outage the other side cannot decode video until a key frame
  // arrives; briefly pausing and resuming each video encoding makes the
  // encoder start over with one at once, instead of waiting to be asked.
  async function restartVideo() {
    if (pc.connectionState !== 'connected') return;
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind !== 'video' || !sender.getParameters().encodings?.length) continue;
      try {
        for (const active of [false, true]) {
          const parameters = sender.getParameters();
          await sender.setParameters({ ...parameters, encodings: parameters.encodings.map((encoding) => ({ ...encoding, active })) });
        }
      } catch {
        // A renegotiation in flight changed the parameters; its own start brings a key frame.
      }
    }
  }

  function recover() {
    const state = pc.connectionState;
    if (state === 'connected') {
      connectedOnce = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (lostSince !== null) {
        events.emit({ type: 'reconnecting', media: false });
        // Once now and once a moment later, in case the first key frame went out before the path was clear.
        void restartVideo();
        setTimeout(() => void restartVideo(), 400);
      }
      lostSince = null;
      return;
    }
    if (!connectedOnce || (state !== 'disconnected' && state !== 'failed')) return;
    if (lostSince === null) {
      lostSince = Date.now();
      events.emit({ type: 'reconnecting', media: true });
    }
    if (state === 'failed' && timer) {
      clearTimeout(timer);
      timer = null;
    }
    restartLater(state === 'failed' ? 0 : recovery.disconnectedGraceMs);
  }
  // A microphone or camera that takes the place of one the call sends (the
  // microphone captured again with the camera, when a voice call becomes a
  // video call) goes out on the old one's sender, without renegotiating: as
  // a new m-line, offered just as the other side offers its camera, the offer
  // rolled back, it has left Chromium not decoding the other side's video.
  const syncTracks = () => {
    if (pc.signalingState === 'closed') return;
    const streams = screen ? [options.localStream, screen] : [options.localStream];
    const wanted = streams.flatMap((stream) => stream.getTracks());
    const sent = pc.getSenders().map((sender) => sender.track);
    for (const sender of pc.getSenders()) {
      const old = sender.track;
      if (!old || wanted.includes(old)) continue;
      const successor = options.localStream.getTracks().find((track) => track.kind === old.kind && !sent.includes(track));
      if (!successor) pc.removeTrack(sender);
      else {
        sent.push(successor);
        sender.replaceTrack(successor).catch(fail);
      }
    }
    for (const stream of streams) {
      for (const track of stream.getTracks()) if (!sent.includes(track)) pc.addTrack(track, stream);
    }
  };
  syncTracks();

  async function applyDescription(description: RTCSessionDescriptionInit) {
    const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    ignoreOffer = !options.polite && collision;
    if (ignoreOffer) return;
    settingRemoteAnswer = description.type === 'answer';
    await pc.setRemoteDescription(description);
    settingRemoteAnswer = false;
    if (description.type === 'offer') {
      answered = true;
      await pc.setLocalDescription();
      sendDescription();
    }
  }

  async function apply(signal: Signal) {
    if ('description' in signal) {
      arriving = new Set();
      try {
        await applyDescription(signal.description);
      } finally {
        const streams = arriving;
        arriving = null;
        streams.forEach(announce);
      }
      return;
    }
    try {
      await pc.addIceCandidate(signal.candidate);
    } catch (error) {
      if (!ignoreOffer) throw error;
    }
  }

  return {
    connection: pc,
    handleSignal(signal) {
      queue = queue
        .then(() => apply(signal))
        .catch(fail);
      return queue;
    },
    on: events.on,
    syncTracks,
    setScreen(next) {
      screen = next;
      syncTracks();
    },
    configure({ iceServers, iceTransportPolicy }) {
      pc.setConfiguration({ ...pc.getConfiguration(), iceServers, iceTransportPolicy });
    },
    close() {
      if (timer) clearTimeout(timer);
      pc.close();
    },
  };
}
