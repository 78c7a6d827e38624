// Routing: with two agents available the longest idle one is offered the call
// first; when they decline, the offer moves on to the other agent.
import { demoAgents } from './environment.ts';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, expectMediaFlowing } from './helpers.ts';

test('a declined call is offered to the next available agent, who answers', async ({ signInAgent, openVisitor, request, startedAt }) => {
  const [first, second] = await Promise.all([signInAgent(demoAgents.first), signInAgent(demoAgents.second)]);
  // Signing in made both Available in whichever order the sockets opened; line them up:
  // the first to become Available has been idle longest.
  await Promise.all([first.setStatus('Away'), second.setStatus('Away')]);
  await first.setStatus('Available');
  await first.page.waitForTimeout(1_000);
  await second.setStatus('Available');

  const microphones = await keepCaptures(first.page);
  const ringTone = await keepAudioContexts(first.page);
  const visitor = await openVisitor();
  await visitor.startCall('audio');
  await expect(visitor.panel.getByRole('status')).toContainText('Waiting for an agent');
  // While they wait, the visitor's connection is made (it answers, so it does nothing yet); the call uses it.
  const visitorConnections = () =>
    visitor.page.evaluate(() => window.__peerConnections!.map((connection) => ({ state: connection.signalingState, iceServers: connection.getConfiguration().iceServers?.length })));
  await expect.poll(visitorConnections).toEqual([{ state: 'stable', iceServers: 0 }]);

  await expect(first.incomingCall).toBeVisible();
  await expect(second.incomingCall).toBeHidden();
  // The ring pulses in opacity alone, which the compositor animates without repainting the console.
  expect(await animatedProperties(first.page)).toEqual(['opacity']);
  // The microphone started while it rang, and the call's offer was made (and kept); declining lets both go.
  await expect.poll(() => microphones.states()).toEqual(['live']);
  const connections = () => first.page.evaluate(() => window.__peerConnections!.map((connection) => connection.signalingState));
  await expect.poll(connections).toEqual(['have-local-offer']);
  await expect.poll(ringTone.states).toEqual(['running']);
  await first.incomingCall.getByRole('button', { name: 'Decline' }).click();
  await expect(first.incomingCall).toBeHidden();
  await expect.poll(() => microphones.states()).toEqual(['ended']);
  await expect.poll(connections).toEqual(['closed']);
  // The ring falls silent at once and lets go of the audio device soon after.
  await expect.poll(ringTone.states, { timeout: 5_000 }).toEqual(['suspended']);

  await expect(second.incomingCall).toBeVisible();
  const shownAccepted = await whenTextShows(visitor.page, 'You are talking with');
  const secondConnections = () => second.page.evaluate(() => window.__peerConnections!.map((connection) => connection.signalingState));
  await expect.poll(secondConnections).toEqual(['have-local-offer']);
  const accepts = await keepAccepts(second.page);
  await second.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(second.page.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(first.incomingCall).toBeHidden();
  expect(await visitorConnections()).toEqual([{ state: 'stable', iceServers: 0 }]);
  // The widget drew who answered only once its connection had answered the agent's offer.
  expect(await shownAccepted()).toEqual({ answered: true });
  // That offer, made while it rang, went with Accept; the call is the connection that made it.
  const [accept] = await accepts();
  expect(accept?.signals?.[0]?.description?.type).toBe('offer');
  expect(await secondConnections()).toEqual(['stable']);
  const credentials = (sdp: string) => sdp.match(/^a=(ice-ufrag|fingerprint):.*$/gm);
  const local = await second.page.evaluate(() => window.__peerConnections![0]!.localDescription!.sdp);
  expect(credentials(local)).toEqual(credentials(accept!.signals![0]!.description!.sdp));
  await Promise.all([
    expectMediaFlowing(visitor.page, { video: false }),
    expectMediaFlowing(second.page, { video: false }),
  ]);

  // This time the agent ends the call.
  await second.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(second.page.getByText('Call ended')).toBeVisible();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();

  const { accessToken, agent: answering } = await apiSignIn(request, demoAgents.second);
  const [contact] = await contactsSince(request, accessToken, startedAt);
  expect(contact).toMatchObject({ media: 'audio', outcome: 'completed', agent: { id: answering.id } });
});

// Keeps every `accept` the console sends from now on.
async function keepAccepts(page: Page) {
  await page.evaluate(() => {
    const accepts: unknown[] = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === 'string' && data.includes('"type":"accept"')) accepts.push(JSON.parse(data));
      send.call(this, data);
    };
    Object.assign(window, { sentAccepts: accepts });
  });
  type Accept = { signals?: { description?: { type: string; sdp: string } }[] };
  return () => page.evaluate(() => (window as unknown as { sentAccepts: Accept[] }).sentAccepts);
}

// Keeps every track the page captures from now on; `states` says whether each is still live.
async function keepCaptures(page: Page) {
  await page.evaluate(() => {
    const captured: MediaStreamTrack[] = [];
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      captured.push(...stream.getTracks());
      return stream;
    };
    Object.assign(window, { capturedTracks: captured });
  });
  return {
    states: () => page.evaluate(() => (window as unknown as { capturedTracks: MediaStreamTrack[] }).capturedTracks.map((track) => track.readyState)),
  };
}

// From now on, notes whether the page's latest peer connection had made its answer when `text` first showed in the widget.
async function whenTextShows(page: Page, text: string) {
  await page.evaluate((wanted) => {
    const root = [...document.querySelectorAll('*')].find((element) => element.shadowRoot)!.shadowRoot!;
    const observer = new MutationObserver(() => {
      if (!root.textContent?.includes(wanted)) return;
      observer.disconnect();
      Object.assign(window, { shownText: { answered: window.__peerConnections!.at(-1)?.localDescription?.type === 'answer' } });
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }, text);
  return () => page.evaluate(() => (window as unknown as { shownText?: { answered: boolean } }).shownText ?? null);
}

// Keeps every audio context the page makes from now on (the ring tone's); `states` says whether each is running.
async function keepAudioContexts(page: Page) {
  await page.evaluate(() => {
    const made: AudioContext[] = [];
    const Native = window.AudioContext;
    window.AudioContext = class extends Native {
      constructor(options?: AudioContextOptions) {
        super(options);
        made.push(this);
      }
    };
    Object.assign(window, { audioContexts: made });
  });
  return {
    states: () => page.evaluate(() => (window as unknown as { audioContexts: AudioContext[] }).audioContexts.map((context) => context.state)),
  };
}

// Every CSS property the page's running animations change.
function animatedProperties(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const timing = new Set(['offset', 'computedOffset', 'easing', 'composite']);
    const properties = document.getAnimations().flatMap((animation) =>
      (animation.effect as KeyframeEffect).getKeyframes().flatMap((keyframe) => Object.keys(keyframe).filter((key) => !timing.has(key))),
    );
    return [...new Set(properties)].sort();
  });
}
