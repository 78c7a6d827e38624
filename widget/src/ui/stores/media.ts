import { map } from 'nanostores';
import { stopFollowingDevices } from './devices.ts';

export interface MediaState {
  /** The visitor's own camera and microphone. */
  local: MediaStream | null;
  /** What the agent sends. */
  remote: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  /** The agent has the call on hold: the visitor's camera and microphone send nothing meanwhile. */
  held: boolean;
  /** The agent's console records the call's sound (the conversation says so as the call starts). */
  recorded: boolean;
}

/** The streams of the current call and the visitor's mute and camera switches. */
const noMedia = { local: null, remote: null, muted: false, cameraOff: false, held: false };
export const $media = map<MediaState>({ ...noMedia, recorded: false });

/**
 * Stops the visitor's camera and microphone and forgets both streams.
 * @example releaseMedia();
 */
export function releaseMedia(): void {
  stopFollowingDevices();
  for (const track of $media.get().local?.getTracks() ?? []) track.stop();
  $media.set({ ...$media.get(), ...noMedia });
}
