// Real-time text (RFC 8865) between the widget and the console when one side's
// page goes away mid-line: the line it was typing is gone with it, so the
// other side stops showing it, and what it types on the new connection shows.
import { chatAnswered, expect, test } from './fixtures.ts';
import { demoAgents } from './environment.ts';
import { announcements } from './helpers.ts';

for (const reloading of ['visitor', 'agent'] as const) {
  test(`a reload mid-line (the ${reloading}'s) takes the unfinished real-time text off the other side's screen`, async ({ signInAgent, openVisitor }) => {
    const agent = await signInAgent(demoAgents.first);
    const visitor = await openVisitor();
    const { conversation, reply } = await chatAnswered(agent, visitor, 'I cannot hear well, can we write?');
    const agentLive = visitor.panel.getByRole('region', { name: 'Agent is typing (real-time text)' });
    const visitorLive = conversation.getByRole('region', { name: 'Visitor is typing (real-time text)' });

    if (reloading === 'visitor') {
      await visitor.panel.getByRole('button', { name: 'Real-time text' }).click();
      await visitor.panel.getByRole('textbox', { name: 'Message' }).pressSequentially('My card ends in', { delay: 20 });
      await expect(visitorLive).toHaveText('My card ends in');
      await visitor.page.reload();
      await expect(visitor.panel).toBeVisible();
      await expect(visitorLive).toHaveText('');
      await visitor.panel.getByRole('button', { name: 'Real-time text' }).click();
      await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('');
      await visitor.panel.getByRole('textbox', { name: 'Message' }).pressSequentially('Back', { delay: 20 });
      await expect(visitorLive).toHaveText('Back');
    } else {
      await reply.getByRole('checkbox', { name: 'Real-time text' }).check();
      await reply.getByRole('textbox', { name: 'Message' }).pressSequentially('Let me ch', { delay: 20 });
      await expect(agentLive).toHaveText('Let me ch');
      await agent.page.reload();
      await expect(agentLive).toHaveText('');
      await reply.getByRole('checkbox', { name: 'Real-time text' }).check();
      await reply.getByRole('textbox', { name: 'Message' }).fill('');
      await reply.getByRole('textbox', { name: 'Message' }).pressSequentially('Back', { delay: 20 });
      await expect(agentLive).toHaveText('Back');
    }
  });
}

test('a multi-line real-time text draft shows every line on the other side until it is sent', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { conversation, reply, visitorLog } = await chatAnswered(agent, visitor, 'Can we write in real time?');
  const agentLive = visitor.panel.getByRole('region', { name: 'Agent is typing (real-time text)' });
  const visitorLive = conversation.getByRole('region', { name: 'Visitor is typing (real-time text)' });
  // innerText keeps the line breaks that toHaveText would fold into spaces.
  const lines = (live: typeof agentLive) => () => live.innerText();

  await visitor.panel.getByRole('button', { name: 'Real-time text' }).click();
  const visitorBox = visitor.panel.getByRole('textbox', { name: 'Message' });
  await visitorBox.pressSequentially('My order', { delay: 20 });
  await visitorBox.press('Shift+Enter');
  await visitorBox.pressSequentially('is late', { delay: 20 });
  await expect.poll(lines(visitorLive)).toBe('My order\nis late');
  await visitorBox.press('Enter');
  await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText('My order');
  await expect(visitorLive).toHaveText('');

  await reply.getByRole('checkbox', { name: 'Real-time text' }).check();
  const agentBox = reply.getByRole('textbox', { name: 'Message' });
  await agentBox.pressSequentially('Sorry to hear.', { delay: 20 });
  await agentBox.press('Shift+Enter');
  await agentBox.press('Shift+Enter');
  await agentBox.pressSequentially('Order number?', { delay: 20 });
  await expect.poll(lines(agentLive)).toBe('Sorry to hear.\n\nOrder number?');
  await agentBox.press('Enter');
  await expect(visitorLog).toContainText('Order number?');
  await expect(agentLive).toHaveText('');
  // Typing after a Send starts a new draft on the other side.
  await agentBox.pressSequentially('Thanks', { delay: 20 });
  await expect.poll(lines(agentLive)).toBe('Thanks');
});

test('a screen reader hears what is new of the real-time text, not the whole line again at each keystroke', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { conversation } = await chatAnswered(agent, visitor, 'I use a screen reader');
  const visitorLive = conversation.getByRole('region', { name: 'Visitor is typing (real-time text)' });
  await visitor.panel.getByRole('button', { name: 'Real-time text' }).click();
  const before = (await announcements(agent.page)).length;
  await visitor.panel.getByRole('textbox', { name: 'Message' }).pressSequentially('Can you hear me', { delay: 60 });
  // The text on the screen follows every keystroke as before.
  await expect(visitorLive).toHaveText('Can you hear me');
  const said = async () => (await announcements(agent.page)).slice(before).filter((text) => !text.endsWith('is typing…'));
  // Each word once: the words as they were finished, the last one after the pause.
  await expect.poll(async () => (await said()).join(' ')).toBe('Can you hear me');
  expect((await said()).length).toBeLessThanOrEqual(4);
});
