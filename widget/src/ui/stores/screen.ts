// Screens shared in the conversation: the visitor's own (when the agent asked
// and the visitor accepted, or offered during a call) and the agent's, with
// the drawings both sides make over a shared screen.
import type { Annotations, AnnotationState } from '@beckon/rtc';
import { map } from 'nanostores';
import { services } from '../services.ts';
import { conversationEvents, joinedConversation } from './conversation.ts';

export interface ScreenState {
  /** The visitor's own screen while they share it. */
  sharing: MediaStream | null;
  /** The agent's screen while they share it. */
  agentScreen: MediaStream | null;
  /** The strokes and the agent's pointer over whichever screen is shared. */
  drawings: AnnotationState;
}

const none: ScreenState = { sharing: null, agentScreen: null, drawings: { strokes: [], remotePointer: null } };

export const $screen = map<ScreenState>(none);

/**
 * Lets the visitor pick a screen, window or tab and shares it with the agent.
 * Call it straight from the click: browsers show the picker only within one.
 * Resolves whether something is shared (false when the visitor cancelled the picker).
 * @example <button onClick={() => void shareScreen()}>Share screen</button>
 */
export async function shareScreen(): Promise<boolean> {
  const conversation = joinedConversation();
  if (!conversation) return false;
  let stream: MediaStream;
  try {
    stream = await services().captureScreen();
  } catch {
    return false;
  }
  if (joinedConversation() !== conversation) {
    for (const track of stream.getTracks()) track.stop();
    return false;
  }
  conversation.shareScreen(stream);
  return true;
}

/**
 * Stops sharing the visitor's screen.
 * @example <button onClick={stopSharing}>Stop sharing</button>
 */
export function stopSharing(): void {
  joinedConversation()?.shareScreen(null);
}

/**
 * Pointing and drawing over the shared screen, once the conversation's peer connection is up.
 * @example drawings()?.beginStroke(0.5, 0.5);
 */
export function drawings(): Annotations | null {
  return joinedConversation()?.annotations ?? null;
}

/**
 * Wipes every drawing, on both sides.
 * @example <button onClick={clearDrawings}>Clear drawings</button>
 */
export function clearDrawings(): void {
  drawings()?.clear();
}

conversationEvents.on((event) => {
  switch (event.type) {
    case 'sharing':
      return $screen.setKey('sharing', event.stream);
    case 'remote-screen':
      return $screen.setKey('agentScreen', event.stream);
    case 'annotations':
      return $screen.setKey('drawings', event.state);
    case 'transferred':
      // The agent's screen and drawings left with them; the visitor's own share goes on to whoever answers next.
      return $screen.set({ ...none, sharing: $screen.get().sharing });
    case 'joined':
    case 'replaced':
    case 'ended':
      return $screen.set(none);
  }
});
