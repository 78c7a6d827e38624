// Outside business hours: a visitor asks to be called back instead of
// calling. Once an admin opens the queue, the agent sees the request, calls
// back, the visitor's widget rings, the visitor accepts, and media flows.
// A visitor who writes instead leaves what they wrote as a message; going
// Back to the other form keeps the name and email they typed. From the
// keyboard, Mark done hands the focus on to the next callback.
import { demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, closedAllWeek, contactsSince, expectMediaFlowing, setBillingHours, widgetEvents } from './helpers.ts';

// The other journeys use the demo queues as they come: open around the clock.
test.afterEach(async ({ request }) => setBillingHours(request, null));

test('a visitor asks for a callback outside business hours, and an agent calls back once the queue opens', async ({ signInAgent, openVisitor, request, startedAt }) => {
  // Billing is closed every day; Alex, who has the billing skill, is on shift.
  await setBillingHours(request, closedAllWeek);
  const agent = await signInAgent(demoAgents.first);
  const callbacks = agent.page.getByRole('region', { name: 'Callbacks' });

  const visitor = await openVisitor();
  await visitor.open();
  await visitor.page.evaluate(() => window.Beckon?.('startCall', { video: true, queue: 'billing' }));
  await expect(visitor.panel.getByText('We are closed right now')).toBeVisible();
  await visitor.panel.getByRole('button', { name: 'Request a callback' }).click();
  const form = visitor.panel.getByRole('form', { name: 'Request a callback' });
  await form.getByLabel('Your name').fill('Ada Lovelace');
  await form.getByRole('button', { name: 'Call me back' }).click();
  await expect(visitor.panel.getByText('We will call you back')).toBeVisible();

  // Still closed: nothing to call back yet.
  await expect(agent.page.getByText('Waiting for chats and calls.')).toBeVisible();
  await expect(callbacks).toBeHidden();

  await setBillingHours(request, null);
  await expect(callbacks).toContainText('Ada Lovelace');
  await expect(callbacks).toContainText('Page open');
  await callbacks.getByRole('button', { name: 'Call back' }).click();

  await expect(visitor.panel.getByText('Support is calling you back')).toBeVisible();
  await visitor.panel.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
  await Promise.all([expectMediaFlowing(visitor.page, { video: true }), expectMediaFlowing(agent.page, { video: true })]);
  await expect(callbacks).toBeHidden();

  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();

  const events = (await widgetEvents(visitor.page)).map((event) => event.name);
  expect(events).toEqual(expect.arrayContaining(['queue:closed', 'callback:requested', 'callback:ringing', 'call:connected', 'call:ended']));
  expect(events).not.toContain('call:queued');
  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const [contact, ...others] = await contactsSince(request, accessToken, startedAt);
  expect(others).toEqual([]);
  expect(contact).toMatchObject({ media: 'video', outcome: 'completed', callback: { name: 'Ada Lovelace', email: null }, agent: { name: 'Alex (Demo agent)' } });
});

test('from the keyboard, Mark done hands the focus to the next callback, and the last one to the conversations', async ({ signInAgent, request, baseURL }) => {
  const agent = await signInAgent(demoAgents.first);
  const session = await (await request.post('/v1/visitor/session', { data: { key: 'demo' }, headers: { Origin: baseURL! } })).json();
  for (const name of ['Ada Lovelace', 'Grace Hopper']) {
    const asked = await request.post('/v1/callbacks', {
      headers: { Origin: baseURL!, Authorization: `Bearer ${session.token}` },
      data: { name, media: 'audio', page: `${baseURL}/demo/` },
    });
    expect(asked.status()).toBe(200);
  }
  const callbacks = agent.page.getByRole('region', { name: 'Callbacks' });
  const asking = callbacks.getByRole('listitem');
  await expect(asking).toHaveCount(2);
  const markDone = (name: string) => asking.filter({ hasText: name }).getByRole('button', { name: 'Mark done' });
  await markDone('Ada Lovelace').focus();
  await agent.page.keyboard.press('Enter');
  await expect(asking).toHaveCount(1);
  await expect(markDone('Grace Hopper')).toBeFocused();
  await agent.page.keyboard.press('Enter');
  await expect(callbacks).toBeHidden();
  await expect(agent.page.getByRole('heading', { name: 'Active conversations' })).toBeFocused();
});

test('a visitor who writes outside business hours leaves what they wrote as a message', async ({ openVisitor, request, startedAt }) => {
  await setBillingHours(request, closedAllWeek);
  const visitor = await openVisitor();
  await visitor.open();
  await visitor.page.evaluate(() => window.Beckon?.('startChat', { queue: 'billing' }));
  await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('My invoice shows the wrong address');
  await visitor.page.keyboard.press('Enter');
  await expect(visitor.panel.getByText('We are closed right now')).toBeVisible();
  await visitor.panel.getByRole('button', { name: 'Leave a message' }).click();
  const form = visitor.panel.getByRole('form', { name: 'Leave a message' });
  await expect(form.getByLabel('Message')).toHaveValue('My invoice shows the wrong address');
  await form.getByLabel('Your name').fill('Ada Lovelace');
  await form.getByLabel('Email').fill('ada@example.com');
  // Back, and the other form: what they typed about themselves is still there.
  await form.getByRole('button', { name: 'Back', exact: true }).click();
  await visitor.panel.getByRole('button', { name: 'Request a callback' }).click();
  const callback = visitor.panel.getByRole('form', { name: 'Request a callback' });
  await expect(callback.getByLabel('Your name')).toHaveValue('Ada Lovelace');
  await expect(callback.getByLabel('Email (optional)')).toHaveValue('ada@example.com');
  await callback.getByRole('button', { name: 'Back', exact: true }).click();
  await visitor.panel.getByRole('button', { name: 'Leave a message' }).click();
  await expect(form.getByLabel('Your name')).toHaveValue('Ada Lovelace');
  await form.getByRole('button', { name: 'Send message' }).click();
  await expect(visitor.panel.getByText('Message sent')).toBeVisible();

  const events = (await widgetEvents(visitor.page)).map((event) => event.name);
  expect(events).toEqual(expect.arrayContaining(['queue:closed', 'message:sent']));
  expect(events).not.toContain('call:queued');
  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const [contact, ...others] = await contactsSince(request, accessToken, startedAt);
  expect(others).toEqual([]);
  expect(contact).toMatchObject({ media: 'chat', outcome: 'message', message: { name: 'Ada Lovelace', email: 'ada@example.com', text: 'My invoice shows the wrong address' } });
});
