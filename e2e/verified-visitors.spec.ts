// Verified visitors: an admin makes the identity secret on the Admin page; the
// shop's server signs its signed-in customer with it into the script tag's
// data-identity, and the agent sees that customer's name and email as
// verified. A token the server refuses still lets the visitor chat, as an
// anonymous visitor, and the page hears why. A customer who signs out (the
// page says so, or a page no longer names them) leaves their conversation:
// whoever uses the computer next neither sees it nor carries it on.
import { SignJWT } from 'jose';
import type { Page } from '@playwright/test';
import { allowedSiteOrigin, demoAdmin } from './environment.ts';
import { expect, test, type Agent, type Visitor } from './fixtures.ts';
import { saveWrapUp, widgetEvents } from './helpers.ts';

// The shop's server: the customer signed in on its page, valid for ten minutes.
const signedCustomer = (secret: string, customer: { id: string; name: string; email: string }) =>
  new SignJWT({ name: customer.name, email: customer.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(customer.id)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));

async function makeIdentitySecret(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const section = page.getByRole('region', { name: 'Identity verification' });
  // Once the section has loaded: whether a secret is in use decides what the button does.
  await expect(section.getByText(/^(No identity secret|In use:)/)).toBeVisible();
  // What the shop's server does with the secret, said where it is made.
  await expect(section).toContainText('puts it in the support script tag as data-identity');
  const make = section.getByRole('button', { name: /^(Make|Replace) secret$/ });
  // A secret from an earlier run is replaced, after a confirmation.
  if ((await make.textContent()) === 'Replace secret') page.once('dialog', (dialog) => void dialog.accept());
  await make.click();
  const made = section.getByRole('group', { name: 'Identity secret' });
  // Shown once: the keyboard is on it, to copy it; Done hands the focus back to the section's buttons.
  await expect(made.getByRole('textbox', { name: 'Secret' })).toBeFocused();
  const secret = await made.getByLabel('Secret').inputValue();
  expect(secret).toMatch(/^ids_/);
  await made.getByRole('button', { name: 'Done' }).click();
  await expect(section.getByRole('button', { name: 'Replace secret' })).toBeFocused();
  await expect(section).toContainText(`In use: ${secret.slice(0, 7)}…`);
  await expect(section).not.toContainText(secret);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Conversations' }).click();
  return secret;
}

// The visitor writes; the agent takes the chat from the ringing card, which is returned before it is accepted.
async function chatOffered(agent: Agent, visitor: Visitor, first: string) {
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.fill(first);
  await message.press('Enter');
  const offer = agent.page.getByRole('region', { name: 'Incoming chat' });
  await expect(offer).toBeVisible();
  return offer;
}

test('the agent sees the verified name and email of a customer signed in on the shop; a bad token leaves the visitor anonymous', async ({ signInAgent, openVisitor }) => {
  const admin = await signInAgent(demoAdmin);
  const secret = await makeIdentitySecret(admin.page);
  const customer = { id: `cust-${Date.now()}`, name: 'Ada Lovelace', email: 'ada@shop.example' };
  const verifiedLine = `Verified customer Ada Lovelace · ada@shop.example · ID ${customer.id}`;

  const visitor = await openVisitor(`${allowedSiteOrigin}/?identity=${await signedCustomer(secret, customer)}`);
  const offer = await chatOffered(admin, visitor, 'Where is my order?');
  await expect(offer.getByRole('heading')).toContainText('Chat from Ada Lovelace');
  await expect(offer).toContainText(verifiedLine);
  await offer.getByRole('button', { name: 'Accept' }).click();
  const conversation = admin.page.getByRole('region', { name: 'Conversation with Ada Lovelace' });
  await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText('Where is my order?');
  await expect(conversation.locator('.conversation-head')).toContainText(verifiedLine);
  expect((await widgetEvents(visitor.page)).filter((event) => event.name === 'error')).toEqual([]);
  // Blocking a verified customer says it holds them wherever they sign in from (Cancel: no block is made).
  await conversation.getByRole('button', { name: 'Block visitor…' }).click();
  await expect(conversation.getByRole('form', { name: 'Block Ada Lovelace' })).toContainText(
    'From the network they came from, and signed in as this verified customer from any other, Ada Lovelace can start no chat or call',
  );
  await conversation.getByRole('button', { name: 'Cancel' }).click();
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(visitor.panel.getByText('Chat ended')).toBeVisible();

  // A token signed with another secret: the page hears why, and the visitor still reaches support.
  const forged = await signedCustomer(`${secret}-guessed`, { id: 'someone-else', name: 'Grace Hopper', email: 'grace@shop.example' });
  const stranger = await openVisitor(`${allowedSiteOrigin}/?identity=${forged}`);
  const strangerOffer = await chatOffered(admin, stranger, 'Hello?');
  await expect(strangerOffer.getByRole('heading')).toContainText(/Chat from Visitor [0-9A-F]{4}/);
  await expect(strangerOffer).not.toContainText('Verified customer');
  await expect(strangerOffer).not.toContainText('Grace Hopper');
  await expect.poll(async () => (await widgetEvents(stranger.page)).filter((event) => event.name === 'error')).toEqual([
    { name: 'error', detail: { code: 'invalid_identity', message: "The identity token's signature does not match this site's identity secret." } },
  ]);
  await strangerOffer.getByRole('button', { name: 'Accept' }).click();
  await expect(admin.page.getByRole('region', { name: /^Conversation with Visitor [0-9A-F]{4}$/ }).getByRole('log', { name: 'Messages' })).toContainText('Hello?');

  // Removing the secret takes Remove secret away: the keyboard goes on at Make secret, not at the top of the page.
  await admin.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const section = admin.page.getByRole('region', { name: 'Identity verification' });
  admin.page.once('dialog', (dialog) => void dialog.accept());
  await section.getByRole('button', { name: 'Remove secret' }).press('Enter');
  await expect(section.getByText('No identity secret: every visitor is anonymous.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Make secret' })).toBeFocused();
});

// Ada, signed in on the shop, writes; the admin answers with what only she should read.
// Resolves with her page, the agent's side of the chat, and a new token for her, as each page of the shop signs one.
async function customerChat(signInAgent: (email: string) => Promise<Agent>, openVisitor: (url: string) => Promise<Visitor>) {
  const agent = await signInAgent(demoAdmin);
  const secret = await makeIdentitySecret(agent.page);
  const customer = { id: `cust-${Date.now()}`, name: 'Ada Lovelace', email: 'ada@shop.example' };
  const newToken = () => signedCustomer(secret, customer);
  const visitor = await openVisitor(`${allowedSiteOrigin}/?identity=${await newToken()}`);
  const offer = await chatOffered(agent, visitor, 'Where is my order?');
  await offer.getByRole('button', { name: 'Accept' }).click();
  const conversation = agent.page.getByRole('region', { name: 'Conversation with Ada Lovelace' });
  const reply = conversation.getByRole('form', { name: 'Reply' }).getByRole('textbox', { name: 'Message' });
  await reply.fill('It goes to 1 Main Street tomorrow.');
  await reply.press('Enter');
  await expect(visitor.panel.getByRole('log', { name: 'Messages' })).toContainText('It goes to 1 Main Street tomorrow.');
  return { visitor, conversation, newToken };
}

// What the next person at the computer finds: the start of a new chat, nothing of the customer's.
async function expectFreshStart(visitor: Visitor) {
  await expect(visitor.panel.getByText(/^Write to our support team/)).toBeVisible();
  await expect(visitor.panel.getByRole('log', { name: 'Messages' })).toHaveCount(0);
  await expect(visitor.panel).not.toContainText('1 Main Street');
  await expect(visitor.panel).not.toContainText('Chat ended');
  // Nor what the customer was writing and had not sent.
  await expect(visitor.panel.getByRole('textbox', { name: 'Message' })).toHaveValue('');
}

const identify = (page: Page, token: string | null) =>
  page.evaluate((identity) => (window as unknown as { Beckon(command: string, token: string | null): void }).Beckon('identify', identity), token);

test('a customer who signs out of a single-page shop leaves their chat: the agent sees it end, the next person sees a fresh start', async ({ signInAgent, openVisitor }) => {
  const { visitor, conversation, newToken } = await customerChat(signInAgent, openVisitor);

  // The shop's next route gives a new token for the same customer: the chat goes on.
  await identify(visitor.page, await newToken());
  const ended = async () => (await widgetEvents(visitor.page)).filter((event) => event.name === 'call:ended');
  expect(await ended()).toEqual([]);
  await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('My card number is 4111 1111 1111 1111');
  await identify(visitor.page, null);
  await expectFreshStart(visitor);
  await expect(conversation.getByText('This conversation has ended.')).toBeVisible();
  expect(await ended()).toEqual([{ name: 'call:ended', detail: { reason: 'hangup' } }]);
  // Nor does it come back on the next page.
  await visitor.page.reload();
  await visitor.open();
  await expectFreshStart(visitor);
});

test("a page that no longer names the signed-in customer ends their chat rather than resume it; the same customer's next page resumes it", async ({ signInAgent, openVisitor }) => {
  const { visitor, conversation, newToken } = await customerChat(signInAgent, openVisitor);

  await visitor.page.goto(`${allowedSiteOrigin}/?identity=${await newToken()}`);
  // A page in a conversation opens the panel again by itself.
  await expect(visitor.panel.getByRole('log', { name: 'Messages' })).toContainText('1 Main Street');

  // Signed out: the shop's page carries no data-identity.
  await visitor.page.goto(`${allowedSiteOrigin}/`);
  await expect(conversation.getByText('This conversation has ended.')).toBeVisible();
  await expect(visitor.panel).toBeHidden();
  await visitor.open();
  await expectFreshStart(visitor);
});

test("the agent sees a returning customer's earlier contacts: how each ended, what was noted, and its transcript", async ({ signInAgent, openVisitor }) => {
  const { visitor, conversation, newToken } = await customerChat(signInAgent, openVisitor);
  const page = conversation.page();
  await expect(conversation.getByText('No earlier contacts with this customer.')).toBeVisible();
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(conversation.getByText('This conversation has ended.')).toBeVisible();
  const wrapUp = page.getByRole('form', { name: 'Wrap-up', exact: true });
  await wrapUp.getByLabel('Outcome').selectOption('Needs follow-up');
  await wrapUp.getByLabel('Notes').fill('Parcel held at the depot; <b>call the courier</b>');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await expect(wrapUp).toHaveCount(0);

  // She comes back, signed in on another page of the shop.
  const again = await openVisitor(`${allowedSiteOrigin}/?identity=${await newToken()}`);
  await again.open();
  const message = again.panel.getByRole('textbox', { name: 'Message' });
  await message.fill('The courier did not come');
  await message.press('Enter');
  // The ringing card says she has been in touch before.
  const offer = page.getByRole('region', { name: 'Incoming chat' });
  await expect(offer).toContainText(/Earlier contacts: 1, the last /);
  await offer.getByRole('button', { name: 'Accept' }).click();
  const second = page.getByRole('region', { name: 'Conversation with Ada Lovelace' });
  await expect(second.getByRole('log', { name: 'Messages' })).toContainText('The courier did not come');
  const earlier = second.locator('details.earlier-contacts');
  await earlier.getByText(/^Earlier contacts: 1, the last /).click();
  await expect(earlier).toContainText('Chat · Completed · Robin (Demo admin)');
  // The agent's notes, as typed: markup shows as text.
  await expect(earlier).toContainText('Needs follow-up: Parcel held at the depot; <b>call the courier</b>');
  await earlier.getByRole('button', { name: /^Transcript of / }).click();
  const transcript = page.getByRole('dialog', { name: 'Transcript: Ada Lovelace' });
  await expect(transcript).toContainText('Where is my order?');
  await expect(transcript).toContainText('It goes to 1 Main Street tomorrow.');
  await transcript.getByRole('button', { name: 'Close' }).click();
  await expect(transcript).toHaveCount(0);
  // Not the chat on screen, which is no earlier contact.
  await expect(earlier).not.toContainText('In progress');

  await again.panel.getByRole('button', { name: 'End chat' }).click();
  await saveWrapUp(page);
});
