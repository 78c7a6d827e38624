// Test doubles for the world outside the call UI: a real HTTP server that
// answers like the Beckon API, and a stand-in for the conversation.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmitter, swapTrack, type Conversation, type ConversationEvent, type ConversationOptions } from '@beckon/rtc';
import { fakeMediaStream } from '@beckon/rtc/testing';

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
 * A conversation the test drives by emitting the events rtc would.
 * @example const fake = fakeConversation(options); fake.emit({ type: 'queued', position: 2 });
 */
export function fakeConversation(options: ConversationOptions) {
  const events = createEmitter<ConversationEvent>();
  const sent: string[] = [];
  const localStream = options.localStream ?? fakeMediaStream([]);
  let chats = 0;
  const conversation: Conversation = {
    on: events.on,
    cancel: () => void sent.push('cancel'),
    answerCallback: (accept) => void sent.push(accept ? 'accept-callback' : 'decline-callback'),
    hangUp: () => void sent.push('hangup'),
    leave: () => void sent.push('leave'),
    prepare: () => void sent.push('prepare'),
    takePrepared: () => undefined,
    sendChat(text) {
      sent.push(`chat ${text}`);
      return `m${++chats}`;
    },
    markRead: (through) => void sent.push(`read ${through}`),
    setTyping: (typing) => void sent.push(typing ? 'typing' : 'not typing'),
    request: (kind) => void sent.push(`request ${kind}`),
    consent: (accept) => void sent.push(accept ? 'consent' : 'refuse'),
    withdraw: () => void sent.push('withdraw'),
    hold: (on) => void sent.push(on ? 'hold' : 'resume'),
    // Like rtc: tracks of a kind take the place of the ones there, and dropped ones stop.
    addMedia(stream) {
      for (const track of stream.getTracks()) {
        for (const old of localStream.getTracks().filter((kept) => kept.kind === track.kind)) {
          localStream.removeTrack(old);
          old.stop();
        }
        localStream.addTrack(track);
      }
      // A track switched off as it arrives says so: it never sent anything.
      sent.push(`add ${stream.getTracks().map((track) => (track.enabled ? track.kind : `${track.kind} (off)`)).join(' ')}`);
    },
    dropMedia(kind) {
      for (const track of localStream.getTracks().filter((kept) => kept.kind === kind)) {
        localStream.removeTrack(track);
        track.stop();
      }
      sent.push(`drop ${kind}`);
    },
    shareScreen(stream) {
      sent.push(stream ? 'share screen' : 'stop sharing');
      events.emit({ type: 'sharing', stream });
    },
    setMuted(muted) {
      for (const track of localStream.getAudioTracks()) track.enabled = !muted;
      sent.push(muted ? 'mute' : 'unmute');
    },
    setCameraOff(off) {
      for (const track of localStream.getVideoTracks()) track.enabled = !off;
      sent.push(off ? 'camera-off' : 'camera-on');
    },
    replaceTrack(track) {
      swapTrack(localStream, track);
      sent.push(`replace ${track.kind} ${track.getSettings().deviceId}`);
    },
    peer: null,
    localStream,
    typeRealTimeText: (draft) => void sent.push(`real-time text ${draft}`),
    sendRealTimeLine: () => void sent.push('real-time line'),
    annotations: null,
    sendFile(file) {
      sent.push(`file ${file.name}`);
      return `f${sent.length}`;
    },
    acceptFile: (id) => void sent.push(`accept file ${id}`),
    declineFile: (id) => void sent.push(`decline file ${id}`),
    cancelFile: (id) => void sent.push(`cancel file ${id}`),
  };
  return { options, conversation, sent, emit: events.emit };
}
