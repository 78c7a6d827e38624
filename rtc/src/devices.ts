// The local camera and microphone: which devices there are, which one a call
// uses, moving the call to another one, and falling back to the default device
// when the one in use is unplugged mid-call.
import { createEmitter } from './emitter.ts';

export type DeviceKind = 'audio' | 'video';

export interface DeviceOption {
  id: string;
  label: string;
}

/** The devices to pick from and the ones the stream uses now (null: none working). */
export interface DeviceChoices {
  microphones: DeviceOption[];
  cameras: DeviceOption[];
  microphone: string | null;
  camera: string | null;
}

/** How devices are reached: the browser's in the page, stand-ins in tests. */
export interface DeviceAccess {
  /** Captures one track, from the default device when `deviceId` is left out. */
  capture(kind: DeviceKind, deviceId?: string): Promise<MediaStreamTrack>;
  list(): Promise<Pick<MediaDeviceInfo, 'kind' | 'deviceId' | 'label'>[]>;
  /** Calls `listener` when a device is plugged in or out; returns a function that stops it. */
  watch(listener: () => void): () => void;
}

/**
 * The page's own camera and microphone.
 * @example const devices = followDevices(stream, browserDevices);
 */
export const browserDevices: DeviceAccess = {
  async capture(kind, deviceId) {
    const wanted = deviceId ? { deviceId: { exact: deviceId } } : true;
    const stream = await navigator.mediaDevices.getUserMedia(kind === 'audio' ? { audio: wanted } : { video: wanted });
    return stream.getTracks()[0]!;
  },
  list: () => navigator.mediaDevices.enumerateDevices(),
  watch(listener) {
    navigator.mediaDevices.addEventListener('devicechange', listener);
    return () => navigator.mediaDevices.removeEventListener('devicechange', listener);
  },
};

/**
 * Sorts what `enumerateDevices` found into microphones and cameras, with a
 * name for devices the browser gives no label.
 * @example groupDevices([{ kind: 'videoinput', deviceId: 'c1', label: '' }]) // { microphones: [], cameras: [{ id: 'c1', label: 'Camera 1' }] }
 */
export function groupDevices(devices: Pick<MediaDeviceInfo, 'kind' | 'deviceId' | 'label'>[]): Pick<DeviceChoices, 'microphones' | 'cameras'> {
  const options = (kind: MediaDeviceKind, name: string) =>
    devices
      // Before permission is granted, browsers list devices without ids; none of those can be picked.
      .filter((device) => device.kind === kind && device.deviceId)
      .map((device, index) => ({ id: device.deviceId, label: device.label || `${name} ${index + 1}` }));
  return { microphones: options('audioinput', 'Microphone'), cameras: options('videoinput', 'Camera') };
}

/**
 * Puts `track` into `stream` in place of the track of the same kind, muted or
 * turned off as the old one was, and stops the old one.
 * @example swapTrack(localStream, newCameraTrack);
 */
export function swapTrack(stream: MediaStream, track: MediaStreamTrack): void {
  for (const old of stream.getTracks()) {
    if (old.kind !== track.kind || old === track) continue;
    track.enabled = old.enabled;
    stream.removeTrack(old);
    old.stop();
  }
  if (!stream.getTracks().includes(track)) stream.addTrack(track);
}

export type LocalDevicesEvent =
  | { type: 'choices'; choices: DeviceChoices }
  /** `track` took the place of the stream's track of its kind; a call should send it from now on. */
  | { type: 'track'; track: MediaStreamTrack }
  /** The device in use went away and no other could take its place. */
  | { type: 'lost'; kind: DeviceKind };

export interface LocalDevices {
  /** Moves the stream to another device; rejects (keeping the old one) when it cannot be captured. */
  choose(kind: DeviceKind, deviceId: string): Promise<void>;
  on(listener: (event: LocalDevicesEvent) => void): () => void;
  /** Stops following the stream; its tracks are left as they are. */
  close(): void;
}

/**
 * Follows the devices of a captured stream: reports the choices now and after
 * each change, switches devices on request, and when a track ends by itself
 * (unplugged, or taken by the system) captures the default device in its place.
 * @example const devices = followDevices(stream); devices.on((event) => event.type === 'track' && conversation.replaceTrack(event.track));
 */
export function followDevices(stream: MediaStream, access: DeviceAccess = browserDevices): LocalDevices {
  const events = createEmitter<LocalDevicesEvent>();
  let closed = false;

  const inUse = (kind: DeviceKind) => {
    const track = stream.getTracks().find((candidate) => candidate.kind === kind && candidate.readyState === 'live');
    return track?.getSettings().deviceId ?? null;
  };
  const refresh = async () => {
    const found = groupDevices(await access.list().catch(() => []));
    if (!closed) events.emit({ type: 'choices', choices: { ...found, microphone: inUse('audio'), camera: inUse('video') } });
  };
  const use = (track: MediaStreamTrack) => {
    if (closed) return track.stop();
    swapTrack(stream, track);
    watch(track);
    events.emit({ type: 'track', track });
  };
  const replaceLost = async (track: MediaStreamTrack) => {
    if (closed || !stream.getTracks().includes(track)) return;
    const kind = track.kind as DeviceKind;
    try {
      use(await access.capture(kind));
    } catch {
      if (!closed) events.emit({ type: 'lost', kind });
    }
    await refresh();
  };
  // `stop()` fires no `ended`, so only a track that ends by itself lands here.
  const watch = (track: MediaStreamTrack) => track.addEventListener('ended', () => void replaceLost(track), { once: true });

  for (const track of stream.getTracks()) watch(track);
  const unwatch = access.watch(() => void refresh());
  void refresh();

  return {
    async choose(kind, deviceId) {
      use(await access.capture(kind, deviceId));
      await refresh();
    },
    on: events.on,
    close() {
      closed = true;
      unwatch();
    },
  };
}
