// Two peer calls in one real Chromium page, signals passed between them as a
// socket would: the answering side sends its answer before it announces the
// caller's tracks, so drawing them never holds up the call's setup.
import { expect, test } from '@playwright/test';
import { openModulePage } from './helpers.ts';

type PeerCallModule = typeof import('../rtc/src/peer-call.ts');

test('the answer goes out before the caller\'s tracks are announced, and both sides connect', async ({ page }) => {
  await openModulePage(page, '../rtc/src/peer-call.ts', 'peerCall');

  const result = await page.evaluate(async () => {
    const { createPeerCall } = (window as unknown as { peerCall: PeerCallModule }).peerCall;
    type Call = ReturnType<typeof createPeerCall>;
    const log: string[] = [];
    const calls: { agent?: Call; visitor?: Call } = {};
    // Delivered in a task of its own, in order, as socket messages are.
    const deliver = (to: 'agent' | 'visitor', signal: Parameters<Call['handleSignal']>[0]) => setTimeout(() => void calls[to]!.handleSignal(signal));
    const open = async (side: 'agent' | 'visitor', polite: boolean) => {
      const localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const call = createPeerCall({
        polite,
        iceServers: [],
        iceTransportPolicy: 'all',
        localStream,
        sendSignal: (signal) => {
          if ('description' in signal) log.push(`${side} sent ${signal.description.type}`);
          deliver(side === 'agent' ? 'visitor' : 'agent', signal);
        },
      });
      call.on((event) => {
        if (event.type === 'remote-stream') log.push(`${side} got ${event.stream.getTracks().map((track) => track.kind).sort().join('+')}`);
      });
      return call;
    };
    calls.visitor = await open('visitor', true);
    calls.agent = await open('agent', false);
    const connected = (call: Call) =>
      new Promise<void>((resolve) => {
        const check = () => call.connection.connectionState === 'connected' && resolve();
        call.connection.addEventListener('connectionstatechange', check);
        check();
      });
    await Promise.all([connected(calls.agent), connected(calls.visitor)]);
    return log;
  });

  // The visitor hears the agent's offer, answers, and only then shows the agent's tracks.
  expect(result.slice(0, 3)).toEqual(['agent sent offer', 'visitor sent answer', 'visitor got audio+video']);
  expect(result).toContain('agent got audio+video');
});
