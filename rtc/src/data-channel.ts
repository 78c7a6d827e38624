// What the peer-to-peer features (real-time text, annotations) need of a
// WebRTC data channel, so each can be handed an RTCDataChannel in the page
// and a stand-in in tests.

/** The parts of an RTCDataChannel the call's data-channel features use. */
export interface PeerChannel {
  readonly readyState: RTCDataChannelState;
  binaryType: BinaryType;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'message', listener: (event: Event) => void): void;
  removeEventListener(type: 'open' | 'close' | 'message', listener: (event: Event) => void): void;
}

export interface PeerChannelHandlers {
  open(): void;
  close(): void;
  message(data: unknown): void;
}

/**
 * Follows a channel's opening, closing and messages; returns a function that stops following.
 * @example const stop = followChannel(channel, { open: flush, close: hidePointer, message: (data) => receive(data) });
 */
export function followChannel(channel: PeerChannel, handlers: PeerChannelHandlers): () => void {
  const open = () => handlers.open();
  const close = () => handlers.close();
  const message = (event: Event) => handlers.message((event as MessageEvent).data);
  channel.addEventListener('open', open);
  channel.addEventListener('close', close);
  channel.addEventListener('message', message);
  return () => {
    channel.removeEventListener('open', open);
    channel.removeEventListener('close', close);
    channel.removeEventListener('message', message);
  };
}
