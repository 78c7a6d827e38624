import type { Board } from '@beckon/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { $board, closeBoard, receiveBoardMessage } from './board.ts';

const board = (at: number): Board => ({ at, queues: [], agents: [], waiting: [], calls: [] });
const whisper = (n: number) => ({ from: { id: 's1', name: 'Morgan' }, to: 'a1', text: `line ${n}`, at: n });

afterEach(() => closeBoard());

describe('the board store', () => {
  it('keeps the newest board and how far the local clock is behind the server', () => {
    receiveBoardMessage({ type: 'board', board: board(10_000) }, 7_000);
    expect($board.get()).toMatchObject({ board: { at: 10_000 }, clockOffsetMs: 3_000 });
  });

  it('keeps the last 200 whispers, oldest first', () => {
    for (let n = 1; n <= 205; n++) receiveBoardMessage({ type: 'whisper', whisper: whisper(n) });
    const { whispers } = $board.get();
    expect(whispers).toHaveLength(200);
    expect(whispers[0]!.text).toBe('line 6');
    expect(whispers.at(-1)!.text).toBe('line 205');
  });

  it('shows the server\'s refusal', () => {
    receiveBoardMessage({ type: 'error', code: 'conflict', message: 'That person is not signed in.' });
    expect($board.get().error).toBe('That person is not signed in.');
  });
});
