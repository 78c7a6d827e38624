// Stand-ins for tests of the data-channel features; not part of the engine.
import type { PeerChannel } from './data-channel.ts';

export interface FakeChannel extends PeerChannel {
  readonly label: string;
  readonly protocol: string;
  readonly ordered: boolean;
  readonly maxRetransmits: number | null;
  readonly maxPacketLifeTime: number | null;
  readyState: RTCDataChannelState;
  /** Every message this end sent, in order. */
  readonly sent: (string | ArrayBuffer)[];
  /** Like `send`, also for the binary messages another implementation may send. */
  send(data: string | ArrayBuffer): void;
}

/**
 * Two ends of one data channel, as the two browsers of a call hold it:
 * what one end sends, the other receives. Both start connecting; `open()`
 * opens them as the browser does once the peer connection is up.
 * @example const { local, remote, open } = fakeChannelPair({ label: 'annotations' }); open(); local.send('hi');
 */
export function fakeChannelPair(init: { label?: string; protocol?: string } = {}) {
  const local = fakeChannel(init.label ?? 'channel', init.protocol ?? '');
  const remote = fakeChannel(init.label ?? 'channel', init.protocol ?? '');
  local.peer = remote;
  remote.peer = local;
  return {
    local: local as FakeChannel,
    remote: remote as FakeChannel,
    open() {
      for (const end of [local, remote]) {
        end.readyState = 'open';
        end.dispatchEvent(new Event('open'));
      }
    },
  };
}

type FakeEnd = FakeChannel & EventTarget & { peer: FakeEnd | null };

function fakeChannel(label: string, protocol: string): FakeEnd {
  const end: FakeEnd = Object.assign(new EventTarget(), {
    label,
    protocol,
    ordered: true,
    maxRetransmits: null,
    maxPacketLifeTime: null,
    readyState: 'connecting' as RTCDataChannelState,
    binaryType: 'blob' as BinaryType,
    sent: [] as (string | ArrayBuffer)[],
    peer: null,
    send(data: string | ArrayBuffer) {
      // As the browser does: sending on a channel that is not open is a programming error.
      if (end.readyState !== 'open') throw new DOMException(`channel is ${end.readyState}`, 'InvalidStateError');
      end.sent.push(data);
      end.peer?.dispatchEvent(new MessageEvent('message', { data }));
    },
    close() {
      for (const each of [end, end.peer]) {
        if (!each || each.readyState === 'closed') continue;
        each.readyState = 'closed';
        each.dispatchEvent(new Event('close'));
      }
    },
  });
  return end;
}
