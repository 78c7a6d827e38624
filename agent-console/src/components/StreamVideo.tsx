import { useEffect, useRef } from 'preact/hooks';

/**
 * A video element showing a live stream. `muted` is for the agent's own
 * preview, which must never play the agent's voice back to them.
 * @example <StreamVideo stream={remoteStream} label="Visitor video" />
 */
export function StreamVideo({ stream, label, muted = false }: { stream: MediaStream | null; label: string; muted?: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return <video ref={video} aria-label={label} autoplay playsinline muted={muted} defaultMuted={muted} />;
}
