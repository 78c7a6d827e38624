import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCaptions, type CaptionsView, type SpeechRecognizer, type SpeechRecognizerClass, type SpeechResultEvent } from './captions.ts';

// On-device speech recognition needs a language pack this machine cannot
// download, so these tests drive a stand-in with the Web Speech API's shape.
function recognition(availability: string, installs = true) {
  const sessions: FakeSession[] = [];
  const installed: string[][] = [];
  class FakeSession implements SpeechRecognizer {
    lang = '';
    continuous = false;
    interimResults = false;
    processLocally = false;
    onresult: ((event: SpeechResultEvent) => void) | null = null;
    onerror: ((event: { error: string }) => void) | null = null;
    onend: (() => void) | null = null;
    track: MediaStreamTrack | null = null;
    aborted = false;
    start(track: MediaStreamTrack) {
      this.track = track;
      sessions.push(this);
    }
    abort() {
      this.aborted = true;
      this.onerror?.({ error: 'aborted' });
      this.onend?.();
    }
    /** Phrases heard so far in this session: [text, final]. */
    hear(phrases: [string, boolean][], resultIndex = 0) {
      const results = phrases.map(([transcript, isFinal]) => ({ isFinal, 0: { transcript } }));
      this.onresult?.({ resultIndex, results });
    }
  }
  const Recognizer = Object.assign(FakeSession, {
    available: async () => availability as 'available',
    install: async ({ langs }: { langs: string[] }) => (installed.push(langs), installs),
  }) satisfies SpeechRecognizerClass;
  return { Recognizer, sessions, installed };
}

const liveTrack = { kind: 'audio', readyState: 'live' } as MediaStreamTrack;
const settle = () => new Promise((resolve) => setTimeout(resolve));

function caption(recognizerClass: SpeechRecognizerClass | null, track = liveTrack) {
  const views: CaptionsView[] = [];
  const captions = startCaptions(track, { lang: 'en-US', recognizerClass }, (view) => views.push(view));
  return { captions, views, last: () => views.at(-1) };
}

afterEach(() => void vi.useRealTimers());

describe('captions', () => {
  it('listens to the given track on the device only, and shows the last three phrases and the one being said', async () => {
    const { Recognizer, sessions } = recognition('available');
    const { last } = caption(Recognizer);
    await settle();
    const [session] = sessions;
    expect(session).toMatchObject({ track: liveTrack, lang: 'en-US', processLocally: true, continuous: true, interimResults: true });
    session!.hear([['Hello', false]]);
    expect(last()).toEqual({ state: 'on', lines: [], first: 0, current: 'Hello' });
    session!.hear([['Hello there.', true], ['How can', false]]);
    expect(last()).toEqual({ state: 'on', lines: ['Hello there.'], first: 0, current: 'How can' });
    // The session reports every phrase again; each is shown once.
    session!.hear([['Hello there.', true], ['How can I help?', true], ['Your', false], ['order', false]], 1);
    expect(last()).toEqual({ state: 'on', lines: ['Hello there.', 'How can I help?'], first: 0, current: 'Your order' });
    session!.hear([['Hello there.', true], ['How can I help?', true], ['Your order.', true], ['It left today.', true]], 2);
    expect(last()).toEqual({ state: 'on', lines: ['How can I help?', 'Your order.', 'It left today.'], first: 1, current: '' });
  });

  it('listens again when a session ends after a silence, keeping what is on screen, and not after stop', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { Recognizer, sessions } = recognition('available');
    const { captions, last } = caption(Recognizer);
    await settle();
    sessions[0]!.hear([['First.', true]]);
    // Long enough that the end is not taken for recognition failing.
    vi.setSystemTime(Date.now() + 1100);
    sessions[0]!.onend!();
    expect(sessions).toHaveLength(2);
    sessions[1]!.hear([['Second.', true]]);
    expect(last()).toEqual({ state: 'on', lines: ['First.', 'Second.'], first: 0, current: '' });
    captions.stop();
    expect(sessions[1]!.aborted).toBe(true);
    expect(sessions).toHaveLength(2);
  });

  it('gives up, saying so, when sessions keep ending at once', async () => {
    const { Recognizer, sessions } = recognition('available');
    const { last } = caption(Recognizer);
    await settle();
    for (let ended = 0; ended < 3; ended++) sessions.at(-1)!.onend!();
    expect(sessions).toHaveLength(3);
    expect(last()).toEqual({ state: 'unavailable', reason: 'Captions stopped working in this browser.' });
  });

  it('installs the language first where it can be downloaded, and says so where it cannot', async () => {
    const downloadable = recognition('downloadable');
    const installing = caption(downloadable.Recognizer);
    expect(installing.last()).toEqual({ state: 'preparing' });
    await settle();
    expect(downloadable.installed).toEqual([['en-US']]);
    expect(downloadable.sessions).toHaveLength(1);

    const failing = recognition('downloadable', false);
    const refused = caption(failing.Recognizer);
    await settle();
    expect(failing.sessions).toHaveLength(0);
    expect(refused.last()).toEqual({ state: 'unavailable', reason: 'This browser cannot caption American English on this device.' });
  });

  it('says so, and listens to nothing, without on-device recognition or for a language it does not have', async () => {
    expect(caption(null).last()).toEqual({ state: 'unavailable', reason: 'This browser cannot make captions on this device.' });
    const none = recognition('unavailable');
    const { last } = caption(none.Recognizer);
    await settle();
    expect(none.sessions).toHaveLength(0);
    expect(last()).toEqual({ state: 'unavailable', reason: 'This browser cannot caption American English on this device.' });
  });

  it('stops for good on an error other than silence', async () => {
    const { Recognizer, sessions } = recognition('available');
    const { last } = caption(Recognizer);
    await settle();
    sessions[0]!.onerror!({ error: 'language-not-supported' });
    sessions[0]!.onend!();
    expect(sessions).toHaveLength(1);
    expect(last()).toEqual({ state: 'unavailable', reason: 'This browser cannot caption American English on this device.' });
  });
});
