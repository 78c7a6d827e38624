import { useEffect, useRef } from 'preact/hooks';

/**
 * A video element playing a live stream; it follows the stream when one of its tracks is replaced.
 * @example <Video stream={remote} label="Support agent video" muted={false} class="remote" />
 */
export function Video({ stream, label, muted, class: className }: { stream: MediaStream | null; label: string; muted: boolean; class: string }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current!;
    element.srcObject = stream;
    // Autoplay can still be refused (no recent click on the page); the controls stay usable either way.
    if (stream) element.play().catch(() => {});
  }, [stream]);
  return <video ref={video} class={className} aria-label={label} autoplay playsInline muted={muted} />;
}
