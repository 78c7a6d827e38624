// Live captions of what the other side says, made on this device. The
// browser's on-device speech recognition listens to the audio track received
// from the other side: no audio goes to a speech service, and nothing is asked
// of the other side. Where the browser cannot recognize the language on the
// device, the captions say so and stay off.

/** The on-device recognition of the Web Speech API, as far as captions use it. */
export interface SpeechRecognizer {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  processLocally: boolean;
  onresult: ((event: SpeechResultEvent) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(track: MediaStreamTrack): void;
  abort(): void;
}

/** What a result event carries: every phrase of the session so far, and the first that changed. */
export interface SpeechResultEvent {
  resultIndex: number;
  results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }>;
}

type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';
interface LanguageOptions { langs: string[]; processLocally: true }

export interface SpeechRecognizerClass {
  new (): SpeechRecognizer;
  available?(options: LanguageOptions): Promise<Availability>;
  install?(options: LanguageOptions): Promise<boolean>;
}

/** What the captions show: the last phrases said, and the one being said. */
export type CaptionsView =
  | { state: 'off' }
  | { state: 'preparing' }
  /** `first`: how many phrases were said before the first of `lines`. */
  | { state: 'on'; lines: string[]; first: number; current: string }
  | { state: 'unavailable'; reason: string };

export interface Captions {
  stop(): void;
}

/** How many finished phrases stay on screen. */
const shownLines = 3;
/** Sessions that end this soon after starting, this many times in a row, mean recognition does not work here. */
const shortSessionMs = 1000;
const shortSessionsAllowed = 3;

/**
 * Captions `track` (the other side's audio) in `lang`, on this device only.
 * @example const captions = startCaptions(remoteAudio, { lang: 'en-US' }, (view) => console.log(view)); captions.stop();
 */
export function startCaptions(
  track: MediaStreamTrack,
  { lang, recognizerClass = browserRecognizer() }: { lang: string; recognizerClass?: SpeechRecognizerClass | null },
  show: (view: CaptionsView) => void,
): Captions {
  const language: LanguageOptions = { langs: [lang], processLocally: true };
  let stopped = false;
  let recognizer: SpeechRecognizer | null = null;
  const lines: string[] = [];
  let dropped = 0;
  const giveUp = (reason: string) => {
    stopped = true;
    recognizer?.abort();
    show({ state: 'unavailable', reason });
  };

  let shortSessions = 0;
  const listen = (Recognizer: SpeechRecognizerClass) => {
    const session = new Recognizer();
    recognizer = session;
    Object.assign(session, { lang, continuous: true, interimResults: true, processLocally: true });
    const startedAt = Date.now();
    // Phrases of this session already on screen: a session reports every phrase it heard, each time.
    let finished = 0;
    session.onresult = ({ resultIndex, results }) => {
      let current = '';
      for (let index = resultIndex; index < results.length; index++) {
        const phrase = results[index]!;
        const text = phrase[0].transcript.trim();
        if (!phrase.isFinal) current += `${current ? ' ' : ''}${text}`;
        else if (index >= finished) {
          finished = index + 1;
          if (text) lines.push(text);
        }
      }
      dropped += lines.splice(0, Math.max(0, lines.length - shownLines)).length;
      show({ state: 'on', lines: [...lines], first: dropped, current });
    };
    session.onerror = ({ error }) => {
      // Silence, or the abort of a stop: the session ends and, unless stopped, starts again.
      if (error === 'no-speech' || error === 'aborted') return;
      giveUp(error === 'language-not-supported' ? unsupported(lang) : 'Captions stopped working in this browser.');
    };
    // A session ends after a while of silence; captions go on until stopped.
    session.onend = () => {
      if (stopped || track.readyState !== 'live') return;
      shortSessions = Date.now() - startedAt < shortSessionMs ? shortSessions + 1 : 0;
      if (shortSessions >= shortSessionsAllowed) return giveUp('Captions stopped working in this browser.');
      listen(Recognizer);
    };
    session.start(track);
    show({ state: 'on', lines: [...lines], first: dropped, current: '' });
  };

  const begin = async (Recognizer: SpeechRecognizerClass) => {
    const availability = (await Recognizer.available?.(language)) ?? 'unavailable';
    if (stopped) return;
    if (availability === 'unavailable') return giveUp(unsupported(lang));
    if (availability !== 'available') {
      show({ state: 'preparing' });
      const installed = await Recognizer.install?.(language).catch(() => false);
      if (stopped) return;
      if (!installed) return giveUp(unsupported(lang));
    }
    listen(Recognizer);
  };

  if (!recognizerClass?.available) giveUp('This browser cannot make captions on this device.');
  else {
    show({ state: 'preparing' });
    begin(recognizerClass).catch(() => !stopped && giveUp('Captions stopped working in this browser.'));
  }
  return {
    stop() {
      stopped = true;
      recognizer?.abort();
    },
  };
}

function browserRecognizer(): SpeechRecognizerClass | null {
  const scope = globalThis as { SpeechRecognition?: SpeechRecognizerClass };
  return scope.SpeechRecognition ?? null;
}

function unsupported(lang: string): string {
  return `This browser cannot caption ${languageName(lang)} on this device.`;
}

function languageName(lang: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}
