// Two peer calls in one real Chromium page, signals passed between them as a
// socket would. The agent's side offers; the visitor's (polite) side never
// offers before its first answer, but has its tracks attached from the start,
// and answers before it announces the agent's tracks, so neither adding nor
// drawing tracks holds up the call's setup.
import { expect, test, type Page } from '@playwright/test';
import { openModulePage } from './helpers.ts';

type PeerCallModule = typeof import('../rtc/src/peer-call.ts');

/** One call: what each side sent and got, in order, once each side has the other's tracks. */
async function call(page: Page, agentMedia: boolean): Promise<{ log: string[]; visitorSenders: number }> {
  await openModulePage(page, '../rtc/src/peer-call.ts', 'peerCall');
  return page.evaluate(async (agentMedia) => {
    const { createPeerCall } = (window as unknown as { peerCall: PeerCallModule }).peerCall;
    type Call = ReturnType<typeof createPeerCall>;
    const log: string[] = [];
    const calls: { agent?: Call; visitor?: Call } = {};
    // Delivered in a task of its own, in order, as socket messages are.
    const deliver = (to: 'agent' | 'visitor', signal: Parameters<Call['handleSignal']>[0]) => setTimeout(() => void calls[to]!.handleSignal(signal));
    const got = { agent: () => {}, visitor: () => {} };
    const agentHasVisitor = new Promise<void>((resolve) => (got.agent = resolve));
    const visitorHasAgent = new Promise<void>((resolve) => (got.visitor = resolve));
    const open = async (side: 'agent' | 'visitor', polite: boolean, media: boolean) => {
      const localStream = media ? await navigator.mediaDevices.getUserMedia({ audio: true, video: true }) : new MediaStream();
      const peer = createPeerCall({
        polite,
        iceServers: [],
        iceTransportPolicy: 'all',
        localStream,
        sendSignal: (signal) => {
          if ('description' in signal) log.push(`${side} sent ${signal.description.type}`);
          deliver(side === 'agent' ? 'visitor' : 'agent', signal);
        },
      });
      // As the conversation's data channels do, so an offer without media has something to carry.
      peer.connection.createDataChannel('chat');
      peer.on((event) => {
        if (event.type !== 'remote-stream') return;
        log.push(`${side} got ${event.stream.getTracks().map((track) => track.kind).sort().join('+')}`);
        if (event.stream.getTracks().length === 2) got[side]();
      });
      return peer;
    };
    calls.visitor = await open('visitor', true, true);
    const visitorSenders = calls.visitor.connection.getSenders().filter((sender) => sender.track).length;
    calls.agent = await open('agent', false, agentMedia);
    await agentHasVisitor;
    if (agentMedia) await visitorHasAgent;
    return { log, visitorSenders };
  }, agentMedia);
}

test('the visitor answers an offer with its tracks in one round, and announces the agent\'s only after answering', async ({ page }) => {
  const { log, visitorSenders } = await call(page, true);
  // Attached before any offer came, yet the visitor made no offer of its own.
  expect(visitorSenders).toBe(2);
  // Both sides announce once the connection is up, in whichever order it comes up on each.
  expect(log.slice(0, 2)).toEqual(['agent sent offer', 'visitor sent answer']);
  expect(log.slice(2).sort()).toEqual(['agent got audio+video', 'visitor got audio+video']);
  expect(log.filter((entry) => entry.endsWith('sent offer'))).toEqual(['agent sent offer']);
});

test('tracks an offer without media did not take up are offered by the visitor once it has answered', async ({ page }) => {
  const { log } = await call(page, false);
  expect(log).toEqual(['agent sent offer', 'visitor sent answer', 'visitor sent offer', 'agent sent answer', 'agent got audio+video']);
});

test('a voice call that both sides turn into a video call at once keeps one audio and one video m-line, and both sides decode the other\'s video', async ({ page }) => {
  await openModulePage(page, '../rtc/src/peer-call.ts', 'peerCall');
  const result = await page.evaluate(async () => {
    const { createPeerCall } = (window as unknown as { peerCall: PeerCallModule }).peerCall;
    type Call = ReturnType<typeof createPeerCall>;
    const offers: string[] = [];
    const calls: Record<'agent' | 'visitor', Call> = {} as never;
    const streams: Record<'agent' | 'visitor', MediaStream> = {} as never;
    const open = async (side: 'agent' | 'visitor', polite: boolean) => {
      streams[side] = await navigator.mediaDevices.getUserMedia({ audio: true });
      const peer = createPeerCall({
        polite,
        iceServers: [],
        iceTransportPolicy: 'all',
        localStream: streams[side],
        sendSignal: (signal) => {
          if ('description' in signal && signal.description.type === 'offer') offers.push(side);
          setTimeout(() => void calls[side === 'agent' ? 'visitor' : 'agent'].handleSignal(signal));
        },
      });
      peer.connection.createDataChannel('chat');
      return peer;
    };
    calls.visitor = await open('visitor', true);
    calls.agent = await open('agent', false);
    const sides = ['agent', 'visitor'] as const;
    const until = (done: () => boolean) => new Promise<void>((resolve) => {
      const poll = setInterval(() => done() && (clearInterval(poll), resolve()), 10);
    });
    await until(() => sides.every((side) => calls[side].connection.connectionState === 'connected'));

    // As the widget and the console do on the switch to video: the visitor
    // captures its microphone again with the camera, the agent only the
    // camera; both held off (the call is on hold), then both in the same task.
    const captured = {
      agent: await navigator.mediaDevices.getUserMedia({ video: true }),
      visitor: await navigator.mediaDevices.getUserMedia({ audio: true, video: true }),
    };
    const visitorMicrophone = captured.visitor.getAudioTracks()[0]!;
    for (const side of sides) {
      for (const track of captured[side].getTracks()) {
        track.enabled = false;
        for (const old of streams[side].getTracks().filter((candidate) => candidate.kind === track.kind)) {
          streams[side].removeTrack(old);
          old.stop();
        }
        streams[side].addTrack(track);
      }
    }
    for (const side of sides) calls[side].syncTracks();
    const sendsVideo = (side: 'agent' | 'visitor') =>
      calls[side].connection.signalingState === 'stable' &&
      calls[side].connection.getTransceivers().some((transceiver) => transceiver.receiver.track.kind === 'video' && transceiver.currentDirection === 'sendrecv');
    await until(() => sides.every(sendsVideo));
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    for (const side of sides) for (const track of captured[side].getTracks()) track.enabled = true;
    const framesDecoded = async (side: 'agent' | 'visitor') => {
      let frames = 0;
      (await calls[side].connection.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
      return frames;
    };
    const before = await Promise.all(sides.map(framesDecoded));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await Promise.all(sides.map(framesDecoded));
    const transceivers = (side: 'agent' | 'visitor') =>
      calls[side].connection.getTransceivers().map((transceiver) => `${transceiver.mid} ${transceiver.receiver.track.kind} ${transceiver.currentDirection}`);
    return {
      offers,
      transceivers: { agent: transceivers('agent'), visitor: transceivers('visitor') },
      visitorSendsNewMicrophone: calls.visitor.connection.getSenders().some((sender) => sender.track === visitorMicrophone),
      framesDecoded: { agent: after[0]! - before[0]!, visitor: after[1]! - before[1]! },
    };
  });
  // Both offered video at once (the visitor's offer rolled back): the
  // visitor's new microphone went out on its old sender, not in an offer.
  expect(result.offers.sort()).toEqual(['agent', 'agent', 'visitor']);
  expect(result.visitorSendsNewMicrophone).toBe(true);
  for (const side of ['agent', 'visitor'] as const) {
    expect(result.transceivers[side]).toEqual(['0 audio sendrecv', '2 video sendrecv']);
    // The fake camera sends 30 frames a second.
    expect(result.framesDecoded[side]).toBeGreaterThan(20);
  }
});
