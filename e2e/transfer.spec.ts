// A warm transfer between two agents: the first agent rings a colleague with a
// note while staying with the visitor; the colleague answers, gets the
// transcript, and the visitor is told and goes on with them.
import { demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';

test('an agent hands a chat on to a colleague, warm, with a note', async ({ signInAgent, openVisitor }) => {
  const alex = await signInAgent(demoAgents.first);
  const sam = await signInAgent(demoAgents.second);
  await sam.setStatus('Away');
  const visitor = await openVisitor();
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.fill('¿Alguien habla español?');
  await message.press('Enter');
  await alex.page.getByRole('region', { name: 'Incoming chat' }).getByRole('button', { name: 'Accept' }).click();
  const withAlex = alex.page.getByRole('region', { name: /^Conversation with Visitor/ });
  await expect(withAlex.getByRole('log', { name: 'Messages' })).toContainText('¿Alguien habla español?');
  await sam.setStatus('Available');

  await withAlex.getByRole('button', { name: 'Transfer' }).click();
  const form = withAlex.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('Transfer to').selectOption({ label: 'Sam (Demo agent) (available)' });
  await form.getByLabel(/^Warm/).check();
  await form.getByLabel('Note for them').fill('Wants Spanish; order 1234');
  await form.getByRole('button', { name: 'Transfer' }).click();
  await expect(form.getByText('Ringing Sam (Demo agent)…')).toBeVisible();

  const offer = sam.page.getByRole('region', { name: 'Incoming chat' });
  await expect(offer).toContainText('Alex (Demo agent)');
  await expect(offer).toContainText('Wants Spanish; order 1234');
  await offer.getByRole('button', { name: 'Accept' }).click();

  const withSam = sam.page.getByRole('region', { name: /^Conversation with Visitor/ });
  await expect(withSam.getByRole('log', { name: 'Messages' })).toContainText('¿Alguien habla español?');
  await expect(alex.page.getByText(/Sam \(Demo agent\) took the conversation/)).toBeVisible();
  await expect(visitor.panel.getByRole('status').first()).toContainText('You are talking with Sam (Demo agent)');

  await withSam.getByRole('form', { name: 'Reply' }).getByRole('textbox', { name: 'Message' }).fill('Sí, dígame');
  await withSam.getByRole('form', { name: 'Reply' }).getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(visitor.panel.getByRole('log', { name: 'Messages' })).toContainText('Sí, dígame');
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(visitor.panel.getByText('Chat ended')).toBeVisible();
});
