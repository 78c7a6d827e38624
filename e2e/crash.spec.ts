// The server dies (kill -9) with one call live and one visitor queued. Media
// keeps flowing peer to peer while it is down; once it is back, signaling
// resumes where it stopped and nothing it had acknowledged is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashOrigin, crashPort, demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, expectMediaFlowing } from './helpers.ts';
import { startNodeHostProcess, type NodeHostProcess } from './node-host.ts';

test.use({ baseURL: crashOrigin });

let dataDir: string;
let host: NodeHostProcess | null = null;
test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'beckon-crash-'));
  host = await startNodeHostProcess(crashPort, dataDir);
});
test.afterAll(async () => {
  await host?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a killed server loses no call, queue entry or contact, and live calls keep their media', async ({ connectedCall, openVisitor, request, startedAt }) => {
  const { agent, visitor } = await connectedCall('video');
  const waiting = await openVisitor();
  await waiting.startCall('audio');
  await expect(waiting.panel.getByRole('status')).toContainText('You are number 1 in the queue');

  await host!.kill();
  host = null;
  // Peer to peer, the call does not need the server.
  await Promise.all([expectMediaFlowing(visitor.page, { video: true }), expectMediaFlowing(agent.page, { video: true })]);
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  // Both visitors are told support is out of reach for now, and that what they write waits.
  const outOfReach = 'Reconnecting to support… What you write is sent once it is back.';
  for (const { panel } of [visitor, waiting]) await expect(panel.getByRole('status').getByText(outOfReach)).toBeVisible();
  // So is the agent, on the conversation's page.
  const agentOutOfReach = agent.page.getByRole('status').getByText('Reconnecting to this conversation… What you write is sent once it is back.');
  await expect(agentOutOfReach).toBeVisible();

  host = await startNodeHostProcess(crashPort, dataDir);
  for (const { panel } of [visitor, waiting]) await expect(panel.getByText(outOfReach)).toHaveCount(0);
  await expect(agentOutOfReach).toHaveCount(0);
  // Signaling is back: the hang-up reaches the agent, whose next offer is the visitor who was waiting.
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();
  // The console reopens its presence socket with a jittered backoff of up to 12 s.
  await expect(agent.incomingCall).toBeVisible({ timeout: 30_000 });
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(waiting.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expectMediaFlowing(waiting.page, { video: false });
  await waiting.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(waiting.panel.getByText('Call ended')).toBeVisible();

  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const contacts = await contactsSince(request, accessToken, startedAt);
  expect(contacts.map((contact) => [contact.media, contact.outcome])).toEqual([
    ['audio', 'completed'],
    ['video', 'completed'],
  ]);
});
