// A visitor who gives up waiting: with no agent available the call stays
// queued, and cancelling (or closing the tab) ends it as cancelled.
import { demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, widgetEvents } from './helpers.ts';

test.describe('with every agent away', () => {
  test('a queued visitor cancels the call', async ({ signInAgent, openVisitor, request, startedAt }) => {
    const agent = await signInAgent(demoAgents.first);
    await agent.setStatus('Away');

    const visitor = await openVisitor();
    await visitor.startCall('video');
    const waiting = visitor.panel.getByRole('status');
    await expect(waiting).toContainText('Waiting for an agent');
    await expect(waiting).toContainText('You are number 1 in the queue');
    // With every agent away there is no wait to estimate, and the visitor is told why.
    await expect(waiting).toContainText('No agent is available right now. You keep your place.');
    await expect(waiting).not.toContainText('Estimated wait');
    await expect(agent.incomingCall).toBeHidden();

    await visitor.panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(visitor.panel.getByText('Call cancelled')).toBeVisible();
    await expect.poll(async () => (await widgetEvents(visitor.page)).find((event) => event.name === 'call:ended')?.detail)
      .toMatchObject({ reason: 'cancelled' });

    const { accessToken } = await apiSignIn(request, demoAgents.first);
    const [contact] = await contactsSince(request, accessToken, startedAt);
    expect(contact).toMatchObject({ outcome: 'cancelled', agent: null, connectedAt: null, durationSeconds: 0 });
  });

  test('closing the tab while queued cancels the call', async ({ signInAgent, openVisitor, request, startedAt }) => {
    const agent = await signInAgent(demoAgents.first);
    await agent.setStatus('Away');

    const visitor = await openVisitor();
    await visitor.startCall('audio');
    await expect(visitor.panel.getByRole('status')).toContainText('You are number 1 in the queue');
    await visitor.page.close();

    const { accessToken } = await apiSignIn(request, demoAgents.first);
    await expect
      .poll(async () => (await contactsSince(request, accessToken, startedAt))[0], { message: 'contact recorded as cancelled' })
      .toMatchObject({ outcome: 'cancelled', agent: null, durationSeconds: 0 });
  });
});
