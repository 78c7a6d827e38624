// The agent's own microphone and camera.
import type { ConversationMedia, Media } from '@beckon/protocol';

/**
 * Captures the microphone, plus the camera for a video call; nothing for a chat.
 * @example const stream = await captureMedia('video');
 */
export function captureMedia(media: ConversationMedia): Promise<MediaStream> {
  if (media === 'chat') return Promise.resolve(new MediaStream());
  return navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' });
}

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
