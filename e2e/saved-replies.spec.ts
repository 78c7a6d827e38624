// Saved replies: an admin adds one on the Admin page while an agent is
// signed in; the agent's next chat has it, and the agent inserts it into the
// reply box where the caret is, with the names filled in, reads it over and
// sends it.
import { demoAdmin, demoAgentName, demoAgents } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { apiSignIn } from './helpers.ts';

test('an agent inserts a reply an admin saved, and sends it', async ({ signInAgent, openVisitor, request }) => {
  const title = `Delivery times ${Date.now()}`;
  const text = 'Orders ship within 2 working days, {name|there}. {agent}';
  // The visitor is not a customer the site verified: the fallback stands for their name.
  const filled = `Orders ship within 2 working days, there. ${demoAgentName}`;
  const agent = await signInAgent(demoAgents.first);
  const admin = await signInAgent(demoAdmin);
  // Only the agent below is there to take the chat.
  await admin.setStatus('Away');
  await admin.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const section = admin.page.getByRole('region', { name: 'Saved replies' });
  const form = section.getByRole('form', { name: 'Add a saved reply' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Text').fill(text);
  await form.getByRole('button', { name: 'Add reply' }).click();
  await expect(section.getByRole('status')).toHaveText(`The reply ${title} was added.`);
  await expect(section.getByRole('row', { name: new RegExp(title) })).toContainText(text);

  try {
    const visitor = await openVisitor();
    const { conversation, reply, visitorLog } = await chatAnswered(agent, visitor, 'When will my order arrive?');
    const box = reply.getByRole('textbox', { name: 'Message' });
    await box.fill('Hi! ');
    await reply.getByRole('combobox', { name: 'Insert a saved reply' }).selectOption({ label: title });
    await expect(box).toHaveValue(`Hi! ${filled}`);
    await expect(box).toBeFocused();
    await box.press('Enter');
    await expect(visitorLog).toContainText(`Hi! ${filled}`);
    await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText(`Hi! ${filled}`);
  } finally {
    const { accessToken } = await apiSignIn(request, demoAdmin);
    const headers = { Authorization: `Bearer ${accessToken}` };
    const { savedReplies } = await (await request.get('/v1/saved-replies', { headers })).json();
    for (const saved of savedReplies.filter((candidate: { title: string }) => candidate.title === title)) await request.delete(`/v1/admin/saved-replies/${saved.id}`, { headers });
  }
});
