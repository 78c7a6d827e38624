import { createEmitter } from '@beckon/rtc';
import type { HostEvent, WidgetErrorCode } from '../context.ts';

/** Events for the host page; `mount` forwards them to the loader's listeners. */
export const hostEvents = createEmitter<HostEvent>();

/**
 * Tells the host page about an error.
 * @example emitError('media_unavailable', 'No camera was found.');
 */
export function emitError(code: WidgetErrorCode, message: string): void {
  hostEvents.emit({ name: 'error', detail: { code, message } });
}
