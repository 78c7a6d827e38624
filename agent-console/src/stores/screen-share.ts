// Screens in a conversation: the agent shares theirs, or asks to see the
// visitor's, and both point and draw over the screen being shown. Points are
// fractions (0..1) of the shared video's picture, so each side maps them onto
// the video at whatever size it shows it.
import { showPen, type PenMove } from '@beckon/rtc';
import { pickScreen, stopTracks, type PickScreen } from '../media.ts';
import { conversationById, engineOf } from './conversations.ts';
import { showNotice } from './notice.ts';

/**
 * Shares a screen the agent picks. `pick` runs at once, inside the click
 * that asked for it, as browsers require; closing the picker shares nothing.
 * @example button.onclick = () => void shareMyScreen('c1');
 */
export async function shareMyScreen(id: string, pick: PickScreen = pickScreen): Promise<void> {
  const picking = pick();
  let stream: MediaStream;
  try {
    stream = await picking;
  } catch (error) {
    if (error instanceof Error && error.name === 'NotAllowedError') return;
    return showNotice('Your screen could not be shared.', 'alert');
  }
  const engine = engineOf(id);
  if (!engine || conversationById(id)?.phase !== 'live') return stopTracks(stream);
  engine.shareScreen(stream);
}

/**
 * Stops sharing the agent's screen.
 * @example stopSharing('c1');
 */
export function stopSharing(id: string): void {
  engineOf(id)?.shareScreen(null);
}

/**
 * Asks the visitor to share their screen; they consent, then pick what to share.
 * @example askToSeeScreen('c1') // true when asked
 */
export function askToSeeScreen(id: string): boolean {
  const conversation = conversationById(id);
  const engine = engineOf(id);
  if (!conversation || !engine || conversation.phase !== 'live' || conversation.request) return false;
  engine.request('screen');
  return true;
}

/**
 * Shows the visitor where the agent points, in fractions of the shared picture.
 * @example pointAt('c1', 0.5, 0.25);
 */
export function pointAt(id: string, x: number, y: number): void {
  engineOf(id)?.annotations?.pointer(x, y);
}

/**
 * The agent's pointer left the picture.
 * @example hidePointer('c1');
 */
export function hidePointer(id: string): void {
  engineOf(id)?.annotations?.hidePointer();
}

/**
 * Starts a freehand stroke at a point of the picture.
 * @example startDrawing('c1', 0.1, 0.1);
 */
export function startDrawing(id: string, x: number, y: number): void {
  engineOf(id)?.annotations?.beginStroke(x, y);
}

/**
 * Continues the stroke being drawn.
 * @example drawTo('c1', 0.2, 0.15);
 */
export function drawTo(id: string, x: number, y: number): void {
  engineOf(id)?.annotations?.extendStroke(x, y);
}

/**
 * Finishes the stroke being drawn.
 * @example stopDrawing('c1');
 */
export function stopDrawing(id: string): void {
  engineOf(id)?.annotations?.endStroke();
}

/**
 * Wipes every drawing, on both sides.
 * @example clearDrawings('c1');
 */
export function clearDrawings(id: string): void {
  engineOf(id)?.annotations?.clear();
}

/**
 * Shows the visitor what a key did to the agent's keyboard pen.
 * @example const move = penKey(pen, 'ArrowRight', { large: false, canDraw: true }); if (move) movePen('c1', move);
 */
export function movePen(id: string, move: PenMove): void {
  const annotations = engineOf(id)?.annotations;
  if (annotations) showPen(annotations, move);
}
