// The agent's own microphone, camera and screen.
import type { ConversationMedia } from '@beckon/protocol';
import type { DeviceKind } from '@beckon/rtc';

/** Starts devices of the given kinds; the browser's own in the console, stand-ins in tests. */
export type Capture = (kinds: readonly DeviceKind[]) => Promise<MediaStream>;

/** Asks the browser which screen, window or tab to share; it must run inside the click that asked for it. */
export type PickScreen = () => Promise<MediaStream>;

/**
 * The devices a conversation needs for what it carries: none for a chat.
 * @example devicesFor('video') // ['audio', 'video']
 */
export function devicesFor(media: ConversationMedia): DeviceKind[] {
  if (media === 'chat') return [];
  return media === 'video' ? ['audio', 'video'] : ['audio'];
}

/**
 * Captures the microphone and/or the camera. Always a promise: where the
 * browser has no `mediaDevices` (a page not served securely) it rejects.
 * @example const stream = await captureDevices(['audio', 'video']);
 */
export const captureDevices: Capture = async (kinds) => navigator.mediaDevices.getUserMedia({ audio: kinds.includes('audio'), video: kinds.includes('video') });

/**
 * Lets the agent pick a screen to share.
 * @example button.onclick = () => void pickScreen().then(share);
 */
export const pickScreen: PickScreen = () => navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });

/**
 * Says why capture failed in words an agent can act on.
 * @example captureFailure(new DOMException('', 'NotAllowedError'), 'video') // 'The browser blocked your microphone or camera.'
 */
export function captureFailure(error: unknown, media: ConversationMedia): string {
  const devices = media === 'video' ? 'microphone or camera' : 'microphone';
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return `The browser blocked your ${devices}.`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No ${devices} was found.`;
  if (name === 'NotReadableError') return `Your ${devices} is in use by another program.`;
  return `Your ${devices} could not be started.`;
}

/**
 * Releases captured devices (the camera light goes off).
 * @example stopTracks(stream);
 */
export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
