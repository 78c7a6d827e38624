// What the journeys need to look inside real pages without any hook in product
// code: the page's RTCPeerConnections (for getStats), the widget's public
// events and what live regions say to a screen reader, all caught by scripts
// that run before the page's own.
import { expect, type APIRequestContext, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { BusinessHours, Contact, ContactsResponse, SignInResponse } from '@beckon/protocol';
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { openSocket } from '../api/src/testing/clients.ts';
import { demoAdmin, demoAgents, demoPassword } from './environment.ts';

declare global {
  interface Window {
    __peerConnections?: RTCPeerConnection[];
    /** How often the page asked for the camera or microphone. */
    __captures?: number;
    /** Every ICE candidate line the page's peer connections were given: trickled, or inside a remote description. */
    __remoteCandidates?: string[];
    __beckonEvents?: WidgetEvent[];
    /** What live regions said, for a screen reader. */
    __announcements?: string[];
  }
}

/** One event the widget emitted through `Beckon('on', name, fn)`. */
export interface WidgetEvent {
  name: string;
  detail: unknown;
}

/** Media received on a page's newest peer connection, summed over its streams. */
export interface InboundMedia {
  audioBytes: number;
  /** How loud what was heard has been (silence adds nothing). */
  audioEnergy: number;
  videoBytes: number;
  framesDecoded: number;
}

/** The candidate types of the pair a connection sends media over. */
export interface SelectedPair {
  local: string | undefined;
  remote: string | undefined;
}

/**
 * Makes every page of the context keep its RTCPeerConnections on
 * `window.__peerConnections`, so a test can read their stats, and the ICE
 * candidates they are given on `window.__remoteCandidates`, so a test can see
 * what the other side revealed.
 * @example await trackPeerConnections(context);
 */
export async function trackPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    if (!Native) return;
    const tracked: RTCPeerConnection[] = (window.__peerConnections = []);
    const candidates: string[] = (window.__remoteCandidates = []);
    // A subclass keeps instanceof, the prototype and static members intact.
    class TrackedPeerConnection extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        tracked.push(this);
      }

      override addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
        if (candidate?.candidate) candidates.push(candidate.candidate);
        return super.addIceCandidate(candidate);
      }

      override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
        candidates.push(...(description.sdp?.match(/^a=candidate:.*$/gm) ?? []).map((line) => line.slice(2).trim()));
        return super.setRemoteDescription(description);
      }
    }
    window.RTCPeerConnection = TrackedPeerConnection;
  });
}

/**
 * The ICE candidates the page's peer connections were given by the other side.
 * @example expect(await remoteCandidates(page)).toEqual([expect.stringMatching(/ typ relay /)]);
 */
export async function remoteCandidates(page: Page): Promise<string[]> {
  const perFrame = await Promise.all(page.frames().map((frame) => frame.evaluate(() => window.__remoteCandidates ?? [])));
  return perFrame.flat();
}

/**
 * The local and remote candidate types of the pair the newest peer connection
 * in any frame of the page has selected, and the types of every remote
 * candidate its stats know.
 * @example const { selected } = await iceStats(page); expect(selected).toEqual({ local: 'relay', remote: 'relay' });
 */
export async function iceStats(page: Page): Promise<{ selected: SelectedPair; remoteTypes: string[] }> {
  for (const frame of [...page.frames()].reverse()) {
    const stats = await frame.evaluate(async () => {
      const connection = window.__peerConnections?.at(-1);
      if (!connection) return null;
      type Report = { id: string; type: string; candidateType?: string; selectedCandidatePairId?: string; localCandidateId?: string; remoteCandidateId?: string };
      const reports = new Map<string, Report>();
      (await connection.getStats()).forEach((report: Report) => reports.set(report.id, report));
      const all = [...reports.values()];
      const transport = all.find((report) => report.type === 'transport' && report.selectedCandidatePairId);
      const pair = transport ? reports.get(transport.selectedCandidatePairId!) : undefined;
      return {
        selected: {
          local: pair?.localCandidateId ? reports.get(pair.localCandidateId)?.candidateType : undefined,
          remote: pair?.remoteCandidateId ? reports.get(pair.remoteCandidateId)?.candidateType : undefined,
        },
        remoteTypes: all.filter((report) => report.type === 'remote-candidate').map((report) => report.candidateType ?? 'unknown'),
      };
    });
    if (stats) return stats;
  }
  throw new Error('The page has no RTCPeerConnection');
}

/**
 * Makes every page of the context keep what a screen reader would be given to
 * say on `window.__announcements`: the text of a live region (`aria-live`
 * other than `off`, or the roles `status`, `alert` and `log`) each time what
 * is inside it changes, or as it is added with text in it. A region that is
 * drawn again with the same text counts again, as it may for a screen reader.
 * @example await recordAnnouncements(context); … expect(await announcements(page)).toContain('Incoming chat from Visitor 4F2A');
 */
export async function recordAnnouncements(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const said: string[] = (window.__announcements = []);
    const implicitlyLive = new Set(['status', 'alert', 'log']);
    // The nearest aria-live decides, so a ticking part marked off inside a live region stays quiet.
    const liveRegion = (node: Node | null): Element | null => {
      for (let element = node instanceof Element ? node : (node?.parentElement ?? null); element; element = element.parentElement) {
        const live = element.getAttribute('aria-live');
        if (live) return live === 'off' ? null : element;
        if (implicitlyLive.has(element.getAttribute('role') ?? '')) return element;
      }
      return null;
    };
    new MutationObserver((mutations) => {
      const changed = new Set<Element>();
      for (const mutation of mutations) {
        const region = liveRegion(mutation.target) ?? [...mutation.addedNodes].map(liveRegion).find((added) => added !== null);
        if (region) changed.add(region);
      }
      for (const region of changed) {
        const text = region.textContent?.replace(/\s+/g, ' ').trim();
        if (text) said.push(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * What the page's live regions have said so far (see `recordAnnouncements`), oldest first.
 * @example expect((await announcements(page)).filter((text) => text.startsWith('Incoming'))).toHaveLength(1);
 */
export async function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__announcements ?? [])]);
}

/** How a focused element's outline stands out (WCAG contrast ratios, 1 to 21). */
export interface FocusRing {
  /** The computed outline, e.g. `rgb(0, 0, 0) solid 3px`. */
  outline: string;
  /** Against what is around the element: the nearest opaque background of its ancestors (through shadow roots), else the page's (the body's, or white). */
  surroundings: number;
  /** Against the element's own fill; null when it has none (transparent). */
  fill: number | null;
}

/**
 * Focuses `locator` without a pointer (so `:focus-visible` applies) and measures
 * the contrast of its computed outline colour with the colours it is drawn beside.
 * @example expect((await focusRing(launcher)).surroundings).toBeGreaterThanOrEqual(3);
 */
export async function focusRing(locator: Locator): Promise<FocusRing> {
  await locator.focus();
  return locator.evaluate((element) => {
    const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const opaque = (colour: string) => (channels(colour)[3] ?? 1) === 1;
    const linear = (channel: number) => (channel / 255 <= 0.04045 ? channel / 255 / 12.92 : ((channel / 255 + 0.055) / 1.055) ** 2.4);
    const luminance = (colour: string) => {
      const [r = 0, g = 0, b = 0] = channels(colour);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const contrast = (one: string, other: string) => {
      const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
      return (light! + 0.05) / (dark! + 0.05);
    };
    const style = getComputedStyle(element);
    // The body's background is the whole page's when <html> has none of its own.
    const page = getComputedStyle(document.body).backgroundColor;
    let around = opaque(page) ? page : 'rgb(255, 255, 255)';
    for (let node: Node | null = element.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
      if (!(node instanceof Element)) continue;
      const background = getComputedStyle(node).backgroundColor;
      if (opaque(background)) {
        around = background;
        break;
      }
    }
    return {
      outline: `${style.outlineColor} ${style.outlineStyle} ${style.outlineWidth}`,
      surroundings: contrast(style.outlineColor, around),
      fill: opaque(style.backgroundColor) ? contrast(style.outlineColor, style.backgroundColor) : null,
    };
  });
}

/**
 * Subscribes to the widget's public events the moment its loader defines
 * `window.Beckon`, and keeps them on `window.__beckonEvents`.
 * @example await recordWidgetEvents(context); … expect(await widgetEvents(page)).toContainEqual(…);
 */
export async function recordWidgetEvents(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const events: WidgetEvent[] = (window.__beckonEvents = []);
    const names = ['call:queued', 'call:connected', 'call:escalated', 'call:ended', 'chat:message', 'survey:submitted', 'queue:closed', 'call:long-wait', 'message:sent', 'callback:requested', 'callback:ringing', 'error'];
    type Api = ((command: string, ...args: unknown[]) => unknown) & { loaded?: true; q?: unknown[] };
    let current: Api | undefined;
    Object.defineProperty(window, 'Beckon', {
      configurable: true,
      get: () => current,
      set: (api: Api) => {
        current = api;
        // Only the loader's own Beckon: what a queue stub holds (the page's, or the one the loader claims
        // the page with before the body exists), the loader replays, so subscribing there too would hear everything twice.
        if (typeof api !== 'function' || !api.loaded || api.q) return;
        // After the loader's own synchronous set-up; only the newest Beckon subscribes.
        queueMicrotask(() => {
          if (current !== api) return;
          for (const name of names) api('on', name, (detail: unknown) => events.push({ name, detail }));
        });
      },
    });
  });
}

/**
 * The widget events a page has seen so far.
 * @example const events = await widgetEvents(page);
 */
export async function widgetEvents(page: Page): Promise<WidgetEvent[]> {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__beckonEvents ?? [])) as WidgetEvent[]);
}

/**
 * Inbound audio bytes and energy, video bytes and decoded frames of the newest peer
 * connection in any frame of the page.
 * @example const { framesDecoded } = await inboundMedia(page);
 */
export async function inboundMedia(page: Page): Promise<InboundMedia> {
  for (const frame of [...page.frames()].reverse()) {
    const media = await frame.evaluate(async () => {
      const connection = window.__peerConnections?.at(-1);
      if (!connection) return null;
      const totals = { audioBytes: 0, audioEnergy: 0, videoBytes: 0, framesDecoded: 0 };
      (await connection.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number; totalAudioEnergy?: number; framesDecoded?: number }) => {
        if (report.type !== 'inbound-rtp') return;
        if (report.kind === 'audio') {
          totals.audioBytes += report.bytesReceived ?? 0;
          totals.audioEnergy += report.totalAudioEnergy ?? 0;
        }
        if (report.kind === 'video') {
          totals.videoBytes += report.bytesReceived ?? 0;
          totals.framesDecoded += report.framesDecoded ?? 0;
        }
      });
      return totals;
    });
    if (media) return media;
  }
  throw new Error('The page has no RTCPeerConnection');
}

/**
 * The agent records how the conversation that ended went, so that no wrap-up
 * of theirs is left waiting for the next test's sign-in.
 * @example await saveWrapUp(agent.page);
 */
export async function saveWrapUp(page: Page): Promise<void> {
  const wrapUp = page.getByRole('form', { name: 'Wrap-up', exact: true });
  await wrapUp.getByLabel('Outcome').selectOption('Resolved');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await expect(wrapUp).toHaveCount(0);
}

/**
 * Makes the page's tab seem to come into sight or go out of it, as switching
 * tabs does (a headless browser never hides its one tab by itself).
 * @example await setPageVisible(agent.page, false);
 */
export function setPageVisible(page: Page, visible: boolean): Promise<void> {
  return page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible ? 'visible' : 'hidden');
}

/**
 * The page's local day `offset` days from today, as its date fields write it (YYYY-MM-DD).
 * @example await days.getByLabel('From').fill(await pageDay(page, 1));
 */
export function pageDay(page: Page, offset: number): Promise<string> {
  return page.evaluate((days) => {
    const date = new Date();
    date.setDate(date.getDate() + days);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  }, offset);
}

/** Below this, what a page receives over two seconds is silence (a muted track sends only digital silence, ~1e-9). */
export const silence = 1e-6;

/**
 * How loud what the page received over two seconds was; it grows only
 * while the page plays the sound (an audio element that is not muted).
 * @example expect(await energyHeard(agent.page)).toBeLessThan(silence);
 */
export async function energyHeard(page: Page): Promise<number> {
  await expect.poll(async () => (await inboundMedia(page)).audioBytes, { message: 'inbound audio' }).toBeGreaterThan(0);
  const before = (await inboundMedia(page)).audioEnergy;
  await page.waitForTimeout(2_000);
  return (await inboundMedia(page)).audioEnergy - before;
}

/**
 * Asserts media arrives and keeps arriving: over two seconds the inbound
 * audio bytes grow and, for video calls, video bytes and decoded frames too.
 * @example await expectMediaFlowing(visitor, { video: true });
 */
export async function expectMediaFlowing(page: Page, { video }: { video: boolean }): Promise<void> {
  await expect
    .poll(async () => (await inboundMedia(page)).audioBytes, { message: 'first inbound audio', timeout: 15_000 })
    .toBeGreaterThan(0);
  const before = await inboundMedia(page);
  await page.waitForTimeout(2_000);
  const after = await inboundMedia(page);
  const grown = {
    audioBytes: after.audioBytes - before.audioBytes,
    videoBytes: after.videoBytes - before.videoBytes,
    framesDecoded: after.framesDecoded - before.framesDecoded,
  };
  // Opus sends ~50 packets a second and the fake camera 30 frames a second.
  expect(grown.audioBytes, `inbound audio bytes grew (${JSON.stringify({ before, after })})`).toBeGreaterThan(1_000);
  if (video) {
    expect(grown.videoBytes, `inbound video bytes grew (${JSON.stringify({ before, after })})`).toBeGreaterThan(10_000);
    expect(grown.framesDecoded, `decoded frames grew (${JSON.stringify({ before, after })})`).toBeGreaterThan(10);
  }
}

/**
 * Whether the newest peer connection of the page sends a live, enabled
 * microphone track (false once the user mutes, however the engine mutes).
 * @example expect(await sendsMicrophone(page)).toBe(false);
 */
export async function sendsMicrophone(page: Page): Promise<boolean> {
  for (const frame of [...page.frames()].reverse()) {
    const sending = await frame.evaluate(() => {
      const connection = window.__peerConnections?.at(-1);
      if (!connection) return null;
      return connection
        .getTransceivers()
        .filter((transceiver) => transceiver.receiver.track.kind === 'audio')
        .some(({ sender }) => sender.track?.readyState === 'live' && sender.track.enabled && !sender.track.muted);
    });
    if (sending !== null) return sending;
  }
  throw new Error('The page has no RTCPeerConnection');
}

/**
 * Waits until a <video> plays a picture (its decoded size is known and it runs).
 * @example await expectVideoPlaying(page.getByLabel('Visitor video'));
 */
export async function expectVideoPlaying(video: ReturnType<Page['getByLabel']>): Promise<void> {
  await expect(video).toBeVisible();
  await expect
    .poll(() => video.evaluate((element) => {
      const player = element as HTMLVideoElement;
      return player.videoWidth > 0 && !player.paused;
    }), { message: 'video shows a picture' })
    .toBe(true);
}

/**
 * Signs an agent in over the API, as a tenant's own systems would.
 * @example const { accessToken, agent } = await apiSignIn(request, 'agent@demo.test');
 */
export async function apiSignIn(request: APIRequestContext, email: string): Promise<SignInResponse> {
  // Relative to the journey's Beckon (the request context's baseURL).
  const response = await request.post('/v1/auth/sign-in', { data: { email, password: demoPassword } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as SignInResponse;
}

/**
 * Sets the demo tenant's billing queue's hours as its admin would (null: open around the clock).
 * @example await setBillingHours(request, { timeZone: 'UTC', weekly: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, closedOn: [] });
 */
export async function setBillingHours(request: APIRequestContext, hours: BusinessHours | null): Promise<void> {
  const { accessToken } = await apiSignIn(request, demoAdmin);
  const response = await request.put('/v1/admin/queues/billing/hours', { headers: { authorization: `Bearer ${accessToken}` }, data: { hours, maxWaitSeconds: null } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Hours that keep a queue closed every day. */
export const closedAllWeek: BusinessHours = { timeZone: 'Europe/Berlin', weekly: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, closedOn: [] };

/**
 * The tenant's contacts created at or after `since` (epoch ms), newest first.
 * @example const [contact] = await contactsSince(request, token, startedAt);
 */
export async function contactsSince(request: APIRequestContext, accessToken: string, since: number): Promise<Contact[]> {
  const response = await request.get('/v1/contacts', { headers: { authorization: `Bearer ${accessToken}` } });
  expect(response.status(), await response.text()).toBe(200);
  const { contacts } = (await response.json()) as ContactsResponse;
  return contacts.filter((contact) => contact.createdAt >= since).sort((a, b) => b.createdAt - a.createdAt);
}

/** The local track a page's newest peer connection sends. */
export interface SentTrack {
  id: string;
  label: string;
  readyState: MediaStreamTrackState;
  enabled: boolean;
}

/**
 * The audio or video track the newest peer connection of the page sends now.
 * @example expect(await sentTrack(page, 'video')).toMatchObject({ label: 'fake_device_1', readyState: 'live' });
 */
export async function sentTrack(page: Page, kind: 'audio' | 'video'): Promise<SentTrack | null> {
  return page.evaluate((kind) => {
    const track = window.__peerConnections?.at(-1)?.getSenders().find((sender) => sender.track?.kind === kind)?.track;
    return track ? { id: track.id, label: track.label, readyState: track.readyState, enabled: track.enabled } : null;
  }, kind);
}

/**
 * Makes the page count its camera and microphone requests (from its next
 * load on) and returns a function that reads the count.
 * @example const captures = await countCaptures(visitor.page); expect(await captures()).toBe(0);
 */
export async function countCaptures(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const capture = devices.getUserMedia.bind(devices);
    window.__captures = 0;
    devices.getUserMedia = (constraints) => {
      window.__captures = (window.__captures ?? 0) + 1;
      return capture(constraints);
    };
  });
  await page.reload();
  return () => page.evaluate(() => window.__captures ?? 0);
}

/**
 * Opens a blank page on the test origin with one of Beckon's modules bundled
 * as the widget and the console bundle it, exposed as `window[globalName]`.
 * @example await openModulePage(page, '../rtc/src/peer-call.ts', 'peerCall');
 */
export async function openModulePage(page: Page, modulePath: string, globalName: string): Promise<void> {
  const bundle = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(modulePath, import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName,
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  // Any page on the test origin will do (crypto.subtle needs a secure context, which 127.0.0.1 is).
  await page.route(`**/${globalName}`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>${globalName}</title>` }));
  await page.goto(`/${globalName}`);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}

/**
 * The first demo agent, answering the next chat offered over their presence
 * socket and speaking the API the way the console does.
 * @example const agent = await answerNextChat(request, baseURL!); agent.send({ type: 'chat', id: 'a1', text: 'Hello' }); agent.leave();
 */
export async function answerNextChat(request: APIRequestContext, origin: string) {
  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const ws = origin.replace('http', 'ws');
  const presence = await openSocket(`${ws}/v1/agent/ws`, accessToken);
  const offer = await presence.next('offer', 15_000);
  expect(offer.media).toBe('chat');
  presence.send({ type: 'accept', offerId: offer.offerId });
  const assigned = await presence.next('assigned');
  const conversation = await openSocket(`${ws}/v1/conversations/${assigned.conversationId}/ws`, assigned.token as string);
  let seq = 0;
  return {
    conversation,
    send: (message: Record<string, unknown>) => conversation.send({ ...message, seq: ++seq }),
    /** The next message from the visitor; the agent's own come back too and are passed over. */
    async visitorMessage() {
      for (;;) {
        const { message } = await conversation.next<{ type: 'chat'; message: { from: string; text: string; n: number } }>('chat');
        if (message.from === 'visitor') return message;
      }
    },
    /** Signs the agent out, so later journeys find nobody answering but their own agents. */
    leave() {
      presence.send({ type: 'leave' });
      presence.close();
      conversation.close();
    },
  };
}
