// Pointing and drawing over a screen share, so both sides see the same
// picture: the agent circles the button the visitor should press, the
// visitor points at what is wrong. Messages travel as JSON on a data channel
// of their own. A point is a fraction of the shared video's width and height
// (0..1 from its top left corner), so each side maps it onto the video at
// whatever size it shows it.
import { followChannel, type PeerChannel } from './data-channel.ts';
import { createEmitter } from './emitter.ts';

/** The label of the annotations data channel. */
export const annotationsLabel = 'annotations';

import { annotationColors, type AnnotationColor } from './annotation-drawing.ts';

export { annotationColors, type AnnotationColor };

/** A point on the shared video: fractions of its width and height from its top left corner. */
export type AnnotationPoint = readonly [x: number, y: number];

export type AnnotationMessage =
  | { type: 'pointer'; x: number; y: number }
  | { type: 'pointer-hidden' }
  /** A stroke begins with its first points; one drawn before the channel opened is sent whole this way. */
  | { type: 'stroke-start'; id: string; color: AnnotationColor; points: AnnotationPoint[] }
  | { type: 'stroke-points'; id: string; points: AnnotationPoint[] }
  | { type: 'stroke-end'; id: string }
  /** Wipes the picture on both sides. */
  | { type: 'clear' };

export interface AnnotationStroke {
  readonly id: string;
  readonly color: AnnotationColor;
  readonly points: readonly AnnotationPoint[];
  /** Drawn on this side. */
  readonly mine: boolean;
}

export interface AnnotationState {
  readonly strokes: readonly AnnotationStroke[];
  readonly remotePointer: { readonly x: number; readonly y: number } | null;
}

export const annotationLimits = {
  /** Strokes on the picture; a new one beyond drops the oldest. */
  strokes: 100,
  /** Points in one stroke; more are ignored. */
  pointsPerStroke: 2_000,
  /** A message, in UTF-16 code units: a whole stroke of 4-decimal points fits. */
  messageLength: 64_000,
};

export interface AnnotationOptions {
  /** The color of strokes begun without one. */
  color: AnnotationColor;
  /** Pointer moves and stroke points are gathered this long before they are sent. */
  flushMs: number;
}

export const defaultAnnotations: AnnotationOptions = { color: 'red', flushMs: 50 };

export interface Annotations {
  /** Shows the other side where this side points. */
  pointer(x: number, y: number): void;
  hidePointer(): void;
  /** Starts a stroke; one still being drawn ends first. */
  beginStroke(x: number, y: number, color?: AnnotationColor): void;
  extendStroke(x: number, y: number): void;
  endStroke(): void;
  /** Wipes every stroke, from both sides. */
  clear(): void;
  state(): AnnotationState;
  /** Calls `listener` with the whole picture each time it changes. */
  on(listener: (state: AnnotationState) => void): () => void;
  /** Sends what is still gathered, then closes the channel. */
  close(): void;
}

const strokeId = /^[A-Za-z0-9_-]{1,32}$/;

const isCoordinate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

const isPoints = (value: unknown): value is AnnotationPoint[] =>
  Array.isArray(value) &&
  value.length >= 1 &&
  value.length <= annotationLimits.pointsPerStroke &&
  value.every((point) => Array.isArray(point) && point.length === 2 && isCoordinate(point[0]) && isCoordinate(point[1]));

const isStrokeId = (value: unknown): value is string => typeof value === 'string' && strokeId.test(value);

const isColor = (value: unknown): value is AnnotationColor => typeof value === 'string' && Object.hasOwn(annotationColors, value);

/**
 * The annotation message in `data`, or null for anything else: not JSON, too
 * large, an unknown type or field, a point off the video, an unknown color.
 * Never throws, whatever the other side sends.
 * @example parseAnnotationMessage('{"type":"pointer","x":0.5,"y":0.25}') // { type: 'pointer', x: 0.5, y: 0.25 }
 */
export function parseAnnotationMessage(data: unknown): AnnotationMessage | null {
  if (typeof data !== 'string' || data.length > annotationLimits.messageLength) return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const fields = message as Record<string, unknown>;
  const { type, id, color, points, x, y } = fields;
  const hasExactly = (...names: string[]) =>
    Object.keys(fields).length === names.length + 1 && names.every((name) => Object.hasOwn(fields, name));
  switch (type) {
    case 'pointer':
      return hasExactly('x', 'y') && isCoordinate(x) && isCoordinate(y) ? { type, x, y } : null;
    case 'pointer-hidden':
    case 'clear':
      return hasExactly() ? { type } : null;
    case 'stroke-start':
      return hasExactly('id', 'color', 'points') && isStrokeId(id) && isColor(color) && isPoints(points) ? { type, id, color, points } : null;
    case 'stroke-points':
      return hasExactly('id', 'points') && isStrokeId(id) && isPoints(points) ? { type, id, points } : null;
    case 'stroke-end':
      return hasExactly('id') && isStrokeId(id) ? { type, id } : null;
    default:
      return null;
  }
}

/** A point of this side's pointer or pen: kept on the video, and as precise as the wire carries it. */
function videoPoint(x: number, y: number): AnnotationPoint {
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`a point needs finite coordinates, not (${x}, ${y})`);
  // Dragging past the edge of the video keeps the pen on its edge.
  const onVideo = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;
  return [onVideo(x), onVideo(y)];
}

/**
 * Starts annotations on a data channel; strokes drawn before it opens are sent when it does.
 * @example const annotations = createAnnotations(pc.createDataChannel(annotationsLabel)); annotations.on((state) => drawAnnotations(canvas.getContext('2d')!, canvas.width, canvas.height, state));
 */
export function createAnnotations(channel: PeerChannel, options: Partial<AnnotationOptions> = {}): Annotations {
  const { color: defaultColor, flushMs } = { ...defaultAnnotations, ...options };
  const events = createEmitter<AnnotationState>();
  let strokes: AnnotationStroke[] = [];
  let remotePointer: AnnotationState['remotePointer'] = null;
  let drawing: string | null = null;
  const remoteDrawing = new Set<string>();
  let strokesBegun = 0;
  let gatheredPoints: AnnotationPoint[] = [];
  let gatheredPointer: AnnotationMessage | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const state = (): AnnotationState => ({ strokes, remotePointer });
  const changed = () => events.emit(state());

  const send = (message: AnnotationMessage) => {
    if (channel.readyState === 'open') channel.send(JSON.stringify(message));
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (drawing && gatheredPoints.length) send({ type: 'stroke-points', id: drawing, points: gatheredPoints });
    gatheredPoints = [];
    if (gatheredPointer) send(gatheredPointer);
    gatheredPointer = null;
  };
  const gather = () => {
    timer ??= setTimeout(flush, flushMs);
  };

  const addStroke = (stroke: AnnotationStroke) => {
    const others = strokes.filter((kept) => kept.mine !== stroke.mine || kept.id !== stroke.id);
    const dropped = others.splice(0, Math.max(0, others.length + 1 - annotationLimits.strokes));
    for (const old of dropped) {
      if (old.mine && old.id === drawing) drawing = null;
      if (!old.mine) remoteDrawing.delete(old.id);
    }
    strokes = [...others, stroke];
  };
  /** Adds what room is left of `points` to a stroke; returns the points added. */
  const addPoints = (mine: boolean, id: string, points: readonly AnnotationPoint[]) => {
    const stroke = strokes.find((kept) => kept.mine === mine && kept.id === id);
    const added = stroke ? points.slice(0, annotationLimits.pointsPerStroke - stroke.points.length) : [];
    if (stroke && added.length) {
      const extended = { ...stroke, points: [...stroke.points, ...added] };
      strokes = strokes.map((kept) => (kept === stroke ? extended : kept));
    }
    return added;
  };
  const wipe = () => {
    strokes = [];
    drawing = null;
    gatheredPoints = [];
    remoteDrawing.clear();
  };

  const endStroke = () => {
    if (!drawing) return;
    flush();
    send({ type: 'stroke-end', id: drawing });
    drawing = null;
  };

  const receive = (data: unknown) => {
    const message = parseAnnotationMessage(data);
    if (!message) return;
    switch (message.type) {
      case 'pointer':
        remotePointer = { x: message.x, y: message.y };
        break;
      case 'pointer-hidden':
        if (!remotePointer) return;
        remotePointer = null;
        break;
      case 'stroke-start':
        addStroke({ id: message.id, color: message.color, points: message.points, mine: false });
        remoteDrawing.add(message.id);
        break;
      case 'stroke-points':
        if (!remoteDrawing.has(message.id) || !addPoints(false, message.id, message.points).length) return;
        break;
      case 'stroke-end':
        remoteDrawing.delete(message.id);
        return;
      case 'clear':
        wipe();
        break;
    }
    changed();
  };

  // Once the channel opens, the other side gets every stroke drawn so far, whole.
  const sendPicture = () => {
    gatheredPoints = [];
    for (const stroke of strokes.filter((kept) => kept.mine)) {
      send({ type: 'stroke-start', id: stroke.id, color: stroke.color, points: [...stroke.points] });
      if (stroke.id !== drawing) send({ type: 'stroke-end', id: stroke.id });
    }
    flush();
  };
  const channelClosed = () => {
    clearTimeout(timer);
    timer = undefined;
    remoteDrawing.clear();
    if (!remotePointer) return;
    remotePointer = null;
    changed();
  };
  const stopFollowing = followChannel(channel, { open: sendPicture, close: channelClosed, message: receive });

  return {
    pointer(x, y) {
      const [onVideoX, onVideoY] = videoPoint(x, y);
      gatheredPointer = { type: 'pointer', x: onVideoX, y: onVideoY };
      gather();
    },
    hidePointer() {
      gatheredPointer = { type: 'pointer-hidden' };
      flush();
    },
    beginStroke(x, y, color = defaultColor) {
      if (!isColor(color)) throw new RangeError(`unknown annotation color: ${String(color)}`);
      const points = [videoPoint(x, y)];
      endStroke();
      const id = `s${++strokesBegun}`;
      addStroke({ id, color, points, mine: true });
      drawing = id;
      send({ type: 'stroke-start', id, color, points });
      changed();
    },
    extendStroke(x, y) {
      const point = videoPoint(x, y);
      if (!drawing) return;
      const added = addPoints(true, drawing, [point]);
      if (!added.length) return;
      gatheredPoints.push(...added);
      gather();
      changed();
    },
    endStroke,
    clear() {
      wipe();
      send({ type: 'clear' });
      changed();
    },
    state,
    on: events.on,
    close() {
      flush();
      stopFollowing();
      channel.close();
    },
  };
}
