import { useStore } from '@beckon/ui';
import { useRef } from 'preact/hooks';
import { $callHolder } from '../stores/conversations.ts';
import { useStreamSource } from './StreamVideo.tsx';

/**
 * Plays the visitor's voice in the agent's call whichever conversation or
 * page is on screen; the call's video elements stay muted. On hold it is
 * silent, whatever the visitor's page sends.
 * @example <CallAudio />
 */
export function CallAudio() {
  const holder = useStore($callHolder);
  const audio = useRef<HTMLAudioElement>(null);
  useStreamSource(audio, holder?.remoteStream ?? null);
  return <audio ref={audio} autoplay muted={holder?.heldSince != null} />;
}
