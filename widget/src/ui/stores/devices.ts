// The visitor's microphone and camera: what there is to pick from, what the
// call uses, and what went wrong with a device. From the check before the
// queue until the devices are released.
import { followDevices, type DeviceChoices, type DeviceKind, type LocalDevices } from '@beckon/rtc';
import { map } from 'nanostores';
import { describeMediaError } from '../media-errors.ts';
import { services } from '../services.ts';

export interface DevicesState extends DeviceChoices {
  /** Plain words about a device that went away or could not be used. */
  problem: string | null;
}

const none: DevicesState = { microphones: [], cameras: [], microphone: null, camera: null, problem: null };

export const $devices = map<DevicesState>(none);

let followed: LocalDevices | null = null;

/**
 * Follows the devices of the visitor's captured stream; `send` gets each
 * track that takes another's place, for the call to send instead.
 * @example followLocalDevices(stream, (track) => conversation?.replaceTrack(track));
 */
export function followLocalDevices(stream: MediaStream, send: (track: MediaStreamTrack) => void): void {
  followed?.close();
  followed = followDevices(stream, services().devices);
  $devices.set(none);
  followed.on((event) => {
    if (event.type === 'choices') return $devices.set({ ...event.choices, problem: $devices.get().problem });
    if (event.type === 'track') return send(event.track);
    $devices.setKey('problem', `Your ${event.kind === 'audio' ? 'microphone' : 'camera'} was disconnected`);
  });
}

/**
 * Stops following the devices, once they are released.
 * @example stopFollowingDevices();
 */
export function stopFollowingDevices(): void {
  followed?.close();
  followed = null;
  $devices.set(none);
}

/**
 * Moves the check, or the call, to another microphone or camera; the old one
 * stays when the new one cannot be started, and the visitor is told why.
 * @example await chooseDevice('video', deviceId);
 */
export async function chooseDevice(kind: DeviceKind, deviceId: string): Promise<void> {
  const current = followed;
  if (!current) return;
  let problem: string | null = null;
  try {
    await current.choose(kind, deviceId);
  } catch (error) {
    problem = describeMediaError(error, kind);
  }
  if (followed === current) $devices.setKey('problem', problem);
}
