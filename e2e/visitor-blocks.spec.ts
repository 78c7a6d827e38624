// An agent blocks an abusive visitor from their chat: the chat ends, and the
// visitor's widget, reloaded, says support is unavailable. An admin finds the
// block on the Admin page and lifts it; the visitor can chat again. A visitor
// is also blocked after their chat ended, and from History. Every
// visitor of the suite comes from the same address, so the block is lifted
// whatever happens.
import type { APIRequestContext } from '@playwright/test';
import { demoAdmin, demoAgents } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { apiSignIn, closedAllWeek, saveWrapUp, setBillingHours } from './helpers.ts';

async function liftEveryBlock(request: APIRequestContext): Promise<void> {
  const { accessToken } = await apiSignIn(request, demoAdmin);
  const headers = { Authorization: `Bearer ${accessToken}` };
  const { blocks } = await (await request.get('/v1/admin/visitor-blocks', { headers })).json();
  for (const block of blocks) await request.delete(`/v1/admin/visitor-blocks/${block.id}`, { headers });
}

test.afterEach(async ({ request }) => liftEveryBlock(request));

test('an agent blocks a visitor, whose widget then refuses them support, until an admin lifts the block', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { conversation } = await chatAnswered(agent, visitor, 'You are all useless');
  const name = (await conversation.getByRole('heading', { level: 2 }).textContent())!;

  await conversation.getByRole('button', { name: 'Block visitor…' }).click();
  const form = conversation.getByRole('form', { name: `Block ${name}` });
  await expect(form.getByLabel('How long')).toBeFocused();
  await expect(form).toContainText(`From the network they came from, ${name} can start no chat or call until the block runs out, and this conversation ends.`);
  await form.getByLabel('How long').selectOption('1 day');
  await form.getByLabel('Why (for your team, optional)').fill('Insults');
  await form.getByRole('button', { name: 'Block and end conversation' }).click();

  await expect(conversation.getByRole('status').filter({ hasText: `${name} is blocked until` })).toBeVisible();
  await expect(visitor.panel.getByText(/ended/i).first()).toBeVisible();
  await saveWrapUp(agent.page);

  // The visitor, their panel still open, writes again: the panel says support is unavailable, as on a new page, and offers nothing to start.
  await visitor.panel.getByRole('button', { name: 'Skip' }).click();
  await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('Let me in');
  await visitor.panel.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(visitor.panel.getByRole('status')).toHaveText('Support is unavailable right now');
  await expect(visitor.panel.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect(visitor.panel.getByRole('button', { name: /^Start .* call$/ })).toHaveCount(0);

  // A new page of the visitor's: the panel says support is unavailable, and nothing can be started.
  await visitor.page.reload();
  await visitor.open();
  await expect(visitor.panel.getByText('Support is unavailable right now')).toBeVisible();
  await expect(visitor.panel.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

  const admin = await signInAgent(demoAdmin);
  await admin.setStatus('Away');
  await admin.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const blocks = admin.page.getByRole('region', { name: 'Blocked visitors' });
  await expect(blocks).toContainText('(a verified customer, signed in as that customer, from any network too)');
  const row = blocks.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Insults');
  await expect(row).toContainText('Alex (Demo agent)');
  admin.page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: `Unblock ${name}` }).click();
  // Said as that block: another block of the same visitor would still hold.
  await expect(blocks.getByRole('status')).toHaveText(new RegExp(`^The block of ${name} until .+ is lifted\\.$`));
  await expect(blocks.getByText('No visitor is blocked.')).toBeVisible();
  // The last row gone, the keyboard goes on at the section's heading, not at the top of the page.
  await expect(blocks.getByRole('heading', { name: 'Blocked visitors' })).toBeFocused();

  await visitor.page.reload();
  await visitor.open();
  await expect(visitor.panel.getByRole('textbox', { name: 'Message' })).toBeVisible();
});

test('a visitor is blocked from a chat that has already ended, during its wrap-up', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { conversation } = await chatAnswered(agent, visitor, 'Bye then');
  const name = (await conversation.getByRole('heading', { level: 2 }).textContent())!;
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(conversation.getByText('This conversation has ended.')).toBeVisible();

  await conversation.getByRole('button', { name: 'Block visitor…' }).click();
  const form = conversation.getByRole('form', { name: `Block ${name}` });
  await form.getByRole('button', { name: 'Block', exact: true }).press('Enter');
  const blocked = conversation.getByRole('status').filter({ hasText: `${name} is blocked until` });
  await expect(blocked).toBeFocused();
  await saveWrapUp(agent.page);

  await visitor.page.reload();
  await visitor.open();
  await expect(visitor.panel.getByText('Support is unavailable right now')).toBeVisible();
});

test('an agent blocks the visitor of a message left outside business hours, from History', async ({ signInAgent, openVisitor, request }) => {
  await setBillingHours(request, closedAllWeek);
  try {
    const visitor = await openVisitor();
    await visitor.open();
    await visitor.page.evaluate(() => window.Beckon?.('startChat', { queue: 'billing' }));
    await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('Spam spam spam');
    await visitor.page.keyboard.press('Enter');
    await visitor.panel.getByRole('button', { name: 'Leave a message' }).click();
    const message = visitor.panel.getByRole('form', { name: 'Leave a message' });
    await message.getByLabel('Your name').fill('Spammer');
    await message.getByLabel('Email').fill('spam@example.com');
    await message.getByRole('button', { name: 'Send message' }).click();
    await expect(visitor.panel.getByText('Message sent')).toBeVisible();
  } finally {
    await setBillingHours(request, null);
  }

  const agent = await signInAgent(demoAgents.first);
  await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
  const row = agent.page.getByRole('row').filter({ hasText: 'Spam spam spam' }).first();
  const name = (await row.getByRole('cell').first().textContent())!;
  await row.getByRole('button', { name: /^Block / }).click();
  const form = agent.page.getByRole('form', { name: `Block ${name}` });
  await expect(form.getByLabel('How long')).toBeFocused();
  // Below the table, the form says whose block it is.
  await expect(form.getByRole('heading', { name: `Block ${name}` })).toBeVisible();
  await form.getByLabel('How long').selectOption('30 days');
  await form.getByRole('button', { name: 'Block', exact: true }).click();
  await expect(agent.page.getByRole('status').filter({ hasText: `${name} is blocked until` })).toBeFocused();

  const again = await openVisitor();
  await again.open();
  await expect(again.panel.getByText('Support is unavailable right now')).toBeVisible();
});
