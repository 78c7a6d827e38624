// The contract between the loader (widget.js) and the call UI chunk
// (widget-ui.js). Types only, so the loader pays no bytes for it.
import type { ErrorCode, Media, Participant } from '@beckon/protocol';

/** Error codes a host page can receive on the `error` event. */
export type WidgetErrorCode = ErrorCode | 'media_unavailable' | 'missing_widget_key' | 'network_error' | 'widget_unavailable';

/** What each public event carries, by event name. */
export interface HostEventDetails {
  /** `estimatedWaitSeconds` is null while no agent who could answer is signed in. */
  'call:queued': { position: number; estimatedWaitSeconds: number | null };
  'call:connected': Record<string, never>;
  /** The conversation (a chat or a call) ended. */
  'call:ended': { reason: string };
  /** A chat conversation became a call, or an audio call a video call. */
  'call:escalated': { media: Media };
  /** A chat message the visitor sent (once the server has it) or received; nothing about either person but the text. */
  'chat:message': { from: Participant; text: string };
  /** The visitor rated the call; `comment` is null when they wrote none. */
  'survey:submitted': { rating: number; comment: string | null };
  /** The queue is outside its business hours; `nextOpening` (ms since the epoch) is null when none is scheduled. */
  'queue:closed': { queue: string; nextOpening: number | null };
  /** The visitor has waited past the queue's maximum wait; they keep their place. */
  'call:long-wait': { waitedSeconds: number };
  /** The visitor left a message instead of a call. */
  'message:sent': Record<string, never>;
  /** The visitor asked to be called back. */
  'callback:requested': Record<string, never>;
  /** An agent is calling the visitor back. */
  'callback:ringing': Record<string, never>;
  error: { code: WidgetErrorCode; message: string };
}

export type HostEventName = keyof HostEventDetails;

/** One event for the host page, as the call UI reports it to the loader. */
export type HostEvent = { [N in HostEventName]: { name: N; detail: HostEventDetails[N] } }[HostEventName];

/** A validated command; `toggle` is the launcher's own and not public. */
export type WidgetCommand =
  | { name: 'open' }
  | { name: 'close' }
  | { name: 'toggle' }
  /**
   * `queue`: the tenant's queue to wait in; the script tag's `data-queue` (or the default queue) when left out.
   * `skipCheck` goes straight to the queue, without the check of camera and microphone.
   */
  | { name: 'startCall'; video: boolean; skipCheck: boolean; queue?: string }
  /** `queue`: where the chat waits once the visitor sends the first message. */
  | { name: 'startChat'; queue?: string }
  | { name: 'hangUp' }
  /** The host site's identity token for its signed-in customer, or null once they sign out; checked by the call UI. */
  | { name: 'identify'; token: unknown };

/** What the loader hands to the call UI's `mount`. */
export interface WidgetContext {
  /** The API's origin, which is also where widget.js was served from. */
  base: string;
  /** The widget key from the script tag's `data-key`. */
  key: string;
  /** The queue from the script tag's `data-queue`, if any. */
  queue?: string;
  /** The host site's identity token from the script tag's `data-identity`, if any. */
  identity?: string;
  /** The open shadow root that holds every element the widget draws. */
  root: ShadowRoot;
  emit<N extends HostEventName>(name: N, detail: HostEventDetails[N]): void;
  /** The launcher button, so focus can return to it when the panel closes. */
  launcher: HTMLButtonElement;
}

/** The call UI's entry point: draws the panel and returns the command handler. */
export type Mount = (context: WidgetContext) => (command: WidgetCommand) => void;
