// Test doubles for the world outside the call UI: a real HTTP server that
// answers like the Beckon API, and stand-ins for devices and the conversation.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Media } from '@beckon/protocol';
import { createEmitter, type Conversation, type ConversationEvent, type ConversationOptions } from '@beckon/rtc';

export interface ApiRequest {
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** How the test server answers one path: a status and a JSON body, possibly later. */
export type Answer = (request: ApiRequest) => [number, unknown] | Promise<[number, unknown]>;

/**
 * Starts an HTTP server on a free port that records requests and answers from `answers`.
 * @example const api = await startSupportApi({ '/v1/visitor/session': () => [200, { token: 't', visitorId: 'v', expiresIn: 600 }] });
 */
export async function startSupportApi(answers: Record<string, Answer>) {
  const requests: ApiRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    let text = '';
    for await (const chunk of incoming) text += chunk;
    const request = { path: incoming.url ?? '', authorization: incoming.headers.authorization, body: JSON.parse(text || 'null') };
    requests.push(request);
    const answer = answers[request.path];
    const [status, body] = answer ? await answer(request) : [404, { error: { code: 'not_found', message: 'No such path' } }];
    outgoing.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A camera/microphone stream whose tracks remember being stopped.
 * @example const { stream, tracks } = fakeStream('video'); expect(tracks.every((t) => t.stopped)).toBe(true);
 */
export function fakeStream(media: Media) {
  const tracks = (media === 'video' ? ['audio', 'video'] : ['audio']).map((kind) => ({
    kind,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  }));
  return { tracks, stream: { getTracks: () => tracks } as unknown as MediaStream };
}

/**
 * A conversation the test drives by emitting the events rtc would.
 * @example const fake = fakeConversation(options); fake.emit({ type: 'queued', position: 2 });
 */
export function fakeConversation(options: ConversationOptions) {
  const events = createEmitter<ConversationEvent>();
  const sent: string[] = [];
  const conversation: Conversation = {
    on: events.on,
    cancel: () => void sent.push('cancel'),
    hangUp: () => void sent.push('hangup'),
    setMuted: (muted) => void sent.push(muted ? 'mute' : 'unmute'),
    setCameraOff: (off) => void sent.push(off ? 'camera-off' : 'camera-on'),
    peer: null,
  };
  return { options, conversation, sent, emit: events.emit };
}
