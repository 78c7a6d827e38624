// The people in a journey: visitors on a host page with the widget, and agents
// in the console. Each gets a browser context of their own; at the end every
// agent is set Away and signed out and every context closed, so tests never
// share state. Signing in makes an agent Available at once (the server's
// greeting), as the console does for real agents.
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAgentName, demoAgents, demoPassword } from './environment.ts';
import { apiSignIn, contactsSince, expectMediaFlowing, recordAnnouncements, recordWidgetEvents, trackPeerConnections } from './helpers.ts';
import { startNodeHostProcess, type NodeHostProcess } from './node-host.ts';

export { expect };

/** An agent signed in to the console. */
export interface Agent {
  email: string;
  page: Page;
  /** The ringing offer with Accept and Decline. */
  incomingCall: Locator;
  setStatus(status: 'Available' | 'Away'): Promise<void>;
}

/** A visitor on a page that carries the widget. */
export interface Visitor {
  page: Page;
  /** The launcher the widget draws on the host page. */
  launcher: Locator;
  /** The widget's panel. */
  panel: Locator;
  /** Opens the panel from the launcher. */
  open(): Promise<void>;
  /** Opens the panel, starts an audio or video call and joins it from the device check. */
  startCall(media: 'audio' | 'video'): Promise<void>;
}

interface Journey {
  /** Epoch ms when the test began: contacts created since belong to it. */
  startedAt: number;
  signInAgent(email: string): Promise<Agent>;
  openVisitor(url?: string): Promise<Visitor>;
  /** The first demo agent answers a visitor's call; resolves once media flows both ways. */
  connectedCall(media: 'audio' | 'video'): Promise<{ agent: Agent; visitor: Visitor }>;
}

/**
 * A visitor writes `first` and the agent accepts the chat from the console;
 * resolves once both sides see they are talking.
 * @example const { conversation, agentSays } = await chatAnswered(agent, visitor, 'Hello');
 */
export async function chatAnswered(agent: Agent, visitor: Visitor, first: string) {
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.fill(first);
  await message.press('Enter');
  const offer = agent.page.getByRole('region', { name: 'Incoming chat' });
  await offer.getByRole('button', { name: 'Accept' }).click();
  const conversation = agent.page.getByRole('region', { name: /^Conversation with Visitor/ });
  await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText(first);
  await expect(visitor.panel.getByRole('status').first()).toContainText(`You are talking with ${demoAgentName}`);
  const visitorLog = visitor.panel.getByRole('log', { name: 'Messages' });
  const reply = conversation.getByRole('form', { name: 'Reply' });
  return {
    conversation,
    visitorLog,
    reply,
    /** The agent sends a line; resolves once the visitor has it. */
    async agentSays(text: string) {
      await reply.getByRole('textbox', { name: 'Message' }).fill(text);
      await reply.getByRole('textbox', { name: 'Message' }).press('Enter');
      await expect(visitorLog).toContainText(text);
    },
  };
}

async function newPersonContext(browser: Browser, who: string, testInfo: TestInfo, baseURL: string | undefined): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, permissions: ['camera', 'microphone'] });
  await trackPeerConnections(context);
  await recordWidgetEvents(context);
  await recordAnnouncements(context);
  const log: string[] = [];
  const refusals: string[] = [];
  context.on('console', (message) => {
    log.push(`[${message.type()}] ${message.text()}`);
    if (message.text().includes('Content Security Policy')) refusals.push(message.text());
  });
  context.on('weberror', (error) => log.push(`[pageerror] ${error.error().message}`));
  context.on('requestfailed', (request) => log.push(`[requestfailed] ${request.url()} ${request.failure()?.errorText}`));
  context.on('response', (response) => {
    if (response.status() >= 400) log.push(`[http ${response.status()}] ${response.request().method()} ${response.url()}`);
  });
  context.on('page', (page) =>
    page.on('websocket', (socket) => {
      const path = new URL(socket.url()).pathname;
      // Frames are cut short, but an SDP's ICE credentials are kept: glare bugs hide there.
      const frame = (direction: string) => ({ payload }: { payload: string | Buffer }) => {
        const text = String(payload);
        const ufrags = [...new Set(text.match(/a=ice-ufrag:[^\\\s]+/g) ?? [])].join(' ');
        log.push(`[ws ${direction} ${path}] ${text.slice(0, 200)}${ufrags ? ` … ${ufrags}` : ''}`);
      };
      log.push(`[ws open ${path}]`);
      socket.on('framesent', frame('>'));
      socket.on('framereceived', frame('<'));
      socket.on('close', () => log.push(`[ws closed ${path}]`));
    }),
  );
  // On failure, what each person's browser said and showed is attached to the report.
  closingNotes.set(context, async () => {
    // A page that trips its own policy has lost something (a style, a request): a journey that passed despite it has not shown it works.
    const refusalsExpected = testInfo.annotations.some((annotation) => annotation.type === cspRefusalsExpected);
    if (testInfo.status === testInfo.expectedStatus && !refusalsExpected && refusals.length > 0) {
      throw new Error(`${who}'s page was refused by its Content-Security-Policy:\n${refusals.join('\n')}`);
    }
    if (testInfo.status === testInfo.expectedStatus) return;
    const snapshots = await Promise.all(
      context.pages().map(async (page) => `${page.url()}\n${await page.locator('html').ariaSnapshot().catch((error: unknown) => String(error))}`),
    );
    const path = testInfo.outputPath(`${who.replace(/\W+/g, '-')}.txt`);
    await writeFile(path, `console:\n${log.join('\n')}\n\npages:\n${snapshots.join('\n\n')}\n`);
    await testInfo.attach(`${who} browser`, { contentType: 'text/plain', path });
  });
  return context;
}

/** The annotation of a test that trips a page's Content-Security-Policy on purpose. */
export const cspRefusalsExpected = 'csp-refusals-expected';

const closingNotes = new WeakMap<BrowserContext, () => Promise<void>>();

/** Attaches a failed test's notes about the context, lets its person leave, then closes it. */
async function closeContext(context: BrowserContext, leave?: () => Promise<void>): Promise<void> {
  await closingNotes.get(context)?.();
  await leave?.().catch(() => {});
  await context.close();
}

export const test = base.extend<Journey & { contactsOnFailure: void }>({
  startedAt: async ({}, use) => {
    await use(Date.now());
  },

  // On failure, the contacts the test created, as the API records them.
  contactsOnFailure: [
    async ({ request, startedAt }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const contacts = await apiSignIn(request, demoAgents.first)
        .then(({ accessToken }) => contactsSince(request, accessToken, startedAt))
        .catch((error: unknown) => String(error));
      await testInfo.attach('contacts', { contentType: 'application/json', body: JSON.stringify(contacts, null, 2) });
    },
    { auto: true },
  ],

  signInAgent: async ({ browser, baseURL }, use, testInfo) => {
    const agents: { agent: Agent; context: BrowserContext }[] = [];
    await use(async (email) => {
      const context = await newPersonContext(browser, `agent ${email}`, testInfo, baseURL);
      const page = await context.newPage();
      await page.goto('/console/');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const status = page.getByLabel('Status');
      // Status is enabled once the presence socket is open; the server then greets it as Available.
      await expect(status).toBeEnabled();
      await expect(status.locator('option:checked')).toHaveText('Available');
      const agent: Agent = {
        email,
        page,
        incomingCall: page.getByRole('region', { name: 'Incoming call' }),
        async setStatus(wanted) {
          await status.selectOption(wanted);
          await expect(status.locator('option:checked')).toHaveText(wanted);
        },
      };
      agents.push({ agent, context });
      return agent;
    });
    for (const { agent, context } of agents) {
      await closeContext(context, async () => {
        if (await agent.page.getByRole('button', { name: 'Sign in' }).isVisible()) return;
        await agent.setStatus('Away');
        // A test may end with a conversation open: signing out asks before it ends it.
        agent.page.once('dialog', (dialog) => void dialog.accept());
        await agent.page.getByRole('button', { name: 'Sign out' }).click();
        await expect(agent.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      });
    }
  },

  openVisitor: async ({ browser, baseURL }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    await use(async (url = '/demo/') => {
      const context = await newPersonContext(browser, `visitor ${contexts.length + 1}`, testInfo, baseURL);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      const launcher = page.getByRole('button', { name: 'Contact support' });
      const panel = page.getByRole('dialog', { name: 'Support' });
      const open = async () => {
        await launcher.click();
        await expect(panel).toBeVisible();
      };
      return {
        page,
        launcher,
        panel,
        open,
        async startCall(media) {
          await open();
          await panel.getByRole('button', { name: `Start ${media} call` }).click();
          await panel.getByRole('button', { name: 'Join call' }).click();
        },
      };
    });
    for (const context of contexts) await closeContext(context);
  },

  connectedCall: async ({ signInAgent, openVisitor }, use) => {
    await use(async (media) => {
      const agent = await signInAgent(demoAgents.first);
      const visitor = await openVisitor();
      await visitor.startCall(media);
      await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
      await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
      await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
      const video = media === 'video';
      await Promise.all([expectMediaFlowing(visitor.page, { video }), expectMediaFlowing(agent.page, { video })]);
      return { agent, visitor };
    });
  },
});

/**
 * Gives the journeys of a describe block a Beckon of their own on `port`, with
 * a fresh data directory: started before the first, killed after the last.
 * @example test.describe('on a Beckon that allows one visitor session a minute', () => { withOwnNodeHost(limitedPort, { BECKON_VISITOR_SESSIONS_PER_MINUTE: '1' }); });
 */
export function withOwnNodeHost(port: number, env: Record<string, string> = {}): void {
  let dataDir: string;
  let host: NodeHostProcess | null = null;
  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `beckon-${port}-`));
    host = await startNodeHostProcess(port, dataDir, env);
  });
  test.afterAll(async () => {
    await host?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });
}
