// Records a call's sound in the agent's console, as the tenant asked: both
// sides mixed (what the agent hears and says, silence while muted or on
// hold), Opus in WebM, sent to the server in parts every few seconds, in
// order, so that a console that closes loses only its last seconds. A part
// the server did not take is sent again until it does, or the call is over.
import type { RecordingStarted } from '@beckon/protocol';

export interface CallRecorder {
  /** Records these tracks from now on, in place of the ones before (a device switched, the visitor's stream came). */
  rewire(tracks: MediaStreamTrack[]): void;
  /** Keeps nothing of the call while paused (the visitor gives a card number); the recording goes on from where it was. */
  pause(paused: boolean): void;
  /** Stops, and resolves once what was recorded is sent (or could not be). */
  stop(): Promise<void>;
}

export interface CallRecorderOptions {
  apiBase: string;
  conversationId: string;
  /** The agent's conversation token. */
  token: string;
  tracks: MediaStreamTrack[];
  /** Called once when the recording stops short: the server refused it. */
  failed(message: string): void;
  /** How long each part is; the last one is what was left at the stop. */
  partMs?: number;
}

/** A recorder that records nothing: for a call this browser cannot record. */
export const noRecorder: CallRecorder = { rewire: () => {}, pause: () => {}, stop: async () => {} };

/** What the recordings are: what every recording of a call is kept and played as. */
const recordingType = 'audio/webm;codecs=opus';
/** Waits before sending a part again after a network error, the last one repeating. */
const retryDelaysMs = [1000, 2000, 5000];
/** How long a stop waits for the last parts to be sent. */
const drainMs = 15_000;

/**
 * Starts recording a call's sound.
 * @example const recorder = startCallRecorder({ apiBase, conversationId, token, tracks: [mic, visitorVoice], failed: showNotice });
 */
export function startCallRecorder(options: CallRecorderOptions): CallRecorder {
  // A browser that records in another format only (Safari: MP4) records nothing, and says so.
  if (typeof MediaRecorder === 'undefined' || !MediaRecorder.isTypeSupported(recordingType)) {
    options.failed('this browser cannot record in WebM (Opus); Chrome, Edge and Firefox can.');
    return noRecorder;
  }
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  let sources: MediaStreamAudioSourceNode[] = [];
  const rewire = (tracks: MediaStreamTrack[]) => {
    for (const source of sources) source.disconnect();
    sources = tracks.filter((track) => track.kind === 'audio').map((track) => {
      const source = context.createMediaStreamSource(new MediaStream([track]));
      source.connect(destination);
      return source;
    });
  };
  rewire(options.tracks);
  void context.resume();

  const base = `${options.apiBase}/v1/conversations/${encodeURIComponent(options.conversationId)}/recordings`;
  const headers = { Authorization: `Bearer ${options.token}` };
  const parts: Blob[] = [];
  let sent = 0;
  let stopped = false;
  // Past it, after a stop, a part the network keeps from the server is given up.
  let drainedBy = Number.POSITIVE_INFINITY;
  let gaveUp = false;
  const giveUp = (message: string) => {
    if (gaveUp) return;
    gaveUp = true;
    parts.length = 0;
    options.failed(message);
  };
  const refusal = async (response: Response) => ((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${response.status}.`;

  const segment = (async () => {
    const response = await fetch(base, { method: 'POST', headers });
    if (!response.ok) return giveUp(await refusal(response)), null;
    return ((await response.json()) as RecordingStarted).segment;
  })().catch(() => (giveUp('The recording could not begin: the server could not be reached.'), null));

  // One part at a time, in order; a network error sends it again after a wait.
  let pumping: Promise<void> | null = null;
  const pump = () => {
    pumping ??= (async () => {
      const number = await segment;
      let failures = 0;
      while (number !== null && !gaveUp && sent < parts.length) {
        const response = await fetch(`${base}/${number}/parts/${sent}`, { method: 'PUT', headers: { ...headers, 'Content-Type': 'audio/webm' }, body: parts[sent] }).catch(() => null);
        if (response?.ok) {
          parts[sent++] = new Blob();
          failures = 0;
        } else if (response && response.status < 500) {
          giveUp(await refusal(response));
        } else if (Date.now() > drainedBy) {
          giveUp('The end of the recording could not be sent: the server could not be reached.');
        } else {
          await new Promise((wait) => setTimeout(wait, retryDelaysMs[Math.min(failures++, retryDelaysMs.length - 1)]));
        }
      }
    })().finally(() => {
      pumping = null;
      if (!gaveUp && sent < parts.length) pump();
    });
    return pumping;
  };

  const recorder = new MediaRecorder(destination.stream, { mimeType: recordingType, audioBitsPerSecond: 24_000 });
  const lastPart = new Promise<void>((done) => recorder.addEventListener('stop', () => done()));
  recorder.addEventListener('dataavailable', (event) => {
    if (gaveUp || !event.data.size) return;
    parts.push(event.data);
    void pump();
  });
  recorder.start(options.partMs ?? 5000);

  return {
    rewire: (tracks) => !stopped && rewire(tracks),
    pause(paused) {
      if (paused && recorder.state === 'recording') recorder.pause();
      if (!paused && recorder.state === 'paused') recorder.resume();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      drainedBy = Date.now() + drainMs;
      if (recorder.state !== 'inactive') recorder.stop();
      await lastPart;
      for (const source of sources) source.disconnect();
      void context.close();
      await Promise.race([pumping ?? Promise.resolve(), new Promise((wait) => setTimeout(wait, drainMs))]);
    },
  };
}
