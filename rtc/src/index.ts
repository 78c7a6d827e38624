export {
  browserDevices,
  followDevices,
  groupDevices,
  swapTrack,
  type DeviceAccess,
  type DeviceChoices,
  type DeviceKind,
  type DeviceOption,
  type LocalDevices,
  type LocalDevicesEvent,
} from './devices.ts';
export { createEmitter, type Emitter } from './emitter.ts';
// The data-channel features load with a conversation (see conversation.ts);
// only their types are exported here, so importing this module does not pull them in.
export { formatBytes } from './format-bytes.ts';
export type {
  FileChannel,
  FileDirection,
  FileTransfer,
  FileTransferEvent,
  FileTransferFailure,
  FileTransfers,
  FileTransfersOptions,
  FileTransferState,
  SendableFile,
} from './file-transfer.ts';
export { createPeerCall, defaultRecovery, type PeerCall, type PeerCallEvent, type PeerCallOptions, type Recovery } from './peer-call.ts';
export {
  conversationSocketUrl,
  joinConversation,
  type Conversation,
  type ConversationEvent,
  type ConversationOptions,
} from './conversation.ts';
// Types only: the sampling code is `@beckon/rtc/quality`, which a call loads with its features.
export type { CandidateType, NetworkConditions, QualitySample, QualitySummary, QualityWarning, StatsRecord, StatsSnapshot } from './quality.ts';
export type { PeerChannel, PeerChannelHandlers } from './data-channel.ts';
export type { RealTimeText, RealTimeTextOptions } from './realtime-text.ts';
export type { AnnotationMessage, AnnotationOptions, AnnotationPoint, Annotations, AnnotationState, AnnotationStroke } from './annotations.ts';
export { listenToCall, sendToMonitor } from './monitor.ts';
export { annotationColors, drawAnnotations, type AnnotationCanvas, type AnnotationColor } from './annotation-drawing.ts';
export { penAtRest, penKey, showPen, type Pen, type PenMove } from './annotation-pen.ts';
