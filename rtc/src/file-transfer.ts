// Files sent peer to peer during a conversation, each over a reliable,
// ordered data channel of its own that the sender opens. The receiver accepts
// (or declines) before a single byte of the file flows; the sender paces
// itself on the channel's send buffer, so a large file is read a chunk at a
// time and never queued whole; the receiver folds what arrives into a Blob as
// it goes; and a file counts as delivered only when both sides agree on its
// SHA-256. Either side may cancel at any time.
//
// The conversation on each channel (text messages are JSON, binary messages
// are the file's bytes in order):
//   sender → receiver: offer {id, name, size, mimeType}, chunks…, done {sha256}
//   receiver → sender: accept | decline, then received {sha256 of what arrived}
//   either way:        cancel, or error {reason} when the other broke a rule
// Whoever ends a transfer sends its last message and closes the channel;
// closing lets queued messages out first.
import { formatBytes } from './format-bytes.ts';
import { createEmitter } from './emitter.ts';

/** The data channel protocol that marks a channel as carrying one file. */
export const fileChannelProtocol = 'beckon-file';

/** The longest file name accepted, in characters (most file systems allow 255). */
export const maxFileNameLength = 255;

/** The parts of an RTCDataChannel a file transfer uses. */
export interface FileChannel {
  readonly label: string;
  readonly protocol: string;
  readonly readyState: RTCDataChannelState;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: BinaryType;
  send(data: string | ArrayBuffer): void;
  close(): void;
  addEventListener(type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): void;
}

/** A file to send: a `File` from an input or a drop, or any Blob with a name. */
export type SendableFile = Blob & { readonly name: string };

export type FileDirection = 'outgoing' | 'incoming';

/**
 * `offered` waits for the receiver's answer; `verifying` is past the last
 * byte, while the digests are compared.
 */
export type FileTransferState = 'offered' | 'transferring' | 'verifying' | 'completed' | 'declined' | 'cancelled' | 'failed';

export type FileTransferFailure =
  /** Larger than the size limit of the receiving side. */
  | 'too-large'
  /** What arrived does not have the SHA-256 the sender computed. */
  | 'corrupted'
  /** The sender could not read the file (it changed or went away on disk). */
  | 'unreadable'
  /** The other side sent something the protocol does not allow. */
  | 'protocol'
  /** The channel closed (the call ended or the connection dropped) before the transfer ended. */
  | 'closed';

/** One file on its way, as a UI shows it. */
export interface FileTransfer {
  readonly id: string;
  readonly direction: FileDirection;
  readonly name: string;
  readonly size: number;
  readonly mimeType: string;
  /** Bytes handed to the channel (outgoing) or arrived (incoming) so far. */
  readonly bytes: number;
  readonly state: FileTransferState;
  /** The file's SHA-256 in hex, once both sides agree on it. */
  readonly sha256?: string;
  /** The file as it arrived, once verified (incoming only). */
  readonly blob?: Blob;
  readonly cancelledBy?: 'local' | 'peer';
  readonly failure?: FileTransferFailure;
  /** Why it failed, in a sentence a person can read. */
  readonly error?: string;
}

export type FileTransferEvent =
  /** A transfer waits for the receiver: an incoming one for `accept` or `decline` here. */
  | { type: 'offered'; transfer: FileTransfer }
  | { type: 'progress'; id: string; direction: FileDirection; bytes: number; size: number }
  /** Delivered and verified; `blob` is the file, on the receiving side. */
  | { type: 'completed'; id: string; direction: FileDirection; name: string; sha256: string; blob?: Blob }
  | { type: 'declined'; id: string; direction: FileDirection }
  | { type: 'cancelled'; id: string; direction: FileDirection; by: 'local' | 'peer' }
  | { type: 'failed'; id: string; direction: FileDirection; reason: FileTransferFailure; message: string }
  /** A file channel was refused before it made a valid offer. */
  | { type: 'error'; message: string };

export interface FileTransfersOptions {
  /** Opens a data channel to the other side (`pc.createDataChannel` does). */
  createChannel(label: string, init: RTCDataChannelInit): FileChannel;
  /** The largest file, in bytes, this side sends or accepts (the tenant's setting). */
  maxBytes: number;
  /** Bytes per binary message; every browser takes 64 KiB. */
  chunkBytes?: number;
  /** The sender waits while more than this many bytes are queued on the channel… */
  pauseAboveBytes?: number;
  /** …until the queue falls to this many. */
  resumeAtBytes?: number;
}

export interface FileTransfers {
  /** Offers a file to the other side and returns the transfer's id; throws when the file is too large or badly named. */
  send(file: SendableFile): string;
  /** Takes a channel the other side opened (see `isFileChannel`); its offer arrives as an `offered` event. */
  receive(channel: FileChannel): void;
  on(listener: (event: FileTransferEvent) => void): () => void;
  accept(id: string): void;
  decline(id: string): void;
  /** Stops a transfer in either direction, at any point before it ends. */
  cancel(id: string): void;
  /** Every transfer so far, oldest first, as a UI store renders them. */
  list(): FileTransfer[];
  /** Cancels whatever is still under way; nothing can be sent or received afterwards. */
  close(): void;
}

/**
 * Tells whether a channel from `pc.ondatachannel` carries a file.
 * @example pc.ondatachannel = ({ channel }) => isFileChannel(channel) && files.receive(channel);
 */
export function isFileChannel(channel: { protocol: string }): boolean {
  return channel.protocol === fileChannelProtocol;
}

/**
 * Says what is wrong with a file name, or `null` when it is fine to send and to save.
 * @example fileNameProblem('../secret') // 'A file name cannot contain / or \\ or control characters.'
 */
export function fileNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'A file needs a name.';
  if (name.length > maxFileNameLength) return `A file name can be at most ${maxFileNameLength} characters long.`;
  // Directional controls count as control characters: "invoice\u202efdp.exe" shows as "invoiceexe.pdf".
  if (/[\u0000-\u001f\u007f/\\\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name)) return 'A file name cannot contain / or \\ or control characters.';
  if (name === '.' || name === '..') return 'A file name cannot be . or ..';
  return null;
}

const idPattern = /^[A-Za-z0-9-]{1,64}$/;
const sha256Pattern = /^[0-9a-f]{64}$/;
/** What a Blob keeps as its type; anything else would become an empty type on arrival anyway. */
const mimeTypePattern = /^[\x20-\x7e]{0,255}$/;
/** The longest text message either side sends is an offer with a 255-character name. */
const maxControlLength = 2048;
/** Received chunks move from the JS heap into a Blob (which the browser may keep on disk) every this many bytes. */
const foldEveryBytes = 4 * 1024 * 1024;

/** What the local side knows of one transfer, beyond what a UI sees. */
interface Transfer {
  view: { -readonly [K in keyof FileTransfer]: FileTransfer[K] };
  channel: FileChannel;
  /** Wakes a sender that waits for the channel's queue to drain. */
  wake: (() => void) | null;
  /** The SHA-256 the sender sent with `done`. */
  sentSha256: string | null;
}

type Control = { type: string } & Record<string, unknown>;

const failureMessages: Record<FileTransferFailure, string> = {
  'too-large': 'The file is larger than the receiving side accepts.',
  corrupted: 'The file arrived damaged: its SHA-256 does not match the one the sender computed.',
  unreadable: 'The sender could not read the file.',
  protocol: 'The other side broke the file transfer protocol.',
  closed: 'The connection closed before the file was complete.',
};

/**
 * Sends and receives files over data channels of one peer connection.
 * @example const files = createFileTransfers({ createChannel: (label, init) => pc.createDataChannel(label, init), maxBytes: 50 * 1024 * 1024 }); files.send(input.files[0]);
 */
export function createFileTransfers(options: FileTransfersOptions): FileTransfers {
  const { maxBytes } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`maxBytes must be a whole number of bytes, not ${maxBytes}`);
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const pauseAboveBytes = options.pauseAboveBytes ?? 1024 * 1024;
  const resumeAtBytes = options.resumeAtBytes ?? 256 * 1024;
  const events = createEmitter<FileTransferEvent>();
  const transfers = new Map<string, Transfer>();
  let closed = false;

  const isOver = (transfer: Transfer) => ['completed', 'declined', 'cancelled', 'failed'].includes(transfer.view.state);
  const sendControl = (transfer: Transfer, message: Control) => {
    if (transfer.channel.readyState === 'open') transfer.channel.send(JSON.stringify(message));
  };
  /** Ends a transfer: tells the other side (when `farewell` is given), closes the channel, wakes a waiting sender. */
  function end(transfer: Transfer, farewell: Control | null, event: FileTransferEvent) {
    if (farewell) sendControl(transfer, farewell);
    transfer.channel.close();
    transfer.wake?.();
    events.emit(event);
  }
  function fail(transfer: Transfer, reason: FileTransferFailure, tellPeer: boolean, message = failureMessages[reason]) {
    if (isOver(transfer)) return;
    const { id, direction } = transfer.view;
    Object.assign(transfer.view, { state: 'failed', failure: reason, error: message });
    end(transfer, tellPeer ? { type: 'error', reason } : null, { type: 'failed', id, direction, reason, message });
  }
  function cancelled(transfer: Transfer, by: 'local' | 'peer') {
    const { id, direction } = transfer.view;
    Object.assign(transfer.view, { state: 'cancelled', cancelledBy: by });
    end(transfer, by === 'local' ? { type: 'cancel' } : null, { type: 'cancelled', id, direction, by });
  }
  function progress(transfer: Transfer, bytes: number) {
    transfer.view.bytes = bytes;
    const { id, direction, size } = transfer.view;
    events.emit({ type: 'progress', id, direction, bytes, size });
  }
  /** Messages either side may send at any time; `true` when `control` was one of them. */
  function handleCommon(transfer: Transfer, control: Control): boolean {
    if (control.type === 'cancel') cancelled(transfer, 'peer');
    else if (control.type === 'error') {
      const reason = typeof control.reason === 'string' && Object.hasOwn(failureMessages, control.reason) ? (control.reason as FileTransferFailure) : 'protocol';
      fail(transfer, reason, false);
    } else return false;
    return true;
  }
  function watchClose(transfer: Transfer) {
    transfer.channel.addEventListener('close', () => fail(transfer, 'closed', false));
  }
  function incomingFor(id: string) {
    const transfer = transfers.get(id);
    if (!transfer || transfer.view.direction !== 'incoming') throw new Error(`No incoming file transfer has the id ${id}.`);
    return transfer;
  }

  function send(file: SendableFile): string {
    if (closed) throw new Error('File transfers are closed.');
    const nameProblem = fileNameProblem(file.name);
    if (nameProblem) throw new Error(nameProblem);
    if (file.size > maxBytes) {
      throw new RangeError(`"${file.name}" is ${formatBytes(file.size)}, over the ${formatBytes(maxBytes)} limit for sending files.`);
    }
    const id = crypto.randomUUID();
    const channel = options.createChannel(id, { ordered: true, protocol: fileChannelProtocol });
    channel.binaryType = 'arraybuffer';
    const mimeType = mimeTypePattern.test(file.type) ? file.type : '';
    const transfer: Transfer = {
      view: { id, direction: 'outgoing', name: file.name, size: file.size, mimeType, bytes: 0, state: 'offered' },
      channel,
      wake: null,
      sentSha256: null,
    };
    transfers.set(id, transfer);
    // Hashing reads the whole file once; it runs while the receiver decides.
    // crypto.subtle has no streaming digest, so the file is in memory once, briefly.
    const digest = sha256Hex(file);
    digest.catch(() => fail(transfer, 'unreadable', true));

    const offer = () => sendControl(transfer, { type: 'offer', id, name: file.name, size: file.size, mimeType });
    if (channel.readyState === 'open') offer();
    else channel.addEventListener('open', offer);
    watchClose(transfer);
    channel.addEventListener('message', (event) => {
      if (isOver(transfer)) return;
      const control = parseControl((event as MessageEvent).data);
      if (!control) return fail(transfer, 'protocol', true);
      if (handleCommon(transfer, control)) return;
      const { state } = transfer.view;
      if (state === 'offered' && control.type === 'accept') {
        transfer.view.state = 'transferring';
        void stream(transfer, file, digest);
      } else if (state === 'offered' && control.type === 'decline') {
        transfer.view.state = 'declined';
        end(transfer, null, { type: 'declined', id, direction: 'outgoing' });
      } else if (state === 'verifying' && control.type === 'received') {
        const sha256 = transfer.sentSha256!;
        if (control.sha256 !== sha256) return fail(transfer, 'corrupted', false);
        Object.assign(transfer.view, { state: 'completed', sha256 });
        end(transfer, null, { type: 'completed', id, direction: 'outgoing', name: file.name, sha256 });
      } else fail(transfer, 'protocol', true);
    });
    events.emit({ type: 'offered', transfer: { ...transfer.view } });
    return id;
  }

  async function stream(transfer: Transfer, file: Blob, digest: Promise<string>) {
    const { channel } = transfer;
    channel.bufferedAmountLowThreshold = resumeAtBytes;
    // A channel that closes under the sender ends the transfer by its close event.
    const stopped = () => isOver(transfer) || channel.readyState !== 'open';
    for (let offset = 0; offset < file.size; ) {
      if (channel.bufferedAmount > pauseAboveBytes) {
        await new Promise<void>((resolve) => {
          transfer.wake = resolve;
          channel.addEventListener('bufferedamountlow', () => resolve(), { once: true });
        });
        transfer.wake = null;
      }
      if (stopped()) return;
      let chunk: ArrayBuffer;
      try {
        chunk = await file.slice(offset, offset + chunkBytes).arrayBuffer();
      } catch (error) {
        return fail(transfer, 'unreadable', true, `The file could not be read: ${String(error)}`);
      }
      if (stopped()) return;
      channel.send(chunk);
      offset += chunk.byteLength;
      progress(transfer, offset);
    }
    let sha256: string;
    try {
      sha256 = await digest;
    } catch {
      return; // failed as unreadable where the digest was started
    }
    if (stopped()) return;
    transfer.sentSha256 = sha256;
    transfer.view.state = 'verifying';
    sendControl(transfer, { type: 'done', sha256 });
  }

  function receive(channel: FileChannel) {
    if (closed) throw new Error('File transfers are closed.');
    if (!isFileChannel(channel)) throw new Error(`Channel "${channel.label}" does not carry a file (protocol "${channel.protocol}").`);
    channel.binaryType = 'arraybuffer';
    let transfer: Transfer | null = null;
    let assembled = new Blob([]);
    let pending: ArrayBuffer[] = [];
    let pendingBytes = 0;
    // A channel whose first message is no valid offer has no transfer to fail.
    const refuse = (message: string) => {
      if (channel.readyState === 'open') channel.send(JSON.stringify({ type: 'error', reason: 'protocol' }));
      channel.close();
      events.emit({ type: 'error', message: `A file offer was refused: ${message}` });
    };
    channel.addEventListener('message', (event) => {
      const data = (event as MessageEvent).data;
      if (!transfer) {
        if (channel.readyState !== 'open') return;
        if (closed) {
          channel.send(JSON.stringify({ type: 'cancel' }));
          return channel.close();
        }
        const control = parseControl(data);
        const problem = control?.type === 'offer' ? offerProblem(control) : 'the first message is not an offer.';
        if (problem) return refuse(problem);
        const offer = control as unknown as { id: string; name: string; size: number; mimeType: string };
        if (transfers.has(offer.id)) return refuse(`a transfer with the id ${offer.id} exists already.`);
        transfer = {
          view: { id: offer.id, direction: 'incoming', name: offer.name, size: offer.size, mimeType: offer.mimeType, bytes: 0, state: 'offered' },
          channel,
          wake: null,
          sentSha256: null,
        };
        transfers.set(offer.id, transfer);
        watchClose(transfer);
        if (offer.size > maxBytes) {
          return fail(transfer, 'too-large', true, `"${offer.name}" is ${formatBytes(offer.size)}, over the ${formatBytes(maxBytes)} limit for receiving files.`);
        }
        return events.emit({ type: 'offered', transfer: { ...transfer.view } });
      }
      if (isOver(transfer)) return;
      const { state, size, id } = transfer.view;
      if (data instanceof ArrayBuffer) {
        if (state !== 'transferring' || transfer.view.bytes + data.byteLength > size) return fail(transfer, 'protocol', true);
        pending.push(data);
        pendingBytes += data.byteLength;
        if (pendingBytes >= foldEveryBytes) {
          assembled = new Blob([assembled, ...pending]);
          pending = [];
          pendingBytes = 0;
        }
        return progress(transfer, transfer.view.bytes + data.byteLength);
      }
      const control = parseControl(data);
      if (!control) return fail(transfer, 'protocol', true);
      if (handleCommon(transfer, control)) return;
      if (state !== 'transferring' || control.type !== 'done' || transfer.view.bytes !== size || !sha256Pattern.test(String(control.sha256))) {
        return fail(transfer, 'protocol', true);
      }
      transfer.view.state = 'verifying';
      const blob = new Blob([assembled, ...pending], { type: savedType(transfer.view.mimeType) });
      pending = [];
      void verify(transfer, blob, String(control.sha256));
    });
  }

  async function verify(transfer: Transfer, blob: Blob, expected: string) {
    const sha256 = await sha256Hex(blob);
    if (isOver(transfer)) return;
    sendControl(transfer, { type: 'received', sha256 });
    if (sha256 !== expected) return fail(transfer, 'corrupted', false);
    const { id, name } = transfer.view;
    Object.assign(transfer.view, { state: 'completed', sha256, blob });
    end(transfer, null, { type: 'completed', id, direction: 'incoming', name, sha256, blob });
  }

  return {
    send,
    receive,
    on: events.on,
    accept(id) {
      const transfer = incomingFor(id);
      if (transfer.view.state !== 'offered') throw new Error(`The file transfer ${id} is ${transfer.view.state}, not waiting for an answer.`);
      transfer.view.state = 'transferring';
      sendControl(transfer, { type: 'accept' });
      progress(transfer, 0);
    },
    decline(id) {
      const transfer = incomingFor(id);
      if (transfer.view.state !== 'offered') throw new Error(`The file transfer ${id} is ${transfer.view.state}, not waiting for an answer.`);
      transfer.view.state = 'declined';
      end(transfer, { type: 'decline' }, { type: 'declined', id, direction: 'incoming' });
    },
    cancel(id) {
      const transfer = transfers.get(id);
      if (!transfer) throw new Error(`No file transfer has the id ${id}.`);
      if (!isOver(transfer)) cancelled(transfer, 'local');
    },
    list: () => [...transfers.values()].map((transfer) => ({ ...transfer.view })),
    close() {
      closed = true;
      for (const transfer of transfers.values()) if (!isOver(transfer)) cancelled(transfer, 'local');
    },
  };
}

// The type is the sender's word. A blob typed as a page (HTML, SVG, XML)
// opened from its Save link in a new tab runs its script in the receiver's
// origin, the customer's website for a visitor; only types a browser shows
// passively are kept, anything else is bare bytes, which it saves.
const passiveTypes = new Set(['application/pdf', 'text/plain', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'audio/mpeg', 'audio/ogg', 'audio/wav', 'video/mp4', 'video/webm']);

function savedType(claimed: string): string {
  const essence = claimed.split(';')[0]!.trim().toLowerCase();
  return passiveTypes.has(essence) ? essence : 'application/octet-stream';
}

/** A text message of the protocol as an object with a `type`, or `null` when it is none. */
function parseControl(data: unknown): Control | null {
  if (typeof data !== 'string' || data.length > maxControlLength) return null;
  try {
    const control: unknown = JSON.parse(data);
    if (typeof control !== 'object' || control === null || Array.isArray(control)) return null;
    return typeof (control as Control).type === 'string' ? (control as Control) : null;
  } catch {
    return null;
  }
}

function offerProblem(offer: Control): string | null {
  if (typeof offer.id !== 'string' || !idPattern.test(offer.id)) return 'its id is not 1 to 64 letters, digits or dashes.';
  const nameProblem = fileNameProblem(offer.name);
  if (nameProblem) return nameProblem;
  if (!Number.isSafeInteger(offer.size) || (offer.size as number) < 0) return 'its size is not a whole number of bytes.';
  if (typeof offer.mimeType !== 'string' || !mimeTypePattern.test(offer.mimeType)) return 'its type is not a MIME type.';
  return null;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
