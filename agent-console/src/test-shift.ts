// A signed-in agent on shift against the test API, for the console's store
// tests: a fresh sign-in (and presence socket) before each test, sign-out after.
import { fakeDevices, fakeMediaStream, type FakeTrack } from '@beckon/rtc/testing';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { memoryStorage, startTestApi, until, type TestApi, type TestSocket } from './test-api.ts';
import { $apiBase } from './stores/api-base.ts';
import { $session, sessionFrom, signOut } from './stores/session.ts';
import { followShift } from './stores/shift.ts';
import { $switchboard } from './stores/switchboard.ts';

export interface Shift {
  api: TestApi;
  /** The presence socket of this test's sign-in. */
  agent: TestSocket;
  /** The agent's devices; the first of each kind is the default. */
  devices: ReturnType<typeof fakeDevices>;
}

/**
 * Registers the hooks of a shift and returns what they set up, filled in before each test.
 * @example const shift = useShift(); it('rings', async () => { shift.agent.send(offer); });
 */
export function useShift(): Shift {
  const shift = {} as Shift;
  let stopFollowing: () => void;

  beforeAll(async () => {
    vi.stubGlobal('sessionStorage', memoryStorage());
    // Node has no MediaStream; the call engine makes an empty one for a chat.
    vi.stubGlobal('MediaStream', function MediaStream(tracks: FakeTrack[] = []) {
      return fakeMediaStream(tracks);
    });
    shift.api = await startTestApi();
    $apiBase.set(shift.api.base);
    shift.api.route('GET', '/v1/contacts', () => ({
      status: 200,
      body: {
        contacts: [{ id: 'k1', visitor: 'Visitor 7F3A', page: '', media: 'video', agent: null, createdAt: 0, connectedAt: null, endedAt: null, durationSeconds: 0, outcome: 'completed' }],
      },
    }));
    stopFollowing = followShift();
  });

  afterAll(async () => {
    stopFollowing();
    await shift.api.close();
    vi.unstubAllGlobals();
  });

  beforeEach(async () => {
    shift.devices = fakeDevices([
      { kind: 'audioinput', deviceId: 'default', label: 'Laptop microphone' },
      { kind: 'audioinput', deviceId: 'headset', label: 'Headset' },
      { kind: 'videoinput', deviceId: 'default', label: 'Webcam' },
    ]);
    $session.set(sessionFrom({ accessToken: 'access-1', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Ada', email: 'ada@example.com', role: 'agent' } }, Date.now()));
    shift.agent = await shift.api.nextSocket('/v1/agent/ws');
    await until(() => $switchboard.get() === 'open');
  });

  afterEach(() => signOut());

  return shift;
}
