// Live captions of the other side of a call, made on the reader's own device.
// This Chromium has on-device speech recognition but cannot download a
// language for it here: the visitor meets that as a real user of such a
// browser would. The agent's browser is given a stand-in recognizer (the one
// thing that cannot run here), which shows the captions follow the audio the
// agent receives and nothing else.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

declare global {
  interface Window {
    captioned?: { kind: string; id: string };
    captionsAborted?: number;
  }
}

/** A recognizer with the Web Speech API's shape that "hears" two phrases from the track it is given. */
async function standInRecognizer(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Result = { isFinal: boolean; 0: { transcript: string } };
    class StandIn {
      onresult: ((event: { resultIndex: number; results: Result[] }) => void) | null = null;
      onerror = null;
      onend: (() => void) | null = null;
      processLocally = false;
      static available = async ({ processLocally }: { processLocally: boolean }) => (processLocally ? 'available' : 'unavailable');
      start(track: MediaStreamTrack) {
        // Only on the device: a session allowed to send audio away hears nothing.
        if (!this.processLocally) return;
        window.captioned = { kind: track.kind, id: track.id };
        const heard = (results: Result[]) => this.onresult?.({ resultIndex: 0, results });
        setTimeout(() => heard([{ isFinal: false, 0: { transcript: 'My skates' } }]), 100);
        setTimeout(() => heard([{ isFinal: true, 0: { transcript: 'My skates <b>will not</b> start.' } }, { isFinal: false, 0: { transcript: 'The light' } }]), 300);
      }
      abort() {
        window.captionsAborted = (window.captionsAborted ?? 0) + 1;
      }
    }
    Object.assign(window, { SpeechRecognition: StandIn });
  });
}

/** The id of the audio track the page's call receives. */
function receivedAudio(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.__peerConnections?.at(-1)?.getReceivers().find((receiver) => receiver.track.kind === 'audio')?.track.id);
}

test('captions of the other side: the agent reads what the visitor says; the visitor is told this browser cannot make them', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('audio');

  // The agent's side: captions of the received audio, the phrase being said, then the finished one, as text.
  await standInRecognizer(agent.page);
  const call = agent.page.getByRole('region', { name: 'Current call' });
  await call.getByRole('button', { name: 'Show captions' }).click();
  const captions = call.getByRole('region', { name: 'Captions' });
  await expect(captions.getByRole('log')).toHaveText('My skates <b>will not</b> start.');
  await expect(captions).toContainText('The light');
  await expect(captions.locator('b')).toHaveCount(0);
  expect(await agent.page.evaluate(() => window.captioned)).toEqual({ kind: 'audio', id: await receivedAudio(agent.page) });
  await call.getByRole('button', { name: 'Hide captions' }).click();
  await expect(captions).toHaveCount(0);
  expect(await agent.page.evaluate(() => window.captionsAborted)).toBe(1);

  // The visitor's side: this browser has the recognizer but no language for it on the device.
  await visitor.panel.getByRole('button', { name: 'Show captions' }).click();
  const visitorCaptions = visitor.panel.getByRole('region', { name: 'Captions' });
  await expect(visitorCaptions.getByRole('alert')).toHaveText('This browser cannot caption English on this device.');
  // The call goes on; the visitor puts the note away.
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await visitor.panel.getByRole('button', { name: 'Hide captions' }).click();
  await expect(visitorCaptions).toHaveCount(0);

  // Captions the agent left on stop with the call.
  await call.getByRole('button', { name: 'Show captions' }).click();
  await expect(captions.getByRole('log')).toHaveText('My skates <b>will not</b> start.');
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(captions).toHaveCount(0);
  expect(await agent.page.evaluate(() => window.captionsAborted)).toBe(2);
});
