import type { ConversationMedia } from '@beckon/protocol';

const paths: Record<ConversationMedia, string> = {
  chat: 'M4 4h16v11H8l-4 4z',
  audio: 'M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
  video: 'M3 6h12a1 1 0 0 1 1 1v3.5l5-3.5v10l-5-3.5V17a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1z',
};

/**
 * A small picture of what a conversation carries; the words beside it say the same to screen readers.
 * @example <MediaIcon media="video" />
 */
export function MediaIcon({ media }: { media: ConversationMedia }) {
  return (
    <svg class="media-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={paths[media]} fill="currentColor" />
    </svg>
  );
}
