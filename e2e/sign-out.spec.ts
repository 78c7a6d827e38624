// Signing out ends every conversation the agent is in, so the console asks
// first: cancelled, nothing changes; confirmed, the visitor is told, and the
// session ends on the server as well.
import { allowedSiteOrigin, demoAgents } from './environment.ts';
import { cspRefusalsExpected, expect, test } from './fixtures.ts';

test('signing out in the middle of a chat asks first, and ends it only when confirmed', async ({ signInAgent, openVisitor, request }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  await visitor.open();
  await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('Is anyone there?');
  await visitor.panel.getByRole('textbox', { name: 'Message' }).press('Enter');
  await agent.page.getByRole('region', { name: 'Incoming chat' }).getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByRole('status').first()).toContainText('You are talking with');

  const asked: string[] = [];
  agent.page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await agent.page.getByRole('button', { name: 'Sign out' }).click();
  expect(asked).toEqual(['Signing out ends your conversation with visitors. Sign out?']);
  await expect(agent.page.getByRole('region', { name: /^Conversation with Visitor/ })).toBeVisible();
  await expect(visitor.panel.getByText('Chat ended')).toHaveCount(0);

  const { refreshToken } = JSON.parse((await agent.page.evaluate(() => sessionStorage.getItem('beckon.agent-session')))!) as { refreshToken: string };
  const signedOut = agent.page.waitForResponse((response) => response.url().endsWith('/v1/auth/sign-out'));
  agent.page.once('dialog', (dialog) => void dialog.accept());
  await agent.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(agent.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(visitor.panel.getByText('Chat ended')).toBeVisible();
  // The session ended on the server too: a copy of its refresh token no longer signs anyone in.
  expect((await signedOut).status()).toBe(204);
  expect((await request.post('/v1/auth/refresh', { data: { refreshToken } })).status()).toBe(401);
});

test('the console runs no script but its own and talks to no other origin, so injected markup can neither run nor send a token away', async ({ signInAgent }) => {
  test.info().annotations.push({ type: cspRefusalsExpected });
  const agent = await signInAgent(demoAgents.first);
  const refused = await agent.page.evaluate(async (elsewhere) => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    const sent = await fetch(elsewhere, { method: 'POST', body: 'token' }).then(() => true, () => false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ran: 'injected' in window, sent, violations };
  }, `${allowedSiteOrigin}/`);
  expect(refused).toEqual({ ran: false, sent: false, violations: ['script-src-elem', 'connect-src'] });
});
