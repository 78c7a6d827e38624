import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Plays `stream` in the media element `element` refers to.
 * @example const video = useRef<HTMLVideoElement>(null); useStreamSource(video, stream);
 */
export function useStreamSource(element: RefObject<HTMLMediaElement | null>, stream: MediaStream | null): void {
  useEffect(() => {
    if (element.current) element.current.srcObject = stream;
  }, [stream]);
}

/**
 * A muted video element showing a live stream: the agent's own preview must
 * never play their voice back to them, and the visitor's voice plays in
 * `CallAudio`, which stays when the video is not on screen.
 * @example <StreamVideo stream={remoteStream} label="Visitor video" />
 */
export function StreamVideo({ stream, label }: { stream: MediaStream | null; label: string }) {
  const video = useRef<HTMLVideoElement>(null);
  useStreamSource(video, stream);
  return <video ref={video} aria-label={label} autoplay playsinline muted defaultMuted />;
}
