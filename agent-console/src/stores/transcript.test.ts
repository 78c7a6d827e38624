// A past contact's transcript and recordings from History, against a real HTTP server.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { memoryStorage, startTestApi, type TestApi } from '../test-api.ts';
import { $apiBase } from './api-base.ts';
import { $session, sessionFrom } from './session.ts';
import { $transcript, closeTranscript, openTranscript } from './transcript.ts';

let api: TestApi;
const message = { n: 1, id: 'm1', from: 'visitor', text: 'My card is declined', at: 1 };

beforeAll(async () => {
  vi.stubGlobal('sessionStorage', memoryStorage());
  api = await startTestApi();
  $apiBase.set(api.base);
  $session.set(sessionFrom({ accessToken: 'agent-token', refreshToken: 'r', expiresIn: 900, agent: { id: 'a1', name: 'Robin', email: 'robin@example.com', role: 'agent' } }, Date.now()));
  api.route('GET', '/v1/contacts/c1/transcript', () => ({ status: 200, body: { messages: [message] } }));
  api.route('GET', '/v1/contacts/c1/recordings', () => ({ status: 200, body: { recordings: [{ segment: 1, startedAt: 1, bytes: 100 }] } }));
  api.route('GET', '/v1/contacts/c1/recordings/1', () => ({ status: 503, body: { error: { code: 'unavailable', message: 'Try again later.' } } }));
});
afterAll(() => api.close());

it("shows a recorded call's chat even when its recording cannot be fetched, and says so", async () => {
  await openTranscript({ id: 'c1', visitor: 'Visitor 4F2A', agent: { name: 'Robin' }, recorded: true });
  expect($transcript.get()).toMatchObject({ messages: [message], recordings: [], loading: false, error: 'Could not load the recording of the call: Try again later.' });
  closeTranscript();
});
