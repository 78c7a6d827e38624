// A supervisor on the Board: sees the live call, listens in silently (the
// agent's console sends both sides' audio on a connection of its own, and the
// agent is shown it happens), and whispers to the agent, who answers; and
// gives a ringing call to another agent. The Board shows a call on hold, and
// a call's quality seconds after it starts. A supervisor an admin makes an
// agent loses the Board at once.
import { demoAdmin, demoAgents, demoPassword } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { expectMediaFlowing } from './helpers.ts';

test('a supervisor listens in on a call and whispers to the agent', async ({ connectedCall, signInAgent }) => {
  const { agent, visitor } = await connectedCall('audio');
  const supervisor = await signInAgent(demoAgents.supervisor);
  await supervisor.setStatus('Away');
  await supervisor.page.getByRole('button', { name: 'Board' }).click();
  const board = supervisor.page.getByRole('region', { name: 'Board' });
  await expect(board.getByRole('row', { name: /Alex \(Demo agent\).*Visitor/ }).first()).toBeVisible();

  await board.getByRole('button', { name: /^Listen to Visitor/ }).click();
  await expect(agent.page.getByText('Morgan (Demo supervisor) is listening to this call.')).toBeVisible();
  await expect(board.getByText('Listening to the call.')).toBeVisible();
  // Both voices reach the supervisor: the visitor's as the agent hears it, and the agent's own.
  await expectMediaFlowing(supervisor.page, { video: false });
  const voices = await supervisor.page.evaluate(() => window.__peerConnections!.at(-1)!.getReceivers().filter((receiver) => receiver.track.kind === 'audio').length);
  expect(voices).toBe(2);
  // The visitor hears of none of it.
  await expect(visitor.panel.getByText(/listening/i)).toHaveCount(0);

  await board.getByLabel('Whisper to Alex (Demo agent)').fill('Offer the refund');
  await board.getByLabel('Whisper to Alex (Demo agent)').press('Enter');
  const whispers = agent.page.getByRole('region', { name: 'From your supervisor' });
  await expect(whispers).toContainText('Offer the refund');
  await whispers.getByLabel('Reply to Morgan (Demo supervisor)').fill('On it');
  await whispers.getByRole('button', { name: 'Reply' }).click();
  await expect(board.getByText('On it')).toBeVisible();
  await expect(visitor.panel.getByText('Offer the refund')).toHaveCount(0);

  // A call the agent holds says so on the Board, for as long as it is on hold.
  await agent.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(board.getByText(/^On hold 0:0\d$/)).toBeVisible();
  await agent.page.getByRole('button', { name: 'Resume call' }).click();
  await expect(board.getByText(/^On hold/)).toHaveCount(0);

  // Its name says what a press does, so it is no toggle as well ("Stop listening, pressed").
  const stopListening = board.getByRole('button', { name: 'Stop listening' });
  await expect(stopListening).not.toHaveAttribute('aria-pressed');
  await stopListening.click();
  await expect(agent.page.getByText('Morgan (Demo supervisor) is listening to this call.')).toHaveCount(0);
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();
});

test('a supervisor gives a ringing call to another agent, who answers', async ({ signInAgent, openVisitor }) => {
  const first = await signInAgent(demoAgents.first);
  const second = await signInAgent(demoAgents.second);
  // Only the first agent is there to be offered the call.
  await second.setStatus('Away');
  const supervisor = await signInAgent(demoAgents.supervisor);
  await supervisor.setStatus('Away');

  const visitor = await openVisitor();
  await visitor.startCall('audio');
  await expect(first.incomingCall).toBeVisible();

  await supervisor.page.getByRole('button', { name: 'Board' }).click();
  const board = supervisor.page.getByRole('region', { name: 'Board' });
  const give = board.getByLabel(/^Give Visitor .* to$/);
  await give.selectOption({ label: 'Sam (Demo agent)' });
  // The first agent's ring stops and says why; the call waits for Sam alone, even once he is back.
  await expect(first.incomingCall).toBeHidden();
  await expect(first.page.getByText('A supervisor gave the call to another agent')).toBeVisible();
  await expect(give).toHaveValue(/.+/);
  await second.setStatus('Available');
  await expect(second.incomingCall).toBeVisible();
  await expect(first.incomingCall).toBeHidden();

  await second.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(board.getByRole('row', { name: /Sam \(Demo agent\).*Visitor/ }).first()).toBeVisible();
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(second.page.getByText('Call ended')).toBeVisible();
});

test('the Board shows how a call goes within seconds of its start', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  // The quality summaries the agent's console sends on the conversation's socket.
  const summaries: { samples: number }[] = [];
  agent.page.on('websocket', (socket) => {
    if (!socket.url().includes('/v1/conversations/')) return;
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { type: string; summary?: { samples: number } };
      if (message.type === 'quality') summaries.push(message.summary!);
    });
  });
  const supervisor = await signInAgent(demoAgents.supervisor);
  await supervisor.setStatus('Away');
  await supervisor.page.getByRole('button', { name: 'Board' }).click();
  const board = supervisor.page.getByRole('region', { name: 'Board' });

  const visitor = await openVisitor();
  await visitor.startCall('audio');
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  const call = board.getByRole('row', { name: /audio .* Listen to Visitor/ });
  // Its MOS (last 30 s), in the fifth column.
  await expect(call.getByRole('cell').nth(4)).toHaveText(/^[1-4]\.\d$/);
  // The first summary went after three seconds of samples, not ten.
  expect(summaries[0]!.samples).toBe(3);
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();
});

test('a supervisor an admin makes an agent loses the Board at once', async ({ signInAgent, request }) => {
  const supervisor = await signInAgent(demoAgents.supervisor);
  await supervisor.setStatus('Away');
  const pages = supervisor.page.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('button', { name: 'Board' }).click();
  await expect(supervisor.page.getByRole('region', { name: 'Board' })).toBeVisible();

  const admin = await (await request.post('/v1/auth/sign-in', { data: { email: demoAdmin, password: demoPassword } })).json();
  const morgan = await (await request.post('/v1/auth/sign-in', { data: { email: demoAgents.supervisor, password: demoPassword } })).json();
  const setRole = (role: string) => request.patch(`/v1/admin/agents/${morgan.agent.id}`, { headers: { Authorization: `Bearer ${admin.accessToken}` }, data: { role } });
  expect((await setRole('agent')).status()).toBe(200);
  try {
    await expect(supervisor.page.getByText('An admin changed your role: the Board is for supervisors and admins.')).toBeVisible();
    await expect(supervisor.page.getByRole('region', { name: 'Board' })).toBeHidden();
    await expect(pages.getByRole('button', { name: 'Board' })).toHaveCount(0);
    await expect(pages.getByRole('button', { name: 'Conversations' })).toHaveAttribute('aria-current', 'page');
  } finally {
    expect((await setRole('supervisor')).status()).toBe(200);
  }
});
