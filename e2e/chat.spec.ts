// A visitor who writes first: the chat waits in the queue, an agent answers,
// messages go both ways as text with receipts, the agent asks for a video
// call (nothing is captured before the visitor accepts), and the conversation
// follows the visitor through a reload and into another tab; a survey sent
// without a rating says so. The agent speaks the API the way the console does.
// A page with a very long address, and a secret in its fragment, still
// reaches support, which never sees the secret. A visitor who closed the
// panel sees on the support button that the agent wrote, and keeps the chat
// as a text file once it ended. The console shows a long address in three
// lines at most.
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { chatAnswered, expect, test } from './fixtures.ts';
import { allowedSiteOrigin, demoAgents } from './environment.ts';
import { answerNextChat, apiSignIn, countCaptures, saveWrapUp, widgetEvents } from './helpers.ts';

test('a visitor writes first, waits in the queue and chats with an agent, as text only', async ({ openVisitor, request, baseURL }) => {
  const visitor = await openVisitor();
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await expect(message).toBeFocused();
  await message.fill('My <b>rocket</b> skates <img src=x onerror=alert(1)> will not start: https://shop.example/skates. javascript:alert(1)');
  await message.press('Enter');
  await expect(message).toHaveValue('');

  const status = visitor.panel.getByRole('status');
  await expect(status).toContainText('Waiting for an agent');
  await expect(status).toContainText('You are number 1 in the queue');
  const log = visitor.panel.getByRole('log', { name: 'Messages' });
  await expect(log).toContainText('My <b>rocket</b> skates <img src=x onerror=alert(1)> will not start');
  await expect(log.locator('img, b')).toHaveCount(0);
  await expect(log.getByRole('link')).toHaveCount(1);
  await expect(log.getByRole('link')).toHaveAttribute('href', 'https://shop.example/skates');
  await expect(log.getByRole('link')).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(log.getByText('Sent', { exact: true })).toBeVisible();

  const agent = await answerNextChat(request, baseURL!);
  try {
    await expect(status).toContainText('You are talking with Alex');
    // Drawn as a button, the file picker is said once, by its input.
    await expect(visitor.panel.getByRole('button', { name: 'Send a file' })).toBeVisible();
    expect((await visitor.panel.ariaSnapshot()).match(/Send a file/g)).toHaveLength(1);
    expect(await agent.visitorMessage()).toMatchObject({ n: 1 });
    agent.send({ type: 'typing', typing: true });
    await expect(visitor.panel.getByText(/is typing…/)).toBeVisible();
    agent.send({ type: 'chat', id: 'a1', text: 'Is the light <i>green</i>?' });
    agent.send({ type: 'receipt', kind: 'read', through: 1 });
    await expect(log).toContainText('Is the light <i>green</i>?');
    await expect(visitor.panel.getByText(/is typing…/)).toHaveCount(0);
    await expect(log.getByText('Read', { exact: true })).toBeVisible();
    // The panel is open in a visible tab: the agent learns the visitor read it.
    await expect.poll(async () => (await agent.conversation.next('receipt')).kind).toBe('read');

    await message.fill('No, it is red');
    await visitor.panel.getByRole('button', { name: 'Send', exact: true }).click();
    expect(await agent.visitorMessage()).toMatchObject({ text: 'No, it is red' });

    await visitor.panel.getByRole('button', { name: 'End chat' }).click();
    await expect(visitor.panel.getByText('Chat ended')).toBeVisible();
    await expect(visitor.panel.getByRole('group', { name: /How was your chat/ })).toBeVisible();
    await visitor.panel.getByRole('button', { name: 'Skip' }).click();
    await expect(visitor.panel.getByRole('textbox', { name: 'Message' })).toBeVisible();
    // The visitor keeps the chat as a text file, from a line of its own, apart from the words below it.
    const save = visitor.panel.getByRole('link', { name: 'Save support-chat.txt' });
    const below = visitor.panel.getByText(/^Write to our support team/);
    const [link, words] = [(await save.boundingBox())!, (await below.boundingBox())!];
    expect(words.y - (link.y + link.height)).toBeGreaterThanOrEqual(6);
    const [download] = await Promise.all([visitor.page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe('support-chat.txt');
    const saved = readFileSync(await download.path(), 'utf8');
    expect(saved).toMatch(/^Support chat with Alex \(Demo agent\), [^\n]*\d{4}\n\n\[[^\]]+\] You: My <b>rocket<\/b> skates/);
    expect(saved).toMatch(/\] Alex \(Demo agent\): Is the light <i>green<\/i>\?\n\[[^\]]+\] You: No, it is red\n$/);

    const events = await widgetEvents(visitor.page);
    expect(events.filter((event) => event.name === 'chat:message').map((event) => event.detail)).toEqual([
      { from: 'visitor', text: 'My <b>rocket</b> skates <img src=x onerror=alert(1)> will not start: https://shop.example/skates. javascript:alert(1)' },
      { from: 'agent', text: 'Is the light <i>green</i>?' },
      { from: 'visitor', text: 'No, it is red' },
    ]);
    expect(events.at(-1)).toEqual({ name: 'call:ended', detail: { reason: 'hangup' } });
  } finally {
    agent.leave();
  }
});

test('Submit on the survey without a rating asks for one and keeps the comment', async ({ openVisitor, request, baseURL }) => {
  const visitor = await openVisitor();
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.fill('Quick question');
  await message.press('Enter');
  const agent = await answerNextChat(request, baseURL!);
  try {
    await expect(visitor.panel.getByRole('status').first()).toContainText('You are talking with Alex');
    await visitor.panel.getByRole('button', { name: 'End chat' }).click();
    const survey = visitor.panel.getByRole('group', { name: /How was your chat/ });
    const comment = visitor.panel.getByLabel('Anything to add? (optional)');
    await comment.fill('Fast answer');
    const submit = visitor.panel.getByRole('button', { name: 'Submit' });
    await submit.click();

    // The browser says what is missing, on the first rating, and nothing is sent.
    const lowest = survey.getByRole('radio', { name: '1 out of 5' });
    await expect(lowest).toBeFocused();
    expect(await lowest.evaluate((input: HTMLInputElement) => input.validationMessage)).not.toBe('');
    await expect(comment).toHaveValue('Fast answer');
    await survey.getByRole('radio', { name: '5 out of 5' }).check();
    await submit.click();
    await expect(visitor.panel.getByText('Thank you for your feedback.')).toBeVisible();
    const surveys = (await widgetEvents(visitor.page)).filter((event) => event.name === 'survey:submitted');
    expect(surveys.map((event) => event.detail)).toEqual([{ rating: 5, comment: 'Fast answer' }]);
  } finally {
    agent.leave();
  }
});

test('the visitor takes back a request; the agent asks for a video call: nothing is captured before the visitor accepts', async ({ openVisitor, request, baseURL }) => {
  const visitor = await openVisitor();
  const captures = await countCaptures(visitor.page);
  await visitor.open();
  await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('Can you look at it?');
  await visitor.page.keyboard.press('Enter');

  const agent = await answerNextChat(request, baseURL!);
  try {
    await expect(visitor.panel.getByRole('status')).toContainText('You are talking with Alex');
    // The visitor asks for a voice call and thinks better of it before Alex answers.
    await visitor.panel.getByRole('button', { name: 'Voice call' }).click();
    expect(await agent.conversation.next('request')).toMatchObject({ kind: 'audio', by: 'visitor' });
    await visitor.panel.getByRole('button', { name: 'Cancel request' }).click();
    expect(await agent.conversation.next('request-withdrawn')).toMatchObject({ kind: 'audio', by: 'visitor' });
    await expect(visitor.panel.getByText('Waiting for the agent to accept…')).toBeHidden();

    agent.send({ type: 'request', kind: 'video' });
    const prompt = visitor.panel.getByRole('group', { name: /asks for a video call/ });
    await expect(prompt).toBeVisible();
    expect(await captures()).toBe(0);

    await prompt.getByRole('button', { name: 'Accept' }).click();
    expect(await agent.conversation.next('request-answered')).toMatchObject({ kind: 'video', accepted: true });
    // Both sides agreed: now the camera and microphone.
    await expect.poll(captures).toBe(1);
    await expect(visitor.panel.getByText(/Connecting to Alex/)).toBeVisible();
    expect((await widgetEvents(visitor.page)).filter((event) => event.name === 'call:escalated').map((event) => event.detail)).toEqual([{ media: 'video' }]);

    // The chat goes on during the call.
    await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('I see the camera light');
    await visitor.page.keyboard.press('Enter');
    expect(await agent.visitorMessage()).toMatchObject({ text: 'Can you look at it?' });
    expect(await agent.visitorMessage()).toMatchObject({ text: 'I see the camera light' });

    agent.send({ type: 'hangup', reason: 'hangup' });
    await expect(visitor.panel.getByText('Call ended')).toBeVisible();
  } finally {
    agent.leave();
  }
});

test('the conversation follows the visitor through a reload and into another tab', async ({ openVisitor, request, baseURL }) => {
  const visitor = await openVisitor();
  await visitor.open();
  await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('Hello');
  await visitor.page.keyboard.press('Enter');
  const agent = await answerNextChat(request, baseURL!);
  try {
    agent.send({ type: 'chat', id: 'a1', text: 'Hello, I am Alex' });
    const log = visitor.panel.getByRole('log', { name: 'Messages' });
    await expect(log).toContainText('Hello, I am Alex');
    const messages = log.locator('.message');
    await expect(messages).toHaveCount(2);
    // What the visitor was writing is still there after the reload, unsent.
    await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('My order number is');

    await visitor.page.reload();
    await expect(visitor.panel).toBeVisible();
    await expect(visitor.panel.getByRole('status')).toContainText('You are talking with Alex');
    await expect(log).toContainText('Hello, I am Alex');
    await expect(messages).toHaveCount(2);
    await expect(visitor.panel.getByRole('textbox', { name: 'Message' })).toHaveValue('My order number is');
    await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('');

    const tab = await visitor.page.context().newPage();
    await tab.goto('/demo/');
    const tabPanel = tab.getByRole('dialog', { name: 'Support' });
    await expect(tabPanel.getByRole('log', { name: 'Messages' }).locator('.message')).toHaveCount(2);
    await expect(visitor.panel.getByText('This conversation continues in another tab')).toBeVisible();
    // A tab of the site is a tab of the conversation: it is read there too.
    await tabPanel.getByRole('textbox', { name: 'Message' }).fill('From the second tab');
    await tab.keyboard.press('Enter');
    await expect(tabPanel.getByRole('log', { name: 'Messages' }).getByText('Sent', { exact: true })).toBeVisible();

    await visitor.panel.getByRole('button', { name: 'Continue here' }).click();
    await expect(tabPanel.getByText('This conversation continues in another tab')).toBeVisible();
    await expect(log).toContainText('From the second tab');
    await expect(messages).toHaveCount(3);
    await visitor.panel.getByRole('button', { name: 'End chat' }).click();
    await expect(visitor.panel.getByText('Chat ended')).toBeVisible();
    expect(await visitor.page.evaluate(() => localStorage.getItem('beckon:conversation:demo'))).toBeNull();
  } finally {
    agent.leave();
  }
});

test('a visitor on a page with a very long address reaches support, which never sees the address\'s fragment', async ({ openVisitor, request, baseURL }) => {
  const query = `q=${'a'.repeat(2100)}`;
  const visitor = await openVisitor(`/demo/?${query}#access_token=secret`);
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.fill('Hello from a long page');
  await message.press('Enter');
  await expect(visitor.panel.getByRole('status')).toContainText('Waiting for an agent');
  const agent = await answerNextChat(request, baseURL!);
  try {
    expect(await agent.visitorMessage()).toMatchObject({ text: 'Hello from a long page' });
    const { accessToken } = await apiSignIn(request, demoAgents.first);
    const { contacts } = await (await request.get('/v1/contacts', { headers: { Authorization: `Bearer ${accessToken}` } })).json();
    const contact = contacts.find((candidate: { page: string }) => candidate.page.includes(query.slice(0, 100)));
    expect(contact.page).toBe(`${baseURL}/demo/?${query}`.slice(0, 2048));
  } finally {
    agent.leave();
  }
});

test('a visitor who closed the panel sees on the support button how many messages the agent wrote since, until they open it', async ({ openVisitor, signInAgent }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { reply, conversation } = await chatAnswered(agent, visitor, 'Hello');
  await visitor.panel.getByRole('button', { name: 'Close' }).click();
  // The panel is closed: what the agent sends shows in the console only.
  for (const text of ['Hi, I am Alex', 'Which order is it about?']) {
    await reply.getByRole('textbox', { name: 'Message' }).fill(text);
    await reply.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText(text);
  }
  await expect(visitor.launcher).toHaveAttribute('aria-label', 'Contact support, 2 new messages');
  const badge = () => visitor.launcher.evaluate((launcher) => getComputedStyle(launcher, '::after').content);
  await expect.poll(badge).toBe('"2"');

  await visitor.launcher.click();
  await expect(visitor.launcher).toHaveAttribute('aria-label', 'Contact support');
  await expect.poll(badge).toBe('none');
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await saveWrapUp(agent.page);
});

test("the console shows a very long page address in three lines at most, and all of it on hover and to a screen reader", async ({ openVisitor, signInAgent }) => {
  const agent = await signInAgent(demoAgents.first);
  const address = `${allowedSiteOrigin}/?order=${'1234567890'.repeat(200)}`;
  const visitor = await openVisitor(address);
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.fill('Where is my order?');
  await message.press('Enter');
  const offer = agent.page.getByRole('region', { name: 'Incoming chat' });
  const lines = async (page: Locator) => {
    const { height, lineHeight } = await page.evaluate((element) => ({ height: element.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(element).lineHeight) }));
    return Math.round(height / lineHeight);
  };
  const expectClamped = async (page: Locator) => {
    await expect(page).toHaveAttribute('title', address);
    await expect(page).toHaveText(address);
    expect(await lines(page)).toBeLessThanOrEqual(3);
  };
  await expectClamped(offer.locator('.page'));
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expectClamped(agent.page.getByRole('region', { name: /^Conversation with Visitor/ }).locator('.page'));
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await saveWrapUp(agent.page);
});
