// The Admin page: an admin invites an agent, who opens the link in a browser
// of their own, sets a password and signs in; then the admin rotates a widget
// key and revokes the old one. A key of its own, so the demo page's key stays.
// An edit form opened from a row takes the focus and gives it back; a row
// button that takes its row away hands it on. An admin deletes a contact from
// History, as a visitor may ask.
import type { APIRequestContext, Locator } from '@playwright/test';
import { demoAdmin } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn } from './helpers.ts';

const visitorSession = async (request: APIRequestContext, baseURL: string, key: string) =>
  (await request.post('/v1/visitor/session', { data: { key }, headers: { Origin: baseURL } })).status();

test('an admin invites an agent who sets a password from the link and signs in; the admin rotates a widget key', async ({ signInAgent, browser, baseURL, request }) => {
  const admin = await signInAgent(demoAdmin);
  const page = admin.page;
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();

  const team = page.getByRole('region', { name: 'Team' });
  const email = `jordan-${Date.now()}@demo.test`;
  const inviteForm = team.getByRole('form', { name: 'Invite an agent' });
  await inviteForm.getByLabel('Name').fill('Jordan Invited');
  await inviteForm.getByLabel('Email').fill(email);
  await inviteForm.getByLabel('Skills (comma-separated)').fill('es');
  await inviteForm.getByRole('button', { name: 'Invite' }).click();
  const linkPanel = team.getByRole('group', { name: 'Invite link for Jordan Invited' });
  const link = await linkPanel.getByLabel('Link', { exact: true }).inputValue();
  expect(link).toMatch(/\/console\/#invite=demo\./);
  await expect(team.getByRole('row', { name: new RegExp(email) })).toContainText('Link sent, no password yet');
  await linkPanel.getByRole('button', { name: 'Done' }).click();
  await expect(linkPanel).toBeHidden();
  // The panel went with the button: the keyboard goes on from the section, not the top of the page.
  await expect(team.getByRole('heading', { name: 'Team', level: 2 })).toBeFocused();

  // The agent, in a browser of their own.
  const agentContext = await browser.newContext({ baseURL });
  try {
    const agentPage = await agentContext.newPage();
    await agentPage.goto(link);
    await expect(agentPage.getByText('Welcome, Jordan Invited.')).toBeVisible();
    await agentPage.getByLabel('New password').fill('jordan-secret-1');
    await agentPage.getByLabel('Repeat the password').fill('jordan-secret-2');
    await agentPage.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(agentPage.getByRole('alert')).toHaveText('The two passwords are not the same.');
    await agentPage.getByLabel('Repeat the password').fill('jordan-secret-1');
    await agentPage.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(agentPage.getByLabel('Status')).toBeEnabled();
    await expect(agentPage.locator('.agent-name')).toHaveText('Jordan Invited');
    expect(new URL(agentPage.url()).hash).toBe('');
    // An agent has no Admin page.
    await expect(agentPage.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' })).toHaveCount(0);

    // The password works for the next sign-in too.
    await agentPage.getByRole('button', { name: 'Sign out' }).click();
    await agentPage.getByLabel('Email').fill(email);
    await agentPage.getByLabel('Password').fill('jordan-secret-1');
    await agentPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(agentPage.getByLabel('Status')).toBeEnabled();
    await agentPage.getByLabel('Status').selectOption('Away');
    await agentPage.getByRole('button', { name: 'Sign out' }).click();
    await expect(agentPage.getByRole('button', { name: 'Sign in' })).toBeVisible();

    // The same link does not work twice.
    await agentPage.goto(link);
    await agentPage.reload();
    await expect(agentPage.getByRole('alert')).toContainText('This link is not valid');
  } finally {
    await agentContext.close();
  }

  await team.getByRole('button', { name: 'Refresh' }).click();
  await expect(team.getByRole('row', { name: new RegExp(email) })).toContainText('Active');

  // A widget key of its own, rotated, then the old one revoked.
  const keys = page.getByRole('region', { name: 'Widget keys' });
  await keys.getByLabel('Label (where the key goes)').fill('Journey site');
  await keys.getByRole('button', { name: 'Make key' }).click();
  const made = keys.getByRole('group', { name: 'Key for Journey site' });
  const oldKey = await made.getByLabel('Key', { exact: true }).inputValue();
  await made.getByRole('button', { name: 'Done' }).click();
  await expect(keys.getByRole('heading', { name: 'Widget keys', level: 2 })).toBeFocused();

  await keys.getByRole('button', { name: /^Rotate Journey site/ }).click();
  const rotated = keys.getByRole('group', { name: 'New key for Journey site' });
  const newKey = await rotated.getByLabel('Key', { exact: true }).inputValue();
  expect(newKey).not.toBe(oldKey);
  await expect(rotated.getByLabel('Script tag')).toHaveValue(`<script src="${baseURL}/widget.js" data-key="${newKey}" async></script>`);
  // The site's own colour goes into the tag to copy.
  await rotated.getByLabel('Colour of the support button and panel').fill('#0f766e');
  await expect(rotated.getByLabel('Script tag')).toHaveValue(`<script src="${baseURL}/widget.js" data-key="${newKey}" data-color="#0f766e" async></script>`);
  await expect(keys.getByRole('row', { name: /Journey site/ }).filter({ hasText: 'Rotated; works until' })).toHaveCount(1);
  // The old key keeps working during the overlap, for pages not yet updated.
  expect(await visitorSession(request, baseURL!, oldKey)).toBe(200);
  expect(await visitorSession(request, baseURL!, newKey)).toBe(200);

  page.once('dialog', (dialog) => void dialog.accept());
  await keys.getByRole('row', { name: /Rotated; works until/ }).getByRole('button', { name: /^Revoke Journey site/ }).click();
  await expect(keys.getByRole('status').filter({ hasText: 'was revoked' })).toBeVisible();
  await expect(keys.getByRole('row', { name: /Journey site/ })).toHaveCount(1);
  expect(await visitorSession(request, baseURL!, oldKey)).toBe(401);
  expect(await visitorSession(request, baseURL!, newKey)).toBe(200);

  page.once('dialog', (dialog) => void dialog.accept());
  await keys.getByRole('button', { name: /^Revoke Journey site/ }).click();
  await expect(keys.getByRole('row', { name: /Journey site/ })).toHaveCount(0);
  expect(await visitorSession(request, baseURL!, newKey)).toBe(401);
});

test('an admin closes a queue for the week from its hours, and opens it around the clock again', async ({ signInAgent, request }) => {
  const { accessToken } = await apiSignIn(request, demoAdmin);
  const headers = { Authorization: `Bearer ${accessToken}` };
  const queueId = `night-${Date.now()}`;
  expect((await request.post('/v1/admin/queues', { headers, data: { id: queueId, name: 'Night desk' } })).status()).toBe(201);
  const hours = async () => (await request.get(`/v1/admin/queues/${queueId}/hours`, { headers })).json();
  try {
    const admin = await signInAgent(demoAdmin);
    await admin.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
    const queues = admin.page.getByRole('region', { name: 'Queues' });
    await queues.getByRole('button', { name: 'Hours of the queue Night desk' }).click();
    const form = queues.getByRole('form', { name: 'Hours of the queue Night desk' });
    await form.getByLabel('Open around the clock').uncheck();
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    // A day the form cannot read is named, and nothing is saved.
    await form.getByLabel('Monday').fill('mornings');
    await form.getByRole('button', { name: 'Save hours' }).click();
    await expect(form.getByRole('alert')).toHaveText('Monday: write openings as 09:00-17:00, separated by commas.');
    await form.getByLabel('Monday').fill('');
    await form.getByLabel(/^Longest wait/).fill('5');
    await form.getByRole('button', { name: 'Save hours' }).click();
    await expect(queues.getByRole('status').filter({ hasText: `The hours of ${queueId} were saved.` })).toBeVisible();
    expect(await hours()).toMatchObject({ open: false, nextOpening: null, maxWaitSeconds: 300, hours: { timeZone: 'Europe/Berlin', weekly: { mon: [] } } });

    await queues.getByRole('button', { name: 'Hours of the queue Night desk' }).click();
    await form.getByLabel('Open around the clock').check();
    await form.getByLabel(/^Longest wait/).fill('');
    await form.getByRole('button', { name: 'Save hours' }).click();
    await expect.poll(async () => (await hours()).open).toBe(true);
    expect(await hours()).toMatchObject({ hours: null, maxWaitSeconds: null });
  } finally {
    await request.delete(`/v1/admin/queues/${queueId}`, { headers });
  }
});

test('on a phone the Admin page does not scroll sideways: each wide table scrolls by itself, and the sections read within the screen', async ({ signInAgent }) => {
  const admin = await signInAgent(demoAdmin);
  const page = admin.page;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const team = page.getByRole('region', { name: 'Team' });
  await expect(team.getByRole('row', { name: /Sam \(Demo agent\)/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The Team table is wider than the phone: it scrolls inside its section, which keeps to the screen.
  const section = await team.boundingBox();
  expect(section!.x + section!.width).toBeLessThanOrEqual(390);
});

test('an edit form opened from a row takes the focus, and gives it back to the row when it closes', async ({ signInAgent }) => {
  const admin = await signInAgent(demoAdmin);
  const page = admin.page;
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const edit = page.getByRole('region', { name: 'Team' }).getByRole('button', { name: 'Edit Sam (Demo agent)' });
  await edit.focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Edit Sam (Demo agent)' });
  await expect(form.getByLabel('Role')).toBeFocused();
  await expect(form.getByLabel('Role')).toBeInViewport();
  await form.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(edit).toBeFocused();

  const queueRow = page.getByRole('region', { name: 'Queues' }).getByRole('button', { name: 'Edit the queue Billing' });
  await queueRow.focus();
  await page.keyboard.press('Enter');
  const queueForm = page.getByRole('form', { name: 'Edit the queue Billing' });
  await expect(queueForm.getByLabel('Name')).toBeFocused();
  await queueForm.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await expect(queueForm).toBeHidden();
  await expect(queueRow).toBeFocused();
});

test('from the keyboard, a row button that takes its row away hands the focus to the next row, or the one before', async ({ signInAgent, request }) => {
  const { accessToken } = await apiSignIn(request, demoAdmin);
  const headers = { Authorization: `Bearer ${accessToken}` };
  const stamp = Date.now();
  // Two of each, side by side: replies by title, queues of the lowest priority by id, origins and keys as they were added.
  const replyIds: string[] = [];
  for (const title of [`Focus ${stamp} a`, `Focus ${stamp} b`]) {
    const added = await request.post('/v1/admin/saved-replies', { headers, data: { title, text: 'One moment, please.' } });
    expect(added.status()).toBe(201);
    replyIds.push((await added.json()).savedReply.id);
  }
  for (const id of [`focus-${stamp}-a`, `focus-${stamp}-b`]) expect((await request.post('/v1/admin/queues', { headers, data: { id, name: id, priority: -100 } })).status()).toBe(201);
  for (const origin of [`https://focus-${stamp}-a.example`, `https://focus-${stamp}-b.example`]) expect((await request.post('/v1/admin/origins', { headers, data: { origin } })).status()).toBe(201);
  expect((await request.post('/v1/admin/widget-keys', { headers, data: { label: `Focus ${stamp}` } })).status()).toBe(201);
  const email = `focus-${stamp}@demo.test`;
  expect((await request.post('/v1/admin/agents', { headers, data: { name: `Zz Focus ${stamp}`, email } })).status()).toBe(201);

  const admin = await signInAgent(demoAdmin);
  const page = admin.page;
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  // Focuses the button and presses Enter on it, as a keyboard user would, saying yes when asked.
  const press = async (button: Locator) => {
    await button.focus();
    page.once('dialog', (dialog) => void dialog.accept());
    await button.press('Enter');
  };

  const replies = page.getByRole('region', { name: 'Saved replies' });
  await press(replies.getByRole('button', { name: `Delete the reply Focus ${stamp} a` }));
  await expect(replies.getByRole('row', { name: new RegExp(`Focus ${stamp} a`) })).toHaveCount(0);
  await expect(replies.getByRole('button', { name: `Delete the reply Focus ${stamp} b` })).toBeFocused();

  const queues = page.getByRole('region', { name: 'Queues' });
  await press(queues.getByRole('button', { name: `Delete the queue focus-${stamp}-b` }));
  await expect(queues.getByRole('row', { name: new RegExp(`focus-${stamp}-b`) })).toHaveCount(0);
  await expect(queues.getByRole('button', { name: `Delete the queue focus-${stamp}-a` })).toBeFocused();

  const origins = page.getByRole('region', { name: 'Allowed websites' });
  const removeA = origins.getByRole('button', { name: `Remove https://focus-${stamp}-a.example` });
  await press(removeA);
  await expect(removeA).toHaveCount(0);
  await expect(origins.getByRole('button', { name: `Remove https://focus-${stamp}-b.example` })).toBeFocused();

  // Rotating takes Rotate away from the row, which stays: its Revoke takes the focus; revoking it hands the focus to the new key's row.
  const keys = page.getByRole('region', { name: 'Widget keys' });
  const rotate = keys.getByRole('button', { name: new RegExp(`^Rotate Focus ${stamp}`) });
  await rotate.focus();
  await rotate.press('Enter');
  const rotatedRow = keys.getByRole('row', { name: new RegExp(`Focus ${stamp}.*Rotated; works until`) });
  const newRow = keys.getByRole('row', { name: new RegExp(`Focus ${stamp}.*In use`) });
  await expect(newRow).toHaveCount(1);
  await expect(rotatedRow.getByRole('button', { name: /^Revoke/ })).toBeFocused();
  await press(rotatedRow.getByRole('button', { name: /^Revoke/ }));
  await expect(rotatedRow).toHaveCount(0);
  await expect(newRow.getByRole('button', { name: /^Revoke/ })).toBeFocused();
  await press(newRow.getByRole('button', { name: /^Revoke/ }));
  await expect(newRow).toHaveCount(0);
  await expect(keys.getByRole('table').locator('button:focus')).toHaveCount(1);

  const team = page.getByRole('region', { name: 'Team' });
  await press(team.getByRole('button', { name: `Remove Zz Focus ${stamp}` }));
  await expect(team.getByRole('row', { name: new RegExp(email) })).toHaveCount(0);
  await expect(team.getByRole('table').locator('button:focus')).toHaveCount(1);

  await request.delete(`/v1/admin/saved-replies/${replyIds[1]}`, { headers });
  await request.delete(`/v1/admin/queues/focus-${stamp}-a`, { headers });
  await request.delete(`/v1/admin/origins/${encodeURIComponent(`https://focus-${stamp}-b.example`)}`, { headers });
});

test('an admin deletes a visitor\'s contact from History, and it is gone for good', async ({ signInAgent, request, baseURL }) => {
  const session = await (await request.post('/v1/visitor/session', { data: { key: 'demo' }, headers: { Origin: baseURL! } })).json();
  const text = `Please delete my data, ref ${Date.now()}`;
  const message = await request.post('/v1/messages', {
    headers: { Origin: baseURL!, Authorization: `Bearer ${session.token}` },
    data: { name: 'Robin Private', email: 'robin@example.com', text, media: 'chat', page: `${baseURL}/demo/` },
  });
  expect(message.status()).toBe(200);

  // Agents see the contact and no way to delete it.
  const agent = await signInAgent('agent@demo.test');
  await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
  await expect(agent.page.getByRole('row', { name: new RegExp(text) })).toBeVisible();
  await expect(agent.page.getByRole('button', { name: /^Delete the contact/ })).toHaveCount(0);

  const admin = await signInAgent(demoAdmin);
  const page = admin.page;
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'History' });
  const row = history.getByRole('row', { name: new RegExp(text) });
  await expect(row).toContainText('Robin Private (robin@example.com)');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: /^Delete the contact with Visitor/ }).click();
  await expect(history.getByRole('status').filter({ hasText: /^Deleted/ })).toContainText(/^Deleted the contact with Visitor/);
  await expect(row).toHaveCount(0);
  await history.getByRole('button', { name: 'Refresh' }).click();
  await expect(history.getByText(text)).toHaveCount(0);
});

test('an admin chooses how long contacts are kept, and back to for good, from the keyboard, which stays where it was', async ({ signInAgent, request }) => {
  const { accessToken } = await apiSignIn(request, demoAdmin);
  const kept = async () => (await (await request.get('/v1/admin/settings', { headers: { Authorization: `Bearer ${accessToken}` } })).json()).settings.keepContactsDays;
  const admin = await signInAgent(demoAdmin);
  await admin.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const settings = admin.page.getByRole('region', { name: 'Settings' });
  const form = settings.getByRole('form', { name: 'Settings' });
  const days = form.getByLabel(/^Keep ended contacts and their transcripts for/);
  try {
    await expect(days).toHaveValue('');
    const refresh = settings.getByRole('button', { name: 'Refresh' });
    await refresh.focus();
    await refresh.press('Enter');
    await expect(refresh).toBeFocused();
    await days.fill('365');
    // The saved settings make the form anew: the focus stays on Save, or in the field Enter was pressed in.
    const save = form.getByRole('button', { name: 'Save settings' });
    await save.focus();
    await save.press('Enter');
    await expect(settings.getByRole('status')).toHaveText('Settings saved.');
    expect(await kept()).toBe(365);
    await expect(save).toBeFocused();
    await days.fill('');
    await days.press('Enter');
    await expect.poll(kept).toBeNull();
    await expect(days).toHaveValue('');
    await expect(days).toBeFocused();
  } finally {
    await request.patch('/v1/admin/settings', { headers: { Authorization: `Bearer ${accessToken}` }, data: { keepContactsDays: null } });
  }
});

test('an admin names wrap-up reasons; an agent chooses one as they wrap up, and History and Reports show it', async ({ signInAgent, openVisitor, request }) => {
  const { accessToken } = await apiSignIn(request, demoAdmin);
  const admin = await signInAgent(demoAdmin);
  const page = admin.page;
  try {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByLabel(/^Wrap-up reasons agents choose from/).fill('Billing\n  Delivery  \n\nbilling\nReturns');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings.getByRole('status')).toHaveText('Settings saved.');
    // As kept: trimmed, blank lines and a repeat dropped.
    await expect(settings.getByLabel(/^Wrap-up reasons agents choose from/)).toHaveValue('Billing\nDelivery\nReturns');

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Conversations' }).click();
    const visitor = await openVisitor();
    await visitor.open();
    await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('My parcel never came');
    await visitor.panel.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.getByRole('region', { name: 'Incoming chat' }).getByRole('button', { name: 'Accept' }).click();
    const conversation = page.getByRole('region', { name: /^Conversation with Visitor/ });
    await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText('My parcel never came');
    await visitor.panel.getByRole('button', { name: 'End chat' }).click();
    await expect(conversation.getByText('This conversation has ended.')).toBeVisible();
    const wrapUp = page.getByRole('form', { name: 'Wrap-up', exact: true });
    await expect(wrapUp.getByLabel('Reason').locator('option')).toHaveText(['None', 'Billing', 'Delivery', 'Returns']);
    await wrapUp.getByLabel('Outcome').selectOption('Resolved');
    await wrapUp.getByLabel('Reason').selectOption('Delivery');
    await wrapUp.getByRole('button', { name: 'Save' }).click();
    await expect(wrapUp).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Reason: Delivery');
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Reports' }).click();
    await expect(page.getByRole('table', { name: 'Wrap-up reasons' }).getByRole('row', { name: /Delivery/ })).toBeVisible();
  } finally {
    await request.patch('/v1/admin/settings', { headers: { Authorization: `Bearer ${accessToken}` }, data: { wrapUpReasons: [] } });
  }
});
