// Drawing the annotations of a shared screen onto a canvas. Apart from the
// channel they travel on, so a page can draw before any channel is loaded.
import type { Pen } from './annotation-pen.ts';
import type { AnnotationState } from './annotations.ts';

/** The colors one can draw in, by name on the wire and as CSS on the canvas. */
export const annotationColors = {
  red: '#e5484d',
  yellow: '#f5d90a',
  green: '#30a46c',
  blue: '#0090ff',
  white: '#ffffff',
  black: '#111111',
} as const;

export type AnnotationColor = keyof typeof annotationColors;

/** The parts of a canvas 2D context annotations are drawn with. */
export type AnnotationCanvas = Pick<
  CanvasRenderingContext2D,
  'clearRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'arc' | 'stroke' | 'fill' | 'strokeStyle' | 'fillStyle' | 'lineWidth' | 'lineCap' | 'lineJoin'
>;

/** A red disc or circle edged in white: visible on a red or dark screen as on a light one. */
function ring(context: AnnotationCanvas, x: number, y: number, radius: number, lineWidth: number, filled: boolean): void {
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
  context.strokeStyle = annotationColors.white;
  context.lineWidth = lineWidth;
  if (filled) {
    context.fillStyle = annotationColors.red;
    context.fill();
    return context.stroke();
  }
  context.stroke();
  context.strokeStyle = annotationColors.red;
  context.lineWidth = lineWidth / 2;
  context.stroke();
}

/**
 * Paints the picture onto a canvas laid over the shared video, `width` by
 * `height` pixels: the strokes in their colors, then the other side's pointer,
 * then this side's keyboard pen if it has one (a ring, filled while it draws).
 * @example annotations.on((state) => drawAnnotations(canvas.getContext('2d')!, canvas.width, canvas.height, state));
 */
export function drawAnnotations(context: AnnotationCanvas, width: number, height: number, state: AnnotationState, pen?: Pen | null): void {
  context.clearRect(0, 0, width, height);
  // Relative to the picture, so a line is as thick on a phone as on a wide monitor.
  const lineWidth = Math.max(2, Math.min(width, height) / 150);
  context.lineWidth = lineWidth;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const { color, points } of state.strokes) {
    const [first, ...rest] = points;
    if (!first) continue;
    context.beginPath();
    if (rest.length === 0) {
      // A tap is a dot; a canvas strokes nothing for a path of one point.
      context.fillStyle = annotationColors[color];
      context.arc(first[0] * width, first[1] * height, lineWidth / 2, 0, 2 * Math.PI);
      context.fill();
      continue;
    }
    context.strokeStyle = annotationColors[color];
    context.moveTo(first[0] * width, first[1] * height);
    for (const [x, y] of rest) context.lineTo(x * width, y * height);
    context.stroke();
  }
  if (state.remotePointer) ring(context, state.remotePointer.x * width, state.remotePointer.y * height, lineWidth * 3, lineWidth / 2, true);
  if (!pen) return;
  ring(context, pen.x * width, pen.y * height, lineWidth * 4, lineWidth * 1.5, false);
  if (pen.down) ring(context, pen.x * width, pen.y * height, lineWidth * 1.5, lineWidth / 2, true);
}
