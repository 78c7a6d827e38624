import { drawAnnotations, penAtRest, penKey, type AnnotationState, type Pen } from '@beckon/rtc';
import { useEffect, useRef, useState } from 'preact/hooks';
import { clearDrawings, drawTo, hidePointer, movePen, pointAt, startDrawing, stopDrawing } from '../stores/screen-share.ts';
import { pictureBox, pointOnPicture, type Box } from '../video-box.ts';
import { useStreamSource } from './StreamVideo.tsx';

type Tool = 'point' | 'draw';

/**
 * A shared screen shown large, with the drawings of both sides over its
 * picture. Over the visitor's screen the agent points (moving the mouse) or
 * draws freehand, or does both from the keyboard with a pen the arrow keys
 * move; over the agent's own shared screen the visitor's strokes show.
 * @example <SharedScreen conversationId="c1" stream={remoteScreen} label="Visitor's screen" annotations={state} drawable />
 */
export function SharedScreen(props: { conversationId: string; stream: MediaStream; label: string; annotations: AnnotationState; drawable: boolean }) {
  const { conversationId: id, annotations, drawable } = props;
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [picture, setPicture] = useState<Box | null>(null);
  const [tool, setTool] = useState<Tool>('point');
  const drawing = useRef(false);
  // The keyboard's pen, shown while the picture has the focus.
  const [pen, setPen] = useState<Pen | null>(null);
  useStreamSource(video, props.stream);

  // The picture moves when the element is resized or the shared window changes size.
  useEffect(() => {
    const element = video.current!;
    const measure = () => setPicture(pictureBox(element.clientWidth, element.clientHeight, element.videoWidth, element.videoHeight));
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('resize', measure);
    measure();
    return () => {
      observer.disconnect();
      element.removeEventListener('resize', measure);
    };
  }, []);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !picture) return;
    element.width = Math.max(1, Math.round(picture.width * devicePixelRatio));
    element.height = Math.max(1, Math.round(picture.height * devicePixelRatio));
    drawAnnotations(element.getContext('2d')!, element.width, element.height, annotations, pen);
  }, [annotations, picture, pen]);

  const at = (event: PointerEvent) => {
    const { left, top, width, height } = canvas.current!.getBoundingClientRect();
    return pointOnPicture({ left, top, width, height }, event.clientX, event.clientY);
  };
  const pointer = drawable
    ? {
        onPointerDown: (event: PointerEvent) => {
          if (tool !== 'draw' || event.button !== 0) return;
          (event.currentTarget as HTMLCanvasElement).setPointerCapture(event.pointerId);
          drawing.current = true;
          startDrawing(id, ...at(event));
        },
        onPointerMove: (event: PointerEvent) => {
          if (drawing.current) drawTo(id, ...at(event));
          else if (tool === 'point') pointAt(id, ...at(event));
        },
        onPointerUp: () => {
          if (!drawing.current) return;
          drawing.current = false;
          stopDrawing(id);
        },
        onPointerLeave: () => {
          if (tool === 'point') hidePointer(id);
        },
        onKeyDown: (event: KeyboardEvent) => {
          const move = penKey(pen, event, tool === 'draw');
          if (!move) return;
          event.preventDefault();
          event.stopPropagation();
          setPen(move.pen);
          movePen(id, move);
        },
        // A click focuses the picture too; the pen shows only for the keyboard.
        onFocus: (event: FocusEvent) => (event.currentTarget as Element).matches(':focus-visible') && setPen(penAtRest),
        onBlur: () => {
          if (pen) movePen(id, { pen: null, action: 'hide' });
          setPen(null);
        },
      }
    : {};

  return (
    <section class="screen" aria-label={props.label}>
      <div class="screen-stage">
        <video ref={video} aria-label={`${props.label} video`} autoplay playsinline muted defaultMuted />
        <canvas
          ref={canvas}
          class={drawable ? `annotations ${tool}` : 'annotations passive'}
          role={drawable ? 'application' : 'img'}
          tabIndex={drawable ? 0 : undefined}
          aria-label={`Drawings over ${props.label.toLowerCase()}: ${strokeCount(annotations)}`}
          aria-describedby={drawable ? `pen-keys-${id}` : undefined}
          style={picture ? { left: `${picture.left}px`, top: `${picture.top}px`, width: `${picture.width}px`, height: `${picture.height}px` } : undefined}
          onPointerCancel={pointer.onPointerUp}
          {...pointer}
        />
      </div>
      {drawable && (
        <p id={`pen-keys-${id}`} class="hint">
          From the keyboard: arrow keys move the pointer (Shift: further){tool === 'draw' ? ', Enter starts and ends a stroke' : ''}, Escape hides it.
        </p>
      )}
      <div class="actions" role="group" aria-label="Drawing">
        {drawable && (
          <>
            <button type="button" aria-pressed={tool === 'point'} onClick={() => setTool('point')}>
              Point
            </button>
            <button type="button" aria-pressed={tool === 'draw'} onClick={() => setTool('draw')}>
              Draw
            </button>
          </>
        )}
        <button type="button" disabled={annotations.strokes.length === 0} onClick={() => clearDrawings(id)}>
          Clear drawings
        </button>
      </div>
    </section>
  );
}

function strokeCount(annotations: AnnotationState): string {
  const count = annotations.strokes.length;
  return count === 0 ? 'none' : `${count} ${count === 1 ? 'stroke' : 'strokes'}`;
}
