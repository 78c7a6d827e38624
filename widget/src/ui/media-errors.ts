import type { Media } from '@beckon/protocol';

/**
 * Explains in plain words why the camera or microphone could not be used.
 * @example describeMediaError(new DOMException('', 'NotFoundError'), 'video') // 'No camera or microphone was found on this device.'
 */
export function describeMediaError(error: unknown, media: Media): string {
  const devices = media === 'video' ? 'camera or microphone' : 'microphone';
  switch ((error as { name?: unknown } | null)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Access to your ${devices} was blocked. Allow it in your browser's address bar, then try again.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No ${devices} was found on this device.`;
    case 'NotReadableError':
    case 'AbortError':
      return `Your ${devices} is busy. Close other apps that use it, then try again.`;
    case 'TypeError':
      // Thrown when `navigator.mediaDevices` is missing, which browsers do on pages not served over HTTPS.
      return 'This page cannot use your camera or microphone because it is not secure (HTTPS).';
    default:
      return `Your ${devices} could not be started.`;
  }
}
