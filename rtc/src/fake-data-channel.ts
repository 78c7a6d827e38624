// A test aid, not part of the call engine: two connected RTCDataChannel
// stand-ins for tests that run in Node, which has no WebRTC. They behave as
// Chromium's do where code built on them can tell the difference: delivery is
// asynchronous and in order; `bufferedAmount` grows on `send` and drains a
// little per task as the link carries messages, firing `bufferedamountlow`
// when it falls to the threshold; `send` refuses messages over the maximum
// size, on a channel that is not open, and past a full send queue; binary
// messages arrive as `binaryType` says; `close` lets queued messages out
// first, then closes both ends.

/** What crossed the link, in the order it was sent. */
export interface SentMessage {
  from: 'local' | 'remote';
  data: string | ArrayBuffer;
}

export interface FakeDataChannelOptions {
  label?: string;
  protocol?: string;
  /** How many bytes the link carries each way per task; a slow link makes senders wait. */
  bytesPerTask?: number;
  /** The largest message `send` takes (Chromium: 256 KiB). */
  maxMessageSize?: number;
  /** How much may wait in one end's send queue before `send` throws (Chromium: 16 MiB). */
  sendQueueBytes?: number;
  /** Sees, and may replace, each message on its way: a way to damage data in transit. */
  inTransit?(message: SentMessage, index: number): string | ArrayBuffer;
}

/** One end of a fake connected channel pair, with the RTCDataChannel members file transfers use. */
export interface FakeDataChannel extends EventTarget {
  readonly label: string;
  readonly protocol: string;
  readonly ordered: boolean;
  readonly readyState: RTCDataChannelState;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: BinaryType;
  /** The highest `bufferedAmount` this end ever reached. */
  readonly peakBufferedAmount: number;
  send(data: string | ArrayBuffer | ArrayBufferView | Blob): void;
  close(): void;
}

const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Makes two connected channel ends that open on the next task; `sent` records every message in the order sent.
 * @example const { local, remote, sent } = fakeDataChannelPair({ protocol: 'beckon-file', bytesPerTask: 64 * 1024 }); local.send('hi');
 */
export function fakeDataChannelPair(options: FakeDataChannelOptions = {}) {
  const bytesPerTask = options.bytesPerTask ?? 256 * 1024;
  const maxMessageSize = options.maxMessageSize ?? 256 * 1024;
  const sendQueueBytes = options.sendQueueBytes ?? 16 * 1024 * 1024;
  const sent: SentMessage[] = [];
  let linkUp = true;
  let closeRequested = false;

  function makeEnd(side: 'local' | 'remote') {
    const end = Object.assign(new EventTarget(), {
      label: options.label ?? 'fake',
      protocol: options.protocol ?? '',
      ordered: true,
      readyState: 'connecting' as RTCDataChannelState,
      bufferedAmount: 0,
      bufferedAmountLowThreshold: 0,
      binaryType: 'blob' as BinaryType,
      peakBufferedAmount: 0,
      /** Messages waiting to cross, with their size in bytes. */
      queue: [] as { message: SentMessage; bytes: number; index: number }[],
      send(data: string | ArrayBuffer | ArrayBufferView | Blob) {
        if (end.readyState !== 'open') throw new DOMException(`RTCDataChannel.readyState is '${end.readyState}'`, 'InvalidStateError');
        if (data instanceof Blob) throw new TypeError('this fake channel sends strings and buffers only');
        // The channel keeps its own copy: the caller may reuse its buffer at once.
        const copy = typeof data === 'string' ? data : ArrayBuffer.isView(data) ? copyOf(data) : data.slice(0);
        const bytes = typeof copy === 'string' ? new TextEncoder().encode(copy).byteLength : copy.byteLength;
        if (bytes > maxMessageSize) throw new TypeError(`message of ${bytes} bytes exceeds the maximum of ${maxMessageSize}`);
        if (end.bufferedAmount + bytes > sendQueueBytes) throw new DOMException('RTCDataChannel send queue is full', 'OperationError');
        const message = { from: side, data: copy };
        end.queue.push({ message, bytes, index: sent.length });
        sent.push(message);
        end.bufferedAmount += bytes;
        end.peakBufferedAmount = Math.max(end.peakBufferedAmount, end.bufferedAmount);
      },
      close() {
        if (end.readyState === 'closing' || end.readyState === 'closed') return;
        end.readyState = 'closing';
        closeRequested = true;
      },
    });
    return end;
  }
  const local = makeEnd('local');
  const remote = makeEnd('remote');

  function deliver(to: typeof local, data: string | ArrayBuffer) {
    if (to.readyState === 'closed') return;
    const payload = typeof data === 'string' || to.binaryType === 'arraybuffer' ? data : new Blob([data]);
    to.dispatchEvent(new MessageEvent('message', { data: payload }));
  }

  // Each task the link carries up to `bytesPerTask` each way (at least one
  // message, as SCTP never splits the difference at zero).
  function carry(from: typeof local, to: typeof local) {
    let budget = bytesPerTask;
    while (from.queue.length && budget > 0) {
      const { message, bytes, index } = from.queue.shift()!;
      budget -= bytes;
      const before = from.bufferedAmount;
      from.bufferedAmount -= bytes;
      deliver(to, options.inTransit ? options.inTransit(message, index) : message.data);
      if (before > from.bufferedAmountLowThreshold && from.bufferedAmount <= from.bufferedAmountLowThreshold) {
        from.dispatchEvent(new Event('bufferedamountlow'));
      }
    }
  }

  async function run() {
    await task();
    for (const end of [local, remote]) {
      if (end.readyState === 'connecting') {
        end.readyState = 'open';
        end.dispatchEvent(new Event('open'));
      }
    }
    while (linkUp) {
      await task();
      carry(local, remote);
      carry(remote, local);
      // A close resets the streams once the closing end's queue has gone out;
      // what the other end still had queued is lost, as with SCTP.
      const closing = [local, remote].find((end) => end.readyState === 'closing' && end.queue.length === 0);
      if (closeRequested && closing) {
        linkUp = false;
        for (const end of [local, remote]) {
          end.queue = [];
          end.bufferedAmount = 0;
          if (end.readyState === 'open') {
            end.readyState = 'closing';
            end.dispatchEvent(new Event('closing'));
          }
        }
        await task();
        for (const end of [local, remote]) {
          end.readyState = 'closed';
          end.dispatchEvent(new Event('close'));
        }
      }
    }
  }
  void run();

  return { local: local as FakeDataChannel, remote: remote as FakeDataChannel, sent };
}

function copyOf(view: ArrayBufferView): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return copy.buffer;
}
