// Asking for more than the conversation carries now, and answering when the
// agent asks: an audio or video call, or (the agent only) seeing the
// visitor's screen. The visitor's devices and screen are captured only after
// they consented.
import type { Participant, RequestKind } from '@beckon/protocol';
import { atom } from 'nanostores';
import { conversationEvents, joinedConversation } from './conversation.ts';
import { shareScreen } from './screen.ts';

export interface RequestsState {
  /** A request waiting for its answer: the visitor's own, or the agent's for the visitor to answer. */
  pending: { kind: RequestKind; by: Participant } | null;
  /** What the agent said no to, of the visitor's latest request. */
  declined: RequestKind | null;
  /** Why the server refused the visitor's latest request, as it said it ("Your agent is in another call…"). */
  refused: string | null;
}

const none: RequestsState = { pending: null, declined: null, refused: null };

export const $requests = atom<RequestsState>(none);

/**
 * Asks the agent to take the conversation to audio or video; stepping down (to audio, or back to chat) applies at once.
 * @example <button onClick={() => askFor('video')}>Video call</button>
 */
export function askFor(kind: RequestKind | 'chat'): void {
  $requests.set({ ...$requests.get(), declined: null, refused: null });
  joinedConversation()?.request(kind);
}

/**
 * Takes back the visitor's own request while the agent has not answered it.
 * @example <button onClick={withdrawRequest}>Cancel request</button>
 */
export function withdrawRequest(): void {
  if ($requests.get().pending?.by === 'visitor') joinedConversation()?.withdraw();
}

/**
 * Answers the agent's request. Accepting to show the screen opens the
 * browser's picker, so call it straight from the click; a cancelled picker
 * declines.
 * @example <button onClick={() => answerRequest(true)}>Accept</button>
 */
export function answerRequest(accept: boolean): void {
  const { pending } = $requests.get();
  const conversation = joinedConversation();
  if (!conversation || pending?.by !== 'agent') return;
  $requests.set(none);
  if (pending.kind !== 'screen' || !accept) return conversation.consent(accept);
  void shareScreen().then((shared) => conversation.consent(shared));
}

conversationEvents.on((event) => {
  switch (event.type) {
    case 'request':
      return $requests.set({ pending: { kind: event.kind, by: event.by }, declined: null, refused: null });
    case 'request-answered':
      return $requests.set({ pending: null, declined: event.by === 'visitor' && !event.accepted ? event.kind : null, refused: null });
    case 'request-withdrawn':
      return $requests.set(none);
    // The server's refusals of what the visitor asked for come as conflicts.
    case 'error':
      if (event.code === 'conflict') $requests.set({ ...$requests.get(), refused: event.message });
      return;
    // A transfer drops the request: the agent who made or got it has gone.
    case 'transferred':
    case 'joined':
    case 'replaced':
    case 'ended':
      return $requests.set(none);
  }
});
