import { describe, expect, it } from 'vitest';
import { answerFailure, type ActorSocket } from './host.ts';

function recordingSocket() {
  const sent: unknown[] = [];
  const socket: ActorSocket<null> = { attachment: null, send: (text) => void sent.push(JSON.parse(text)), close: () => {}, reattach: () => {} };
  return { socket, sent };
}

describe('a socket message whose handling fails', () => {
  it('tells the sender, and still fails for the host to log', async () => {
    const { socket, sent } = recordingSocket();
    await expect(answerFailure(socket, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    })).rejects.toThrow(TypeError);
    expect(sent).toEqual([{ type: 'error', code: 'internal', message: 'Something went wrong on our side. Please try again.' }]);
  });

  it('adds nothing to a message handled as usual', async () => {
    const { socket, sent } = recordingSocket();
    await answerFailure(socket, async () => socket.send('{"type":"ack","seq":1}'));
    expect(sent).toEqual([{ type: 'ack', seq: 1 }]);
  });
});
