import { afterEach, expect, it, vi } from 'vitest';
import { startCallRecorder } from './call-recorder.ts';

afterEach(() => {
  vi.useRealTimers();
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

// What a browser's Web Audio and MediaRecorder do, as far as the recorder uses them: the test hands it each part.
class FakeRecorder extends EventTarget {
  static latest: FakeRecorder;
  static isTypeSupported = () => true;
  state: 'inactive' | 'recording' | 'paused' = 'inactive';
  constructor() {
    super();
    FakeRecorder.latest = this;
  }
  start() {
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  stop() {
    this.emit(new Blob(['last']));
    this.state = 'inactive';
    this.dispatchEvent(new Event('stop'));
  }
  emit(data: Blob) {
    this.dispatchEvent(Object.assign(new Event('dataavailable'), { data }));
  }
}

function fakeBrowser(answer: (method: string, path: string) => Response | 'network error') {
  const sent: string[] = [];
  vi.stubGlobal('MediaRecorder', FakeRecorder);
  vi.stubGlobal('MediaStream', class {});
  vi.stubGlobal('AudioContext', class {
    createMediaStreamDestination = () => ({ stream: {} });
    createMediaStreamSource = () => ({ connect() {}, disconnect() {} });
    resume = async () => {};
    close = async () => {};
  });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    const answered = answer(init.method!, path);
    if (answered === 'network error') throw new TypeError('Failed to fetch');
    if (answered.ok && init.method === 'PUT') sent.push(`${path.split('/').at(-1)}:${await (init.body as Blob).text()}`);
    return answered;
  });
  return sent;
}

it('sends the parts in order, each once, sending again what the network or the server dropped, and the last one at the stop', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  const failures: Record<string, number> = { '/v1/conversations/c1/recordings/1/parts/0': 1, '/v1/conversations/c1/recordings/1/parts/1': 2 };
  const sent = fakeBrowser((method, path) => {
    if (method === 'POST') return Response.json({ segment: 1 }, { status: 201 });
    if (failures[path]) return failures[path]-- === 2 ? new Response(null, { status: 503 }) : 'network error';
    return new Response(null, { status: 204 });
  });
  const notices: string[] = [];
  const recorder = startCallRecorder({ apiBase: 'https://support.example', conversationId: 'c1', token: 't', tracks: [], failed: (message) => notices.push(message) });
  FakeRecorder.latest.emit(new Blob(['first']));
  FakeRecorder.latest.emit(new Blob(['second']));
  await vi.advanceTimersByTimeAsync(10_000);
  const stopped = recorder.stop();
  await vi.advanceTimersByTimeAsync(1000);
  await stopped;
  expect(sent).toEqual(['0:first', '1:second', '2:last']);
  expect(notices).toEqual([]);
});

it('stops sending, and tells the agent why, once the server refuses a part', async () => {
  const sent = fakeBrowser((method, path) => {
    if (method === 'POST') return Response.json({ segment: 1 }, { status: 201 });
    if (path.endsWith('/parts/1')) return Response.json({ error: { code: 'conflict', message: 'The call is over: its recording is complete.' } }, { status: 409 });
    return new Response(null, { status: 204 });
  });
  const notices: string[] = [];
  const recorder = startCallRecorder({ apiBase: 'https://support.example', conversationId: 'c1', token: 't', tracks: [], failed: (message) => notices.push(message) });
  FakeRecorder.latest.emit(new Blob(['first']));
  FakeRecorder.latest.emit(new Blob(['second']));
  await recorder.stop();
  expect(sent).toEqual(['0:first']);
  expect(notices).toEqual(['The call is over: its recording is complete.']);
});
