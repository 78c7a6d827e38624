import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { penAtRest, penKey, penSteps, showPen, type Pen } from './annotation-pen.ts';
import { createAnnotations } from './annotations.ts';
import { fakeChannelPair } from './fake-channel.ts';

const drawing = { large: false, canDraw: true };

/** A key as a browser reports it: 'Shift+ArrowUp' with Shift held. */
const keyEvent = (name: string, large = false) => {
  const shifted = name.startsWith('Shift+');
  return { key: shifted ? name.slice('Shift+'.length) : name, shiftKey: large || shifted, altKey: false, ctrlKey: false, metaKey: false };
};

/** The pen after each key in turn (null once hidden), and what each key asked the other side to see. */
function press(keys: string[], options = drawing, from: Pen | null = penAtRest) {
  let pen = from;
  const actions: string[] = [];
  for (const key of keys) {
    const move = penKey(pen, keyEvent(key, options.large), options.canDraw);
    if (!move) continue;
    pen = move.pen;
    actions.push(move.action);
  }
  return { pen, actions };
}

describe('the keyboard pen', () => {
  it('moves a fiftieth of the picture per arrow, a tenth with Shift', () => {
    expect(press(['ArrowRight', 'ArrowRight', 'ArrowUp']).pen).toEqual({ x: 0.54, y: 0.48, down: false });
    expect(press(['ArrowLeft', 'ArrowDown'], { large: true, canDraw: true }).pen).toEqual({ x: 0.4, y: 0.6, down: false });
    expect(penSteps.small).toBe(0.02);
  });

  it('stays on the picture at its edges', () => {
    const right = press(Array<string>(40).fill('ArrowRight')).pen;
    const top = press(Array<string>(40).fill('ArrowUp'), { large: true, canDraw: true }).pen;
    expect([right?.x, top?.y]).toEqual([1, 0]);
  });

  it('points while up, draws while down, and lifts on Enter, Space or Escape', () => {
    expect(press(['ArrowRight', 'Enter', 'ArrowDown', 'ArrowDown', 'Enter', 'ArrowLeft']).actions).toEqual(['point', 'begin', 'extend', 'extend', 'end', 'point']);
    expect(press([' ', 'ArrowRight', ' ']).actions).toEqual(['begin', 'extend', 'end']);
    const lifted = press(['Enter', 'ArrowRight', 'Escape']);
    expect(lifted.actions).toEqual(['begin', 'extend', 'hide']);
    // Hidden: the next key starts again from the middle, not drawing.
    expect(lifted.pen).toBeNull();
    expect(press(['ArrowRight'], drawing, lifted.pen).pen).toEqual({ x: 0.52, y: 0.5, down: false });
  });

  it('only points where drawing is not on, and leaves other keys alone', () => {
    expect(press(['Enter', ' ', 'ArrowRight'], { large: false, canDraw: false }).actions).toEqual(['point']);
    for (const key of ['Tab', 'a', 'Shift', 'Home']) expect(penKey(penAtRest, keyEvent(key), true)).toBeNull();
  });

  it('leaves the page its own keys: any with Alt, Ctrl or Meta, and Escape while no pen shows', () => {
    for (const held of ['altKey', 'ctrlKey', 'metaKey']) expect(penKey(penAtRest, { ...keyEvent('ArrowRight'), [held]: true }, true)).toBeNull();
    expect(penKey(null, keyEvent('Escape'), true)).toBeNull();
    expect(penKey(penAtRest, keyEvent('Escape'), true)).toEqual({ pen: null, action: 'hide' });
  });
});

describe('what the other side sees of the pen', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('a pointer where the pen is, then a stroke along its path, then no pointer', () => {
    const { local, remote, open } = fakeChannelPair({ label: 'annotations' });
    const mine = createAnnotations(local);
    const theirs = createAnnotations(remote);
    open();
    let pen: Pen | null = penAtRest;
    const keys = (...names: string[]) => {
      for (const name of names) {
        const move = penKey(pen, keyEvent(name), true)!;
        pen = move.pen;
        showPen(mine, move);
      }
      vi.runAllTimers();
    };

    keys('ArrowRight');
    expect(theirs.state().remotePointer).toEqual({ x: 0.52, y: 0.5 });
    keys('Enter', 'ArrowDown', 'ArrowDown', 'Enter');
    expect(theirs.state().strokes.map((stroke) => stroke.points)).toEqual([[[0.52, 0.5], [0.52, 0.52], [0.52, 0.54]]]);
    keys('Enter', 'ArrowRight', 'Escape');
    expect(theirs.state().strokes).toHaveLength(2);
    expect(theirs.state().remotePointer).toBeNull();
    // The stroke Escape ended is over: the next one is a new stroke.
    keys('Enter', 'ArrowUp', 'Enter');
    expect(theirs.state().strokes).toHaveLength(3);
    expect(theirs.state().strokes[1]!.points).toEqual([[0.52, 0.54], [0.54, 0.54]]);
  });
});
