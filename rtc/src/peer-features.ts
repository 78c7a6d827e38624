// The data-channel features of one peer connection: real-time text, screen
// annotations and files. The impolite side opens the first two channels, so
// they ride in the first offer; the polite side takes them as they arrive.
// Each file gets a channel of its own, opened by its sender. The call's
// quality sampling loads with them: a page needs it only once it has a call.
import { annotationsLabel, createAnnotations, type Annotations, type AnnotationState } from './annotations.ts';
import { createFileTransfers, isFileChannel, type FileTransfer, type FileTransfers } from './file-transfer.ts';
import { createRealTimeText, isRealTimeTextChannel, realTimeTextChannelInit, realTimeTextLabel, type RealTimeText } from './realtime-text.ts';

export { createCallQuality } from './call-quality.ts';
export { qualityWarnings, watchQuality } from './quality.ts';

export type PeerFeatureEvent =
  /** The other side's real-time text, whole. */
  | { type: 'real-time-text'; text: string }
  | { type: 'annotations'; state: AnnotationState }
  /** Every file sent or offered in this connection, after any change. */
  | { type: 'files'; transfers: FileTransfer[] };

export interface PeerFeatures {
  /** The local real-time text draft changed; sent once the channel is there. */
  typeRealTimeText(draft: string): void;
  /** The local real-time text draft was sent: the other side stops showing it. */
  sendRealTimeLine(): void;
  /** Annotations, once their channel is there. */
  readonly annotations: Annotations | null;
  readonly files: FileTransfers;
  close(): void;
}

/**
 * Sets up real-time text, annotations and files (up to `maxFileBytes`) on a peer connection.
 * @example const features = peerFeatures(pc, { opens: true, maxFileBytes: 1e8 }, (event) => console.log(event)); features.typeRealTimeText('Hel');
 */
export function peerFeatures(
  connection: RTCPeerConnection,
  { opens, maxFileBytes }: { opens: boolean; maxFileBytes: number },
  emit: (event: PeerFeatureEvent) => void,
): PeerFeatures {
  const files = createFileTransfers({ createChannel: (label, init) => connection.createDataChannel(label, init), maxBytes: maxFileBytes });
  files.on(() => emit({ type: 'files', transfers: files.list() }));
  let realTimeText: RealTimeText | null = null;
  let annotations: Annotations | null = null;
  // What was typed before the channel arrived goes out when it does.
  let draft = '';

  const takeRealTimeText = (channel: RTCDataChannel) => {
    realTimeText = createRealTimeText(channel);
    realTimeText.on((text) => emit({ type: 'real-time-text', text }));
    if (draft) realTimeText.update(draft);
  };
  const takeAnnotations = (channel: RTCDataChannel) => {
    annotations = createAnnotations(channel);
    annotations.on((state) => emit({ type: 'annotations', state }));
  };

  if (opens) {
    takeRealTimeText(connection.createDataChannel(realTimeTextLabel, realTimeTextChannelInit()));
    takeAnnotations(connection.createDataChannel(annotationsLabel, { ordered: true }));
  }
  connection.addEventListener('datachannel', ({ channel }) => {
    if (!realTimeText && isRealTimeTextChannel(channel)) return takeRealTimeText(channel);
    if (!annotations && channel.label === annotationsLabel && !channel.protocol) return takeAnnotations(channel);
    if (isFileChannel(channel)) return files.receive(channel);
    channel.close();
  });

  return {
    typeRealTimeText(next) {
      draft = next;
      realTimeText?.update(next);
    },
    sendRealTimeLine() {
      draft = '';
      realTimeText?.send();
    },
    get annotations() {
      return annotations;
    },
    files,
    close() {
      realTimeText?.close();
      annotations?.close();
      files.close();
    },
  };
}
