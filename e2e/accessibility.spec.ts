// What an agent with a screen reader or a keyboard meets in the console: a
// ringing offer said once without taking the focus from a reply being typed.
import { demoAgents } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { announcements } from './helpers.ts';

test('a call ringing while the agent types a reply is said once, and the typing goes on', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const { reply } = await chatAnswered(agent, await openVisitor(), 'Where is my order?');
  const message = reply.getByRole('textbox', { name: 'Message' });
  await message.pressSequentially('Let me check');

  const saidBefore = (await announcements(agent.page)).length;
  const caller = await openVisitor();
  await caller.startCall('audio');
  await expect(agent.incomingCall).toBeVisible();
  const visitor = (await agent.incomingCall.getByRole('heading').textContent())?.match(/Visitor \w+/)?.[0];
  await message.pressSequentially(' your order', { delay: 50 });
  // The card counts the ring down every second meanwhile.
  await agent.page.waitForTimeout(2500);
  await expect(message).toBeFocused();
  await expect(message).toHaveValue('Let me check your order');
  const ringing = (await announcements(agent.page)).slice(saidBefore).filter((text) => text.startsWith('Incoming'));
  expect(ringing).toEqual([`Incoming voice call from ${visitor}`]);
  await agent.incomingCall.getByRole('button', { name: 'Decline' }).click();
});
