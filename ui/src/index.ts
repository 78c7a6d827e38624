// Preact pieces the widget and the agent console share.
export { SaveLink } from './save-link.tsx';
export { useStore } from './use-store.ts';
export { CaptionsBox, CaptionsButton, captionsOf, type CaptionsControl } from './captions.tsx';
export { useSpokenText } from './use-spoken-text.ts';
export { loudness } from './loudness.ts';
export { useTalkingWhileMuted } from './talking-while-muted.ts';
