import { drawAnnotations, penAtRest, penKey, showPen, type Pen } from '@beckon/rtc';
import { useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { $screen, drawings } from '../stores/screen.ts';
import { contentBox, pointOnPicture } from '../screen-geometry.ts';

/**
 * A shared screen with the conversation's drawings over its picture. With
 * `draw`, the visitor points (moving the pointer) and draws (pressing it) on
 * it, or does both from the keyboard with a pen the arrow keys move, and the
 * agent sees both.
 * @example <AnnotatedVideo stream={agentScreen} label="Ann's screen" draw />
 */
export function AnnotatedVideo({ stream, label, draw }: { stream: MediaStream; label: string; draw: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const picture = useStore($screen).drawings;
  // The keyboard's pen, painted while the picture has the focus.
  const pen = useRef<Pen | null>(null);

  // Lays the canvas over the picture (not the bars around it) at the screen's pixel density, then paints.
  const paint = () => {
    const element = video.current;
    const overlay = canvas.current;
    // A resize reported as the share ends finds nothing left to paint.
    if (!element || !overlay) return;
    const box = contentBox(element.clientWidth, element.clientHeight, element.videoWidth, element.videoHeight);
    Object.assign(overlay.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    const [width, height] = [Math.round(box.width * devicePixelRatio), Math.round(box.height * devicePixelRatio)];
    if (overlay.width !== width || overlay.height !== height) Object.assign(overlay, { width, height });
    const context = overlay.getContext('2d');
    if (context) drawAnnotations(context, width, height, $screen.get().drawings, pen.current);
  };

  useEffect(() => {
    const element = video.current!;
    element.srcObject = stream;
    element.play().catch(() => {});
  }, [stream]);
  useEffect(() => {
    const element = video.current!;
    const resized = new ResizeObserver(paint);
    resized.observe(element);
    // The picture's own size is known, and may change (a window resized), only as frames arrive.
    element.addEventListener('resize', paint);
    return () => {
      resized.disconnect();
      element.removeEventListener('resize', paint);
    };
  }, []);
  useEffect(paint, [picture]);

  const at = (event: PointerEvent) => pointOnPicture(canvas.current!.getBoundingClientRect(), event.clientX, event.clientY);
  const pointer = draw && {
    onPointerDown(event: PointerEvent) {
      const point = at(event);
      if (!point) return;
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
      drawings()?.beginStroke(...point);
    },
    onPointerMove(event: PointerEvent) {
      const point = at(event);
      if (!point) return;
      if (event.buttons) drawings()?.extendStroke(...point);
      else drawings()?.pointer(...point);
    },
    onPointerUp: () => drawings()?.endStroke(),
    onPointerCancel: () => drawings()?.endStroke(),
    onPointerLeave: () => drawings()?.hidePointer(),
    onKeyDown(event: KeyboardEvent) {
      const annotations = drawings();
      // With no pen showing, penKey leaves Escape to the panel, which closes.
      const move = annotations && penKey(pen.current, event, true);
      if (!move) return;
      event.preventDefault();
      event.stopPropagation();
      pen.current = move.pen;
      showPen(annotations, move);
      paint();
    },
    // A click focuses the picture too; the pen shows only for the keyboard.
    onFocus(event: FocusEvent) {
      if ((event.currentTarget as Element).matches(':focus-visible')) pen.current = penAtRest;
      paint();
    },
    onBlur() {
      const annotations = drawings();
      if (pen.current && annotations) showPen(annotations, { pen: null, action: 'hide' });
      pen.current = null;
      paint();
    },
  };
  return (
    <div class={draw ? 'screen' : 'screen small'}>
      <video ref={video} aria-label={label} autoplay playsInline muted />
      {draw ? (
        <canvas
          ref={canvas}
          class="drawable"
          role="application"
          tabIndex={0}
          aria-label={`Point and draw over ${label}`}
          aria-description="Arrow keys move the pointer, Shift with them further; Enter starts and ends a stroke; Escape hides the pointer."
          {...pointer}
        />
      ) : (
        <canvas ref={canvas} aria-hidden="true" />
      )}
    </div>
  );
}
