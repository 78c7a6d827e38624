// The data-channel features of one peer connection: real-time text and
// screen annotations. The impolite side opens their channels, so they ride in
// the first offer; the polite side takes them as they arrive.
import { annotationsLabel, createAnnotations, type Annotations, type AnnotationState } from './annotations.ts';
import { createRealTimeText, isRealTimeTextChannel, realTimeTextChannelInit, realTimeTextLabel, type RealTimeText } from './realtime-text.ts';

export type PeerFeatureEvent =
  /** The other side's real-time text, whole. */
  | { type: 'real-time-text'; text: string }
  | { type: 'annotations'; state: AnnotationState };

export interface PeerFeatures {
  /** The local real-time text draft changed; sent once the channel is there. */
  typeRealTimeText(draft: string): void;
  /** The local real-time text line is finished. */
  sendRealTimeLine(): void;
  /** Annotations, once their channel is there. */
  readonly annotations: Annotations | null;
  close(): void;
}

/**
 * Sets up real-time text and annotations on a peer connection; channels the
 * other side opens for anything else go to `otherChannel`.
 * @example const features = peerFeatures(pc, false, (event) => console.log(event)); features.typeRealTimeText('Hel');
 */
export function peerFeatures(
  connection: RTCPeerConnection,
  opens: boolean,
  emit: (event: PeerFeatureEvent) => void,
  otherChannel: (channel: RTCDataChannel) => void = (channel) => channel.close(),
): PeerFeatures {
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
    otherChannel(channel);
  });

  return {
    typeRealTimeText(next) {
      draft = next;
      realTimeText?.update(next);
    },
    sendRealTimeLine() {
      draft = '';
      realTimeText?.newLine();
    },
    get annotations() {
      return annotations;
    },
    close() {
      realTimeText?.close();
      annotations?.close();
    },
  };
}
