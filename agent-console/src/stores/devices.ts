// The agent's microphone and camera in a call: what there is to pick from,
// what the call sends, and a device that went away.
import { browserDevices, followDevices, type DeviceAccess, type DeviceChoices, type DeviceKind, type LocalDevices } from '@beckon/rtc';
import { map } from 'nanostores';
import { captureFailure } from '../media.ts';

export interface AgentDevices extends DeviceChoices {
  /** Why a device is not in use: unplugged with none to take its place, or failed to start. */
  problem: string | null;
}

const noDevices: AgentDevices = { microphones: [], cameras: [], microphone: null, camera: null, problem: null };

export const $devices = map<AgentDevices>(noDevices);

let current: LocalDevices | null = null;

/**
 * Follows the devices of the agent's captured stream until `forgetDevices`;
 * a track that replaces another goes to `send`, the call.
 * @example followAgentDevices(stream, (track) => conversation?.replaceTrack(track));
 */
export function followAgentDevices(stream: MediaStream, send: (track: MediaStreamTrack) => void, access: DeviceAccess = browserDevices): void {
  forgetDevices();
  const following = followDevices(stream, access);
  current = following;
  following.on((event) => {
    switch (event.type) {
      case 'choices':
        return $devices.set({ ...event.choices, problem: $devices.get().problem });
      case 'track':
        return send(event.track);
      case 'lost':
        return $devices.setKey('problem', event.kind === 'audio' ? 'Your microphone was disconnected. The caller cannot hear you.' : 'Your camera was disconnected.');
    }
  });
}

/**
 * Stops following the devices when the call's devices are released.
 * @example forgetDevices();
 */
export function forgetDevices(): void {
  current?.close();
  current = null;
  $devices.set(noDevices);
}

/**
 * Moves the call to another microphone or camera; keeps the old one if the new one fails.
 * @example await switchDevice('audio', headsetId);
 */
export async function switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
  const following = current;
  try {
    await following?.choose(kind, deviceId);
    if (current === following) $devices.setKey('problem', null);
  } catch (error) {
    if (current === following) $devices.setKey('problem', captureFailure(error, kind));
  }
}
