import { afterEach, expect, it, vi } from 'vitest';
import { startCallRecorder } from './call-recorder.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('records nothing in a browser that cannot record WebM (Opus), and says why', async () => {
  const fetch = vi.fn();
  vi.stubGlobal('fetch', fetch);
  vi.stubGlobal('MediaRecorder', { isTypeSupported: (type: string) => type.startsWith('audio/mp4') });
  const failures: string[] = [];
  const recorder = startCallRecorder({ apiBase: 'https://support.example', conversationId: 'c1', token: 't', tracks: [], failed: (message) => failures.push(message) });
  recorder.rewire([]);
  await recorder.stop();
  expect(failures).toEqual(['this browser cannot record in WebM (Opus); Chrome, Edge and Firefox can.']);
  expect(fetch).not.toHaveBeenCalled();
});
