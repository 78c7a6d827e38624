// The whole journey of one video call: an agent comes online, a visitor on the
// demo support page calls, the agent answers, media flows both ways, the
// visitor mutes, hangs up and rates the call, and the contact lands in History
// and the API with the call's quality as the visitor measured it and the rating.
import { formatDuration, formatQualitySummary } from '../agent-console/src/format.ts';
import { demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, expectMediaFlowing, expectVideoPlaying, sendsMicrophone, widgetEvents } from './helpers.ts';

test('a visitor video-calls support, talks to an agent and hangs up', async ({ signInAgent, openVisitor, request, startedAt }) => {
  const agent = await signInAgent(demoAgents.first);
  await agent.setStatus('Available');

  const visitor = await openVisitor();
  await visitor.startCall('video');
  const waiting = visitor.panel.getByRole('status');
  await expect(waiting).toContainText('Waiting for an agent');
  await expect(waiting).toContainText('You are number 1 in the queue');

  await expect(agent.incomingCall).toBeVisible();
  // The caller's page, so the agent knows where the visitor is calling from.
  await expect(agent.incomingCall).toContainText('/demo/');
  // The agent's devices start while it rings, so Accept starts the call at once.
  await expect(agent.incomingCall).toContainText('Your microphone and camera are ready.');
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(agent.incomingCall).toBeHidden();

  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
  await expectVideoPlaying(visitor.panel.getByLabel('Support agent video'));
  await expectVideoPlaying(agent.page.getByLabel('Visitor video'));
  await Promise.all([
    expectMediaFlowing(visitor.page, { video: true }),
    expectMediaFlowing(agent.page, { video: true }),
  ]);
  // The console samples the call every second and shows the numbers as text.
  const quality = agent.page.getByRole('region', { name: 'Call quality' });
  await expect(quality).toContainText(/MOS\s*[1-4]\.\d/);
  await expect(quality).toContainText(/Audio loss\s*\d+\.\d%/);
  await expect(quality).toContainText(/Video loss\s*\d+\.\d%/);
  await expect(quality).toContainText(/Round trip\s*\d+ ms/);
  // Two local browsers: nothing to warn the agent or the visitor about.
  await expect(quality).not.toContainText('Poor connection');
  await expect(visitor.panel.getByText('Your connection is weak')).toHaveCount(0);
  await expect(visitor.panel.getByRole('button', { name: 'Turn camera off', exact: true })).toBeVisible();
  await expect(agent.page.getByRole('button', { name: 'Turn camera off', exact: true })).toBeVisible();
  // The agent's switches too say what a press does, with no pressed state besides.
  for (const name of ['Mute', 'Turn camera off']) await expect(agent.page.getByRole('button', { name, exact: true })).not.toHaveAttribute('aria-pressed');

  // Muted shows as an "Unmute" button (its label says what a press does, with no pressed state besides); the microphone stops.
  const mute = visitor.panel.getByRole('button', { name: 'Mute', exact: true });
  const unmute = visitor.panel.getByRole('button', { name: 'Unmute', exact: true });
  expect(await sendsMicrophone(visitor.page)).toBe(true);
  await mute.click();
  await expect(unmute).toBeVisible();
  await expect(unmute).not.toHaveAttribute('aria-pressed');
  await expect.poll(() => sendsMicrophone(visitor.page), { message: 'microphone stopped' }).toBe(false);
  await unmute.click();
  await expect(mute).toBeVisible();
  await expect(mute).not.toHaveAttribute('aria-pressed');
  await expect.poll(() => sendsMicrophone(visitor.page), { message: 'microphone back' }).toBe(true);

  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();
  await expect(agent.page.getByText('Call ended')).toBeVisible();

  // Wrap-up: the agent records how it went; it shows in History.
  const wrapUp = agent.page.getByRole('form', { name: 'Wrap-up', exact: true });
  await wrapUp.getByLabel('Outcome').selectOption('Needs follow-up');
  await wrapUp.getByLabel('Notes').fill('Send a replacement <b>charger</b>');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await expect(wrapUp).toBeHidden();

  // The survey, by keyboard-reachable radio buttons; the comment is shown to agents as text, never markup.
  const survey = visitor.panel.getByRole('group', { name: /How was your call/ });
  await survey.getByRole('radio', { name: '4 out of 5' }).check();
  await visitor.panel.getByLabel('Anything to add? (optional)').fill('Quick <b>and</b> friendly');
  await visitor.panel.getByRole('button', { name: 'Submit' }).click();
  await expect(visitor.panel.getByText('Thank you for your feedback.')).toBeVisible();
  await expect(visitor.panel.getByRole('button', { name: 'Start video call' })).toBeVisible();

  const events = await widgetEvents(visitor.page);
  expect(events.map((event) => event.name)).toEqual(expect.arrayContaining(['call:queued', 'call:connected', 'call:ended', 'survey:submitted']));
  expect(events.find((event) => event.name === 'survey:submitted')?.detail).toEqual({ rating: 4, comment: 'Quick <b>and</b> friendly' });
  expect(events.find((event) => event.name === 'call:queued')?.detail).toMatchObject({ position: 1 });

  const { accessToken, agent: profile } = await apiSignIn(request, demoAgents.first);
  const [contact, ...others] = await contactsSince(request, accessToken, startedAt);
  expect(others).toEqual([]);
  expect(contact).toMatchObject({ media: 'video', outcome: 'completed', agent: { id: profile.id, name: profile.name } });
  expect(contact?.page).toContain('/demo/');
  expect(contact?.survey).toEqual({ rating: 4, comment: 'Quick <b>and</b> friendly' });
  expect(contact?.connectedAt).toEqual(expect.any(Number));
  expect(contact?.endedAt).toEqual(expect.any(Number));
  // The call stayed connected through two seconds of media checks and the mute toggle.
  expect(contact?.durationSeconds).toBeGreaterThanOrEqual(2);
  // The visitor sent its summary right before hanging up; seconds of media, so MOS and loss were measured.
  const visitorQuality = contact?.quality?.visitor;
  expect(visitorQuality?.samples).toBeGreaterThanOrEqual(2);
  expect(visitorQuality?.averageMos).toEqual(expect.any(Number));
  expect(visitorQuality?.averageLossPercent).toEqual(expect.any(Number));
  // A video call: the video's loss is kept too, apart from the audio's.
  expect(visitorQuality?.averageVideoLossPercent).toEqual(expect.any(Number));

  await agent.page.getByRole('button', { name: 'History' }).click();
  const history = agent.page.getByRole('table');
  for (const column of ['Visitor', 'Agent', 'Start', 'Duration', 'Outcome', 'Quality', 'Wrap-up', 'Survey']) {
    await expect(history.getByRole('columnheader', { name: column })).toBeVisible();
  }
  const row = history.getByRole('row').filter({ hasText: /completed/i }).first();
  await expect(row).toContainText(profile.name);
  await expect(row).toContainText(formatDuration(contact?.durationSeconds ?? -1));
  await expect(row).toContainText(`Visitor${formatQualitySummary(visitorQuality!)}`);
  // Two browsers on one machine without TURN: their media went directly.
  await expect(row).toContainText('Connectiondirect');
  // The note is text, never markup.
  await expect(row).toContainText('Needs follow-upSend a replacement <b>charger</b>');
  await expect(row.locator('td.survey')).toHaveText('4/5Quick <b>and</b> friendly');
  await agent.page.getByRole('button', { name: 'Conversations' }).click();
});
