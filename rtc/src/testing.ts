// Stand-ins for tests of code built on the call engine; not part of the engine.
import type { DeviceAccess } from './devices.ts';
import type { QualitySample } from './quality.ts';

/**
 * A sample of a good, direct call, with the given fields changed.
 * @example qualitySample({ lossPercent: 5, mos: 3.7 })
 */
export function qualitySample(fields: Partial<QualitySample> = {}): QualitySample {
  return {
    rttMs: 40,
    jitterMs: 10,
    lossPercent: 0,
    videoJitterMs: 15,
    videoLossPercent: 0,
    inboundKbps: 900,
    outboundKbps: 1100,
    framesPerSecond: 30,
    frameWidth: 640,
    frameHeight: 480,
    audioLevel: 0.1,
    candidateType: 'srflx',
    remoteCandidateType: 'host',
    mos: 4.4,
    ...fields,
  };
}

let tracksMade = 0;

/**
 * A camera or microphone track that stops like a real one (no `ended` event)
 * and can be unplugged (`ended`, as the browser fires it).
 * @example const track = fakeTrack('audio', 'mic-1'); track.unplug();
 */
export function fakeTrack(kind: 'audio' | 'video', deviceId = 'default') {
  const track = Object.assign(new EventTarget(), {
    kind,
    id: `${kind}-${++tracksMade}`,
    enabled: true,
    readyState: 'live' as MediaStreamTrackState,
    getSettings: () => ({ deviceId }),
    stop() {
      track.readyState = 'ended';
    },
    unplug() {
      track.readyState = 'ended';
      track.dispatchEvent(new Event('ended'));
    },
  });
  return track;
}

export type FakeTrack = ReturnType<typeof fakeTrack>;

/**
 * A MediaStream holding stand-in tracks, with the parts of the real one the call engine uses.
 * @example const stream = fakeMediaStream([fakeTrack('audio')]);
 */
export function fakeMediaStream(tracks: FakeTrack[]): MediaStream {
  const held = [...tracks];
  const ofKind = (kind: string) => () => held.filter((track) => track.kind === kind);
  return {
    getTracks: () => [...held],
    getAudioTracks: ofKind('audio'),
    getVideoTracks: ofKind('video'),
    addTrack: (track: FakeTrack) => void held.push(track),
    removeTrack: (track: FakeTrack) => void held.splice(held.indexOf(track), 1),
  } as unknown as MediaStream;
}

/**
 * A captured camera/microphone stream (the microphone alone for audio) from the default devices.
 * @example const { stream, tracks } = fakeStream('video'); expect(tracks.every((track) => track.readyState === 'ended')).toBe(true);
 */
export function fakeStream(media: 'audio' | 'video') {
  const tracks = media === 'video' ? [fakeTrack('audio'), fakeTrack('video')] : [fakeTrack('audio')];
  return { tracks, stream: fakeMediaStream(tracks) };
}

/**
 * Devices a test plugs in and out: `capture` answers from `devices` (the first
 * of a kind is the default) and records each track it hands out.
 * @example const fake = fakeDevices([{ kind: 'audioinput', deviceId: 'mic-1', label: 'Desk mic' }]); followDevices(stream, fake.access);
 */
export function fakeDevices(devices: { kind: MediaDeviceKind; deviceId: string; label: string }[]) {
  const captured: FakeTrack[] = [];
  let changed: (() => void) | null = null;
  const access: DeviceAccess = {
    async capture(kind, deviceId) {
      const device = devices.find((candidate) => candidate.kind === `${kind}input` && (deviceId === undefined || candidate.deviceId === deviceId));
      if (!device) throw new DOMException('Requested device not found', 'NotFoundError');
      captured.push(fakeTrack(kind, device.deviceId));
      return captured.at(-1) as unknown as MediaStreamTrack;
    },
    list: async () => [...devices],
    watch(listener) {
      changed = listener;
      return () => void (changed = null);
    },
  };
  return {
    access,
    devices,
    captured,
    /** Tells the follower, as `devicechange` would, that `devices` changed. */
    announceChange: () => changed?.(),
  };
}
