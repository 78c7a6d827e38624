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
