// Real-time text over a T.140 data channel (RFC 8865): the local draft goes
// to the other side as it is typed, gathered for at most 300 ms, and what the
// other side is writing comes back whole, all its lines, ready to render.
import { followChannel, type PeerChannel } from './data-channel.ts';
import { createEmitter } from './emitter.ts';
import { applyT140, encodeEdit, t140ByteOrderMark, t140MessageEnd, t140Protocol } from './t140.ts';

/** The label Beckon gives its real-time text channel; the other side finds it by its protocol. */
export const realTimeTextLabel = 'real-time-text';

export interface RealTimeTextOptions {
  /** Typing is gathered this long before it is sent; RFC 8865 recommends 300 ms. */
  intervalMs: number;
  /** Of what the other side is writing, only the last lines and characters are kept. */
  maxLines: number;
  maxChars: number;
}

export const defaultRealTimeText: RealTimeTextOptions = { intervalMs: 300, maxLines: 200, maxChars: 20_000 };

export interface RealTimeText {
  /** The local draft changed (a keystroke, a paste, a cut). */
  update(draft: string): void;
  /** The local user sent the draft: it leaves the other side's screen (it arrives as a chat message), and the draft starts again empty. */
  send(): void;
  /** Calls `listener` with what the other side is writing now, all its lines, each time it changes. */
  on(listener: (text: string) => void): () => void;
  /** Sends what is still gathered, then closes the channel. */
  close(): void;
}

/**
 * The init of a real-time text channel: reliable and in order, as RFC 8865 requires.
 * @example const channel = pc.createDataChannel(realTimeTextLabel, realTimeTextChannelInit());
 */
export function realTimeTextChannelInit(): RTCDataChannelInit {
  return { ordered: true, protocol: t140Protocol };
}

/**
 * Whether a channel the other side opened carries real-time text: the T.140
 * protocol on a reliable, ordered channel (RFC 8865 refuses any other).
 * @example pc.ondatachannel = ({ channel }) => { if (isRealTimeTextChannel(channel)) text = createRealTimeText(channel); };
 */
export function isRealTimeTextChannel(channel: Pick<RTCDataChannel, 'protocol' | 'ordered' | 'maxRetransmits' | 'maxPacketLifeTime'>): boolean {
  return channel.protocol === t140Protocol && channel.ordered && channel.maxRetransmits === null && channel.maxPacketLifeTime === null;
}

/**
 * Starts real-time text on a T.140 data channel; text typed before the
 * channel opens is sent when it does.
 * @example const text = createRealTimeText(channel); input.oninput = () => text.update(input.value); text.on((remote) => (output.textContent = remote));
 */
export function createRealTimeText(channel: PeerChannel, options: Partial<RealTimeTextOptions> = {}): RealTimeText {
  const { intervalMs, maxLines, maxChars } = { ...defaultRealTimeText, ...options };
  const events = createEmitter<string>();
  // One decoder for the whole stream, so a character split across two binary messages still arrives whole.
  const decoder = new TextDecoder();
  let remoteText = '';
  let draft = '';
  let shownDraft = '';
  // The T.140 of drafts sent locally but not yet transmitted.
  let gatheredSends = '';
  // T.140 opens a text stream with a BOM, sent with the first text.
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stopGathering = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const transmit = () => {
    stopGathering();
    if (channel.readyState !== 'open') return;
    const t140 = gatheredSends + encodeEdit(shownDraft, draft);
    gatheredSends = '';
    shownDraft = draft;
    if (!t140) return;
    channel.send(started ? t140 : t140ByteOrderMark + t140);
    started = true;
  };
  const gather = () => {
    timer ??= setTimeout(transmit, intervalMs);
  };

  const receive = (data: unknown) => {
    const t140 = typeof data === 'string' ? data : data instanceof ArrayBuffer ? decoder.decode(data, { stream: true }) : null;
    if (t140 === null) return;
    const text = keepRecent(applyT140(remoteText, t140), maxLines, maxChars);
    if (text === remoteText) return;
    remoteText = text;
    events.emit(remoteText);
  };

  // Other implementations may send T.140 as binary UTF-8; bytes can be decoded at once, a Blob cannot.
  channel.binaryType = 'arraybuffer';
  // A closed channel brings no more of the other side's text: what it showed
  // (a line cut off mid-word, say) is no longer being typed.
  const closed = () => {
    stopGathering();
    if (!remoteText) return;
    remoteText = '';
    events.emit(remoteText);
  };
  const stopFollowing = followChannel(channel, {
    open: transmit,
    close: closed,
    message: receive,
  });

  return {
    update(next) {
      draft = next;
      gather();
    },
    send() {
      gatheredSends += encodeEdit(shownDraft, draft) + t140MessageEnd;
      shownDraft = '';
      draft = '';
      gather();
    },
    on: events.on,
    close() {
      transmit();
      stopFollowing();
      channel.close();
    },
  };
}

/** The end of `text`: its last `maxLines` lines, and of those the last `maxChars` characters. */
function keepRecent(text: string, maxLines: number, maxChars: number): string {
  const lines = text.split('\n');
  const recent = lines.length > maxLines ? lines.slice(-maxLines).join('\n') : text;
  if (recent.length <= maxChars) return recent;
  const end = recent.slice(-maxChars);
  // Never start with the second half of a surrogate pair.
  return /^[\udc00-\udfff]/.test(end) ? end.slice(1) : end;
}
