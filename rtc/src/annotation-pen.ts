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

/** What a key did: the pen after it, and what the other side is to see. */
export interface PenMove {
  readonly pen: Pen;
  readonly action: 'point' | 'begin' | 'extend' | 'end' | 'hide';
}

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
 * What `key` does to the pen; null for a key the pen does not use. Without
 * `canDraw` (pointing only), Enter and Space do nothing.
 * @example penKey(penAtRest, 'ArrowRight', { large: false, canDraw: true }) // { pen: { x: 0.52, y: 0.5, down: false }, action: 'point' }
 */
export function penKey(pen: Pen, key: string, options: { large: boolean; canDraw: boolean }): PenMove | null {
  const arrow = arrows[key];
  if (arrow) {
    const step = options.large ? penSteps.large : penSteps.small;
    const moved = { ...pen, x: clamp(pen.x + arrow[0] * step), y: clamp(pen.y + arrow[1] * step) };
    return { pen: moved, action: pen.down ? 'extend' : 'point' };
  }
  if ((key === 'Enter' || key === ' ') && options.canDraw) {
    return pen.down ? { pen: { ...pen, down: false }, action: 'end' } : { pen: { ...pen, down: true }, action: 'begin' };
  }
  if (key === 'Escape') return { pen: { ...pen, down: false }, action: 'hide' };
  return null;
}

/**
 * Shows the other side what a key did.
 * @example const move = penKey(pen, event.key, options); if (move) showPen(annotations, move);
 */
export function showPen(annotations: Pick<Annotations, 'pointer' | 'hidePointer' | 'beginStroke' | 'extendStroke' | 'endStroke'>, move: PenMove): void {
  const { x, y } = move.pen;
  switch (move.action) {
    case 'point':
      return annotations.pointer(x, y);
    case 'begin':
      return annotations.beginStroke(x, y);
    case 'extend':
      return annotations.extendStroke(x, y);
    case 'end':
      return annotations.endStroke();
    case 'hide':
      annotations.endStroke();
      return annotations.hidePointer();
  }
}
