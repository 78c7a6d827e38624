// Pointing and drawing over a shared screen without a pointer. A pen sits on
// the picture: the arrow keys move it (with Shift, further), Enter or Space
// puts it down and lifts it again, Escape lifts it and hides it. The other
// side sees it as it sees a mouse pointer, and its strokes as any stroke.
import type { Annotations } from './annotations.ts';

/** Where the pen is, in fractions of the picture, and whether it draws as it moves. */
export interface Pen {
  readonly x: number;
  readonly y: number;
  readonly down: boolean;
}

/** The pen when the picture first has the keyboard: in the middle, up. */
export const penAtRest: Pen = { x: 0.5, y: 0.5, down: false };

/** What a key did: the pen after it (null once hidden), and what the other side is to see. */
export type PenMove = { readonly pen: Pen; readonly action: 'point' | 'begin' | 'extend' | 'end' } | { readonly pen: null; readonly action: 'hide' };

/** The parts of a keyboard event the pen reads. */
export type PenKeyEvent = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>;

const arrows: Record<string, readonly [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** How far one press moves the pen: a fiftieth of the picture, a tenth with Shift. */
export const penSteps = { small: 0.02, large: 0.1 };

const clamp = (value: number) => Math.min(1, Math.max(0, Math.round(value * 1e4) / 1e4));

/**
 * What a key does to the pen (null: not shown yet, it starts in the middle);
 * null for a key it leaves to the page: any with Alt, Ctrl or Meta, one it
 * does not use, and Escape with no pen showing (a panel's to close). Without
 * `canDraw` (pointing only), Enter and Space do nothing. With Shift, arrows go further.
 * @example penKey(null, { key: 'ArrowRight', shiftKey: false, altKey: false, ctrlKey: false, metaKey: false }, true) // { pen: { x: 0.52, y: 0.5, down: false }, action: 'point' }
 */
export function penKey(shown: Pen | null, event: PenKeyEvent, canDraw: boolean): PenMove | null {
  const { key } = event;
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (key === 'Escape') return shown ? { pen: null, action: 'hide' } : null;
  const pen = shown ?? penAtRest;
  const arrow = arrows[key];
  if (arrow) {
    const step = event.shiftKey ? penSteps.large : penSteps.small;
    const moved = { ...pen, x: clamp(pen.x + arrow[0] * step), y: clamp(pen.y + arrow[1] * step) };
    return { pen: moved, action: pen.down ? 'extend' : 'point' };
  }
  if ((key === 'Enter' || key === ' ') && canDraw) {
    return pen.down ? { pen: { ...pen, down: false }, action: 'end' } : { pen: { ...pen, down: true }, action: 'begin' };
  }
  return null;
}

/**
 * Shows the other side what a key did.
 * @example const move = penKey(pen, event, true); if (move) showPen(annotations, move);
 */
export function showPen(annotations: Pick<Annotations, 'pointer' | 'hidePointer' | 'beginStroke' | 'extendStroke' | 'endStroke'>, move: PenMove): void {
  switch (move.action) {
    case 'point':
      return annotations.pointer(move.pen.x, move.pen.y);
    case 'begin':
      return annotations.beginStroke(move.pen.x, move.pen.y);
    case 'extend':
      return annotations.extendStroke(move.pen.x, move.pen.y);
    case 'end':
      return annotations.endStroke();
    case 'hide':
      annotations.endStroke();
      return annotations.hidePointer();
  }
}
