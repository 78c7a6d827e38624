// What the signaling benchmark's processes agree on: the load to run, the
// agents the bench host seeds, and the signaling-sized messages both targets
// carry, each marked with an id so its one-way latency can be measured.

/** One load run, handed to the load generator. */
export interface LoadPlan {
  /** `beckon`: real sign-in, calls and conversation sockets; `floor`: the bare relay; `protocol`: the relay that checks and acknowledges (bench/floor/protocol-relay.ts). */
  target: 'beckon' | 'floor' | 'protocol';
  port: number;
  pairs: number;
  /** Messages per second over all pairs, half from visitors, half from agents. */
  messagesPerSecond: number;
  warmupMs: number;
  measureMs: number;
  password: string;
}

/** What the load generator reports when a run ends. */
export interface LoadResult {
  setupMs: number;
  sent: number;
  received: number;
  /** Sent in the measured window and never received. */
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  achievedPerSecond: number;
}

/** Pairs connect in this many equal steps, and the server's memory is read after each. */
export const connectSteps = 4;

/**
 * Messages from the load generator to the benchmark, over the IPC channel.
 * After each `connected` (so many pairs so far) it waits for `go on`, so
 * that the benchmark reads the server's memory while nothing is happening.
 */
export type LoadProgress = { phase: 'connected'; pairs: number } | { phase: 'measuring' } | { phase: 'done'; result: LoadResult };

/** The benchmark's answer to `connected`. */
export const goOn = 'go on';

/**
 * The email of bench agent `index`; all share the plan's password.
 * @example benchAgentEmail(0) // 'bench-0@demo.test'
 */
export function benchAgentEmail(index: number): string {
  return `bench-${index}@demo.test`;
}

// A real Chromium offer trimmed to its shape: about 2.5 KB, as descriptions are.
const sdpBody = [
  'v=0', 's=-', 't=0 0', 'a=group:BUNDLE 0 1', 'a=extmap-allow-mixed', 'a=msid-semantic: WMS stream',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126', 'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:Ab3d', 'a=ice-pwd:q2mWvYk8oZcJ1fXn4PrT7sLu', 'a=ice-options:trickle',
  'a=fingerprint:sha-256 4F:2A:9C:11:0B:7E:53:D8:6A:2F:90:C4:1E:88:73:B5:0D:6C:E2:47:39:AF:15:92:C8:5B:7D:04:E9:36:A1:F0',
  'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=msid:stream audio-track', 'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2', 'a=rtcp-fb:111 transport-cc', 'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2', 'a=fmtp:63 111/111', 'a=rtpmap:9 G722/8000', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 45 46', 'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:Ab3d', 'a=ice-pwd:q2mWvYk8oZcJ1fXn4PrT7sLu', 'a=ice-options:trickle',
  'a=fingerprint:sha-256 4F:2A:9C:11:0B:7E:53:D8:6A:2F:90:C4:1E:88:73:B5:0D:6C:E2:47:39:AF:15:92:C8:5B:7D:04:E9:36:A1:F0',
  'a=setup:actpass', 'a=mid:1', 'a=sendrecv', 'a=msid:stream video-track', 'a=rtcp-mux', 'a=rtcp-rsize',
  ...[96, 98, 100, 45].flatMap((pt, i) => [
    `a=rtpmap:${pt} ${['VP8', 'VP9', 'H264', 'AV1'][i]}/90000`, `a=rtcp-fb:${pt} goog-remb`, `a=rtcp-fb:${pt} transport-cc`,
    `a=rtcp-fb:${pt} ccm fir`, `a=rtcp-fb:${pt} nack`, `a=rtcp-fb:${pt} nack pli`,
    `a=rtpmap:${pt + 1} rtx/90000`, `a=fmtp:${pt + 1} apt=${pt}`,
  ]),
  'a=ssrc-group:FID 1111111111 2222222222', 'a=ssrc:1111111111 cname:bench', 'a=ssrc:2222222222 cname:bench',
].join('\r\n');

/**
 * A signal as a participant sends it: nine in ten are ICE candidates, one in
 * ten a session description; `id` is written where the other side can read it.
 * @example JSON.stringify({ type: 'signal', seq: 1, ...signalMessage(42) })
 */
export function signalMessage(id: number): Record<string, unknown> {
  if (id % 10 === 0) return { description: { type: 'offer', sdp: `v=0\r\no=- ${id} 2 IN IP4 127.0.0.1\r\n${sdpBody.slice(4)}\r\n` } };
  return {
    candidate: {
      candidate: `candidate:${id} 1 udp 2122260223 127.0.0.2 ${50_000 + (id % 10_000)} typ host generation 0 ufrag Ab3d network-id 1`,
      sdpMid: '0',
      sdpMLineIndex: 0,
      usernameFragment: 'Ab3d',
    },
  };
}

/**
 * The id inside a relayed signal, or null for anything else (acks, starts).
 * @example signalId('{"type":"signal","candidate":{"candidate":"candidate:42 1 udp …"}}') // 42
 */
export function signalId(text: string): number | null {
  const match = /"candidate:(\d+) |o=- (\d+) /.exec(text);
  return match ? Number(match[1] ?? match[2]) : null;
}
