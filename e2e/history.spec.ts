// History for a support team with more than a page of contacts: an agent
// looks a contact up by what the visitor wrote, narrows it by outcome and
// day, and downloads what they found as CSV, safe to open in a spreadsheet;
// from the keyboard, Refresh and the older pages keep the focus as they load,
// and so does an admin's Delete, which then hands it to the next contact.
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { limits } from '@beckon/protocol';
import { demoAdmin, demoAgents, olderPagesOrigin, olderPagesPort } from './environment.ts';
import { expect, test, withOwnNodeHost } from './fixtures.ts';
import { pageDay } from './helpers.ts';

test('an agent finds contacts in History by what the visitor wrote, narrows them by outcome and day, and downloads them as CSV', async ({ signInAgent, request, baseURL }) => {
  const marker = `parcel-${Date.now()}`;
  for (const text of [`Where is my ${marker}?`, `=HYPERLINK("https://evil.example") Refund the ${marker}, please`]) {
    const session = await (await request.post('/v1/visitor/session', { data: { key: 'demo' }, headers: { Origin: baseURL! } })).json();
    const left = await request.post('/v1/messages', {
      headers: { Origin: baseURL!, Authorization: `Bearer ${session.token}` },
      data: { name: 'Robin', email: 'robin@example.com', text, media: 'chat', page: `${baseURL}/demo/` },
    });
    expect(left.status()).toBe(200);
  }
  const agent = await signInAgent(demoAgents.first);
  await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
  const history = agent.page.getByRole('region', { name: 'History' });
  const find = history.getByRole('search', { name: 'Find contacts' });
  const rows = history.getByRole('table').getByRole('row');

  await find.getByRole('searchbox', { name: 'Visitor, page, agent, notes or message' }).fill(marker);
  await find.getByRole('button', { name: 'Find' }).click();
  await expect(rows).toHaveCount(3);
  // What was found is said, to screen readers too.
  const found = history.getByRole('status').filter({ hasText: /found|match/ });
  await expect(found).toHaveText('2 contacts found.');
  await expect(rows.nth(1)).toContainText(`Refund the ${marker}, please`);
  await expect(rows.nth(2)).toContainText(`Where is my ${marker}?`);
  // Outcomes in words, not the API's.
  await expect(rows.nth(1).getByRole('cell').nth(5)).toContainText(/^Message left/);

  await find.getByRole('searchbox').fill(`refund the ${marker.toUpperCase()}`);
  await find.getByRole('button', { name: 'Find' }).click();
  await expect(rows).toHaveCount(2);
  await expect(found).toHaveText('1 contact found.');

  await find.getByRole('searchbox').fill(marker);
  await find.getByRole('combobox', { name: 'Outcome' }).selectOption('Cancelled');
  await find.getByRole('button', { name: 'Find' }).click();
  await expect(found).toHaveText('No contacts match.');
  await find.getByRole('combobox', { name: 'Outcome' }).selectOption('Message left');
  await find.getByRole('button', { name: 'Find' }).click();
  await expect(rows).toHaveCount(3);
  // A page of them: nothing older to show.
  await expect(history.getByRole('button', { name: 'Show older contacts' })).toHaveCount(0);

  // Today's, not tomorrow's (days in the agent's time zone).
  const day = (offset: number) => pageDay(agent.page, offset);
  await find.getByLabel('From', { exact: true }).fill(await day(0));
  await find.getByLabel('To', { exact: true }).fill(await day(0));
  await find.getByRole('button', { name: 'Find' }).click();
  await expect(rows).toHaveCount(3);
  await find.getByLabel('From', { exact: true }).fill(await day(1));
  await find.getByLabel('To', { exact: true }).fill('');
  await find.getByRole('button', { name: 'Find' }).click();
  await expect(history.getByText('No contacts match.')).toBeVisible();
  // To before From: the browser says so at To, for Find and for the CSV alike.
  const to = find.getByLabel('To', { exact: true });
  await to.fill(await day(0));
  for (const button of ['Find', 'Download CSV']) {
    await find.getByRole('button', { name: button }).click();
    await expect(to).toBeFocused();
    expect(await to.evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).toBe(true);
    await expect(find.getByRole('status')).toHaveText('');
  }
  await to.fill('');

  await find.getByLabel('From', { exact: true }).fill('');
  // On a phone the page does not scroll sideways: Find and Download CSV stay in view, the table scrolls by itself.
  await agent.page.setViewportSize({ width: 390, height: 844 });
  await expect(find.getByRole('button', { name: 'Find' })).toBeInViewport({ ratio: 1 });
  await expect(find.getByRole('button', { name: 'Download CSV' })).toBeInViewport({ ratio: 1 });
  expect(await agent.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // From the keyboard: the focus stays on Download CSV while the CSV is made.
  const downloadCsv = find.getByRole('button', { name: 'Download CSV' });
  const [download] = await Promise.all([agent.page.waitForEvent('download'), downloadCsv.press('Enter')]);
  expect(download.suggestedFilename()).toBe('beckon-contacts.csv');
  await expect(find.getByRole('status')).toHaveText('The CSV is downloaded.');
  await expect(downloadCsv).toBeFocused();
  const [header, ...lines] = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  expect(header).toMatch(/^Contact,Visitor,Verified customer id,Verified email,Page,Media,Agent,Started,/);
  expect(lines).toHaveLength(2);
  // A spreadsheet shows the visitor's formula as text; it never runs it.
  expect(lines[0]).toContain(`"'=HYPERLINK(""https://evil.example"") Refund the ${marker}, please"`);
  expect(lines[1]).toContain(`Where is my ${marker}?`);
});

test('from the keyboard, an admin deletes the contacts found one after another: Delete keeps the focus while it runs, then hands it to the next contact, and the last to the heading', async ({ signInAgent, request, baseURL }) => {
  const marker = `forget-me-${Date.now()}`;
  const session = await (await request.post('/v1/visitor/session', { data: { key: 'demo' }, headers: { Origin: baseURL! } })).json();
  // One after the other, so the second is the newer.
  for (const which of ['first', 'second']) {
    const left = await request.post('/v1/messages', {
      headers: { Origin: baseURL!, Authorization: `Bearer ${session.token}` },
      data: { name: 'Robin', email: 'robin@example.com', text: `${marker} ${which}`, media: 'chat', page: `${baseURL}/demo/` },
    });
    expect(left.status()).toBe(200);
  }
  const admin = await signInAgent(demoAdmin);
  const page = admin.page;
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'History' });
  await history.getByLabel('Visitor, page, agent, notes or message').fill(marker);
  await history.getByRole('button', { name: 'Find' }).click();
  // A header row, then the two, newest first.
  await expect(history.getByRole('table').getByRole('row')).toHaveCount(3);
  const first = history.getByRole('row', { name: new RegExp(`${marker} first`) });
  const second = history.getByRole('row', { name: new RegExp(`${marker} second`) });
  const deleteOf = (row: Locator) => row.getByRole('button', { name: /^Delete the contact/ });

  // The deletion is held on its way, to see the button while it runs.
  let letThrough!: () => void;
  const held = new Promise<void>((resolve) => (letThrough = resolve));
  await page.route('**/v1/admin/contacts/*', async (route) => {
    await held;
    await route.continue();
  }, { times: 1 });
  await deleteOf(second).focus();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.keyboard.press('Enter');
  await expect(deleteOf(second)).toHaveAttribute('aria-disabled', 'true');
  await expect(deleteOf(second)).toBeFocused();
  letThrough();
  await expect(second).toHaveCount(0);
  await expect(deleteOf(first)).toBeFocused();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.keyboard.press('Enter');
  await expect(first).toHaveCount(0);
  await expect(history.getByRole('heading', { name: 'History' })).toBeFocused();
});

test.describe('on a Beckon with two pages of contacts and one more', () => {
  test.use({ baseURL: olderPagesOrigin });
  // The contacts come from more visitor sessions in a minute than one address may open by default.
  withOwnNodeHost(olderPagesPort, { BECKON_VISITOR_SESSIONS_PER_MINUTE: '100' });

  test('from the keyboard, Refresh and Show older contacts keep the focus while History loads, and the last page hands it to the first contact it added', async ({ signInAgent, request, baseURL }) => {
    const page = 100;
    const total = 2 * page + 1;
    // Left messages, as many as a visitor session may leave at a time.
    const { max } = limits.contactsPerVisitorSession;
    for (let left = 0; left < total; left += max) {
      const session = await (await request.post('/v1/visitor/session', { data: { key: 'demo' }, headers: { Origin: baseURL! } })).json();
      const messages = Array.from({ length: Math.min(max, total - left) }, (_, n) =>
        request.post('/v1/messages', {
          headers: { Origin: baseURL!, Authorization: `Bearer ${session.token}` },
          data: { name: 'Robin', email: 'robin@example.com', text: `Order ${left + n}`, media: 'chat', page: `${baseURL}/demo/` },
        }),
      );
      for (const answer of await Promise.all(messages)) expect(answer.status()).toBe(200);
    }
    const agent = await signInAgent(demoAgents.first);
    await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
    const history = agent.page.getByRole('region', { name: 'History' });
    const table = history.getByRole('table');
    // A header row, then the contacts.
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(1 + page);

    const refresh = history.getByRole('button', { name: 'Refresh' });
    await refresh.focus();
    const reloaded = agent.page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/contacts');
    await refresh.press('Enter');
    await reloaded;
    await expect(table).not.toHaveAttribute('aria-busy');
    await expect(refresh).toBeFocused();

    const showOlder = history.getByRole('button', { name: 'Show older contacts' });
    await showOlder.focus();
    await showOlder.press('Enter');
    await expect(rows).toHaveCount(1 + 2 * page);
    await expect(showOlder).toBeFocused();
    // The last one: the button goes, and the keyboard goes on at the contact it added.
    await showOlder.press('Enter');
    await expect(rows).toHaveCount(1 + total);
    await expect(showOlder).toHaveCount(0);
    await expect(rows.last().getByRole('button', { name: /^Transcript/ })).toBeFocused();
  });
});
