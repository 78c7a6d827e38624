import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  annotationColors,
  annotationLimits,
  annotationsLabel,
  createAnnotations,
  parseAnnotationMessage,
  type AnnotationState,
} from './annotations.ts';
import { drawAnnotations, type AnnotationCanvas } from './annotation-drawing.ts';
import { fakeChannelPair } from './fake-channel.ts';

const json = (message: unknown) => JSON.stringify(message);
const points = (count: number) => Array.from({ length: count }, (_, index) => [index / count, 0.5]);

describe('reading an annotation message', () => {
  it('accepts each kind of message', () => {
    const valid = [
      { type: 'pointer', x: 0, y: 1 },
      { type: 'pointer-hidden' },
      { type: 'stroke-start', id: 's1', color: 'yellow', points: [[0.25, 0.75]] },
      { type: 'stroke-points', id: 'a_B-9', points: [[0.1, 0.2], [0.3, 0.4]] },
      { type: 'stroke-end', id: 's1' },
      { type: 'clear' },
    ];
    for (const message of valid) expect(parseAnnotationMessage(json(message))).toEqual(message);
    expect(parseAnnotationMessage(json({ type: 'stroke-points', id: 's1', points: points(annotationLimits.pointsPerStroke) }))).not.toBeNull();
  });

  it.each([
    ['not a string', { type: 'clear' }],
    ['not JSON', '{"type":'],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['an unknown type', json({ type: 'erase' })],
    ['no type', json({ x: 0.5, y: 0.5 })],
    ['an extra field', json({ type: 'clear', all: true })],
    ['an extra __proto__ field', '{"type":"clear","__proto__":{"polluted":true}}'],
    ['a missing coordinate', json({ type: 'pointer', x: 0.5 })],
    ['a coordinate off the video', json({ type: 'pointer', x: 1.01, y: 0.5 })],
    ['a negative coordinate', json({ type: 'pointer', x: 0.5, y: -0.01 })],
    ['an infinite coordinate', '{"type":"pointer","x":1e999,"y":0.5}'],
    ['a coordinate as a string', json({ type: 'pointer', x: '0.5', y: 0.5 })],
    ['an unknown color', json({ type: 'stroke-start', id: 's1', color: 'pink', points: [[0, 0]] })],
    ['a CSS color', json({ type: 'stroke-start', id: 's1', color: '#e5484d', points: [[0, 0]] })],
    ['an inherited name as color', json({ type: 'stroke-start', id: 's1', color: 'toString', points: [[0, 0]] })],
    ['no points', json({ type: 'stroke-points', id: 's1', points: [] })],
    ['too many points', json({ type: 'stroke-points', id: 's1', points: points(annotationLimits.pointsPerStroke + 1) })],
    ['a point of three numbers', json({ type: 'stroke-points', id: 's1', points: [[0, 0, 0]] })],
    ['a point as an object', json({ type: 'stroke-points', id: 's1', points: [{ x: 0, y: 0 }] })],
    ['an empty id', json({ type: 'stroke-end', id: '' })],
    ['a long id', json({ type: 'stroke-end', id: 'x'.repeat(33) })],
    ['an id with markup', json({ type: 'stroke-end', id: '<img>' })],
    ['a numeric id', json({ type: 'stroke-end', id: 1 })],
    ['a message too large', json({ type: 'clear' }).padEnd(annotationLimits.messageLength + 1, ' ')],
  ])('rejects %s', (_, data) => {
    expect(parseAnnotationMessage(data)).toBeNull();
  });

  it('never throws, and what it accepts is one of the messages', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.jsonValue().map((value) => JSON.stringify(value))), (data) => {
        const message = parseAnnotationMessage(data);
        if (message) expect(['pointer', 'pointer-hidden', 'stroke-start', 'stroke-points', 'stroke-end', 'clear']).toContain(message.type);
      }),
    );
  });
});

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** An agent and a visitor annotating one screen share. */
function screenShare() {
  const channels = fakeChannelPair({ label: annotationsLabel });
  const agent = createAnnotations(channels.local);
  const visitor = createAnnotations(channels.remote);
  const visitorStates: AnnotationState[] = [];
  visitor.on((state) => void visitorStates.push(state));
  const agentSent = () => channels.local.sent.map((data) => JSON.parse(data as string));
  return { ...channels, agent, visitor, visitorStates, agentSent };
}

/** The strokes as the other side holds them: the same, but not its own. */
const asTheirs = (state: AnnotationState) => state.strokes.map((stroke) => ({ ...stroke, mine: !stroke.mine }));

describe('annotating a screen share', () => {
  it('draws a stroke on this side at once, as points on the video to four decimals', () => {
    const { agent } = screenShare();
    agent.beginStroke(0.123456, 0.5, 'blue');
    agent.extendStroke(1.5, -0.2);
    agent.endStroke();
    expect(agent.state()).toEqual({ strokes: [{ id: 's1', color: 'blue', points: [[0.1235, 0.5], [1, 0]], mine: true }], remotePointer: null });
  });

  it('refuses points that are not numbers and colors it does not know', () => {
    const { agent } = screenShare();
    expect(() => agent.beginStroke(Number.NaN, 0)).toThrow(RangeError);
    expect(() => agent.pointer(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => agent.beginStroke(0, 0, 'pink' as never)).toThrow(/unknown annotation color/);
    expect(agent.state().strokes).toEqual([]);
  });

  it('shows the stroke on the other side, streamed in segments while it is drawn', () => {
    const { open, agent, visitor, agentSent } = screenShare();
    open();
    agent.beginStroke(0.1, 0.1);
    for (let step = 1; step <= 10; step++) {
      agent.extendStroke(0.1 + step / 100, 0.1);
      vi.advanceTimersByTime(10);
    }
    agent.endStroke();
    expect(agentSent().map((message) => [message.type, message.points?.length])).toEqual([
      ['stroke-start', 1],
      ['stroke-points', 5],
      ['stroke-points', 5],
      ['stroke-end', undefined],
    ]);
    expect(visitor.state().strokes).toEqual(asTheirs(agent.state()));
    expect(visitor.state().strokes[0]).toMatchObject({ color: 'red', mine: false });
    expect(visitor.state().strokes[0]?.points).toHaveLength(11);
  });

  it('sends the pointer at most once per interval, where it is last', () => {
    const { open, agent, visitor, agentSent, visitorStates } = screenShare();
    open();
    agent.pointer(0.1, 0.1);
    agent.pointer(0.2, 0.2);
    agent.pointer(0.3, 0.4);
    expect(agentSent()).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(agentSent()).toEqual([{ type: 'pointer', x: 0.3, y: 0.4 }]);
    expect(visitor.state().remotePointer).toEqual({ x: 0.3, y: 0.4 });
    vi.advanceTimersByTime(1_000);
    expect(agentSent()).toHaveLength(1);
    agent.hidePointer();
    expect(visitor.state().remotePointer).toBeNull();
    expect(visitorStates.map((state) => state.remotePointer)).toEqual([{ x: 0.3, y: 0.4 }, null]);
  });

  it('clears both sides from either side, even in the middle of a stroke', () => {
    const { open, agent, visitor } = screenShare();
    open();
    visitor.beginStroke(0.5, 0.5, 'green');
    visitor.endStroke();
    agent.beginStroke(0.2, 0.2);
    visitor.clear();
    expect(agent.state().strokes).toEqual([]);
    expect(visitor.state().strokes).toEqual([]);
    agent.extendStroke(0.3, 0.3);
    vi.advanceTimersByTime(100);
    expect(agent.state().strokes).toEqual([]);
    expect(visitor.state().strokes).toEqual([]);
  });

  it('keeps both pictures the same while both sides draw at once', () => {
    const { open, agent, visitor } = screenShare();
    open();
    agent.beginStroke(0.1, 0.1, 'yellow');
    visitor.beginStroke(0.9, 0.9, 'blue');
    for (let step = 1; step <= 20; step++) {
      agent.extendStroke(0.1 + step / 40, 0.2);
      visitor.extendStroke(0.9 - step / 40, 0.8);
      vi.advanceTimersByTime(7);
    }
    agent.endStroke();
    vi.advanceTimersByTime(50);
    expect(agent.state().strokes).toHaveLength(2);
    expect(asTheirs(visitor.state())).toEqual(agent.state().strokes);
  });

  it('sends strokes drawn before the channel opened once it does', () => {
    const { open, agent, visitor } = screenShare();
    agent.beginStroke(0.1, 0.1);
    agent.extendStroke(0.2, 0.2);
    agent.endStroke();
    agent.beginStroke(0.5, 0.5, 'white');
    agent.extendStroke(0.6, 0.6);
    vi.advanceTimersByTime(100);
    open();
    agent.extendStroke(0.7, 0.7);
    vi.advanceTimersByTime(50);
    expect(visitor.state().strokes).toEqual(asTheirs(agent.state()));
    expect(visitor.state().strokes[1]?.points).toEqual([[0.5, 0.5], [0.6, 0.6], [0.7, 0.7]]);
  });

  it('keeps at most the allowed strokes and points, dropping the oldest strokes', () => {
    const { open, agent, visitor } = screenShare();
    open();
    for (let stroke = 0; stroke < annotationLimits.strokes + 5; stroke++) {
      agent.beginStroke(0, stroke / 200);
      agent.endStroke();
    }
    expect(agent.state().strokes).toHaveLength(annotationLimits.strokes);
    expect(agent.state().strokes[0]?.id).toBe('s6');
    expect(visitor.state().strokes).toEqual(asTheirs(agent.state()));

    agent.beginStroke(0, 0);
    for (let point = 0; point < annotationLimits.pointsPerStroke + 50; point++) agent.extendStroke(point / 10_000, 0.5);
    agent.endStroke();
    expect(agent.state().strokes.at(-1)?.points).toHaveLength(annotationLimits.pointsPerStroke);
    expect(visitor.state().strokes.at(-1)?.points).toHaveLength(annotationLimits.pointsPerStroke);
  });

  it('caps the points another side adds to its stroke', () => {
    const { open, local, visitor } = screenShare();
    open();
    local.send(json({ type: 'stroke-start', id: 'x', color: 'red', points: points(1_500) }));
    local.send(json({ type: 'stroke-points', id: 'x', points: points(1_500) }));
    local.send(json({ type: 'stroke-points', id: 'x', points: points(1) }));
    expect(visitor.state().strokes[0]?.points).toHaveLength(annotationLimits.pointsPerStroke);
  });

  it('ignores what it cannot read, and points for strokes that ended or that it never saw', () => {
    const { open, local, visitor, visitorStates } = screenShare();
    open();
    local.send('{"type":"pointer","x":2,"y":0}');
    local.send('not json');
    local.send(json({ type: 'stroke-points', id: 'unknown', points: [[0, 0]] }));
    local.send(json({ type: 'stroke-start', id: 'x', color: 'red', points: [[0, 0]] }));
    local.send(json({ type: 'stroke-end', id: 'x' }));
    local.send(json({ type: 'stroke-points', id: 'x', points: [[1, 1]] }));
    expect(visitor.state()).toEqual({ strokes: [{ id: 'x', color: 'red', points: [[0, 0]], mine: false }], remotePointer: null });
    expect(visitorStates).toHaveLength(1);
  });

  it('hides the other side’s pointer when the channel closes', () => {
    const { open, agent, visitor } = screenShare();
    open();
    agent.pointer(0.5, 0.5);
    vi.advanceTimersByTime(50);
    expect(visitor.state().remotePointer).not.toBeNull();
    agent.close();
    expect(visitor.state().remotePointer).toBeNull();
  });

  it('sends a gathered pointer on close', () => {
    const { open, agent, visitorStates } = screenShare();
    open();
    agent.pointer(0.25, 0.75);
    agent.close();
    expect(visitorStates.map((state) => state.remotePointer)).toEqual([{ x: 0.25, y: 0.75 }, null]);
  });
});

/** A canvas context that writes down what is painted. */
function recordingCanvas() {
  const calls: unknown[][] = [];
  const setting = (name: string) => ({
    set: (value: unknown) => void calls.push([name, value]),
    get: () => undefined,
  });
  const context = Object.defineProperties(
    Object.fromEntries(
      ['clearRect', 'beginPath', 'moveTo', 'lineTo', 'arc', 'stroke', 'fill'].map((name) => [name, (...args: unknown[]) => void calls.push([name, ...args])]),
    ),
    Object.fromEntries(['strokeStyle', 'fillStyle', 'lineWidth', 'lineCap', 'lineJoin'].map((name) => [name, setting(name)])),
  ) as unknown as AnnotationCanvas;
  return { context, calls };
}

describe('painting the picture', () => {
  it('only wipes the canvas when there is nothing to show', () => {
    const { context, calls } = recordingCanvas();
    drawAnnotations(context, 800, 600, { strokes: [], remotePointer: null });
    expect(calls.filter(([name]) => name !== 'lineWidth' && name !== 'lineCap' && name !== 'lineJoin')).toEqual([['clearRect', 0, 0, 800, 600]]);
  });

  it('paints strokes in their colors at the canvas size, a single point as a dot, then the pointer', () => {
    const { context, calls } = recordingCanvas();
    drawAnnotations(context, 300, 150, {
      strokes: [
        { id: 's1', color: 'blue', points: [[0, 0], [0.5, 0.5], [1, 1]], mine: true },
        { id: 'x', color: 'green', points: [[0.5, 0.2]], mine: false },
      ],
      remotePointer: { x: 0.25, y: 0.5 },
    });
    expect(calls).toEqual([
      ['clearRect', 0, 0, 300, 150],
      ['lineWidth', 2],
      ['lineCap', 'round'],
      ['lineJoin', 'round'],
      ['beginPath'],
      ['strokeStyle', annotationColors.blue],
      ['moveTo', 0, 0],
      ['lineTo', 150, 75],
      ['lineTo', 300, 150],
      ['stroke'],
      ['beginPath'],
      ['fillStyle', annotationColors.green],
      ['arc', 150, 30, 1, 0, 2 * Math.PI],
      ['fill'],
      ['beginPath'],
      ['arc', 75, 75, 6, 0, 2 * Math.PI],
      ['strokeStyle', annotationColors.white],
      ['lineWidth', 1],
      ['fillStyle', annotationColors.red],
      ['fill'],
      ['stroke'],
    ]);
  });

  it('paints this side\'s keyboard pen last: a circle, with a dot in it while it draws', () => {
    const painted = (down: boolean) => {
      const { context, calls } = recordingCanvas();
      drawAnnotations(context, 300, 150, { strokes: [], remotePointer: null }, { x: 0.5, y: 0.5, down });
      return calls.slice(calls.findIndex(([name]) => name === 'beginPath'));
    };
    const circle = [
      ['beginPath'],
      ['arc', 150, 75, 8, 0, 2 * Math.PI],
      ['strokeStyle', annotationColors.white],
      ['lineWidth', 3],
      ['stroke'],
      ['strokeStyle', annotationColors.red],
      ['lineWidth', 1.5],
      ['stroke'],
    ];
    expect(painted(false)).toEqual(circle);
    expect(painted(true)).toEqual([...circle, ['beginPath'], ['arc', 150, 75, 3, 0, 2 * Math.PI], ['strokeStyle', annotationColors.white], ['lineWidth', 1], ['fillStyle', annotationColors.red], ['fill'], ['stroke']]);
  });

  it('draws thicker lines on a larger canvas, so both sides see the same weight', () => {
    const { context, calls } = recordingCanvas();
    drawAnnotations(context, 3000, 1500, { strokes: [], remotePointer: null });
    expect(calls).toContainEqual(['lineWidth', 10]);
  });
});
