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
export {
  createFileTransfers,
  fileChannelProtocol,
  fileNameProblem,
  formatBytes,
  isFileChannel,
  maxFileNameLength,
  type FileChannel,
  type FileDirection,
  type FileTransfer,
  type FileTransferEvent,
  type FileTransferFailure,
  type FileTransfers,
  type FileTransfersOptions,
  type FileTransferState,
  type SendableFile,
} from './file-transfer.ts';
export { createPeerCall, defaultRecovery, type PeerCall, type PeerCallEvent, type PeerCallOptions, type Recovery } from './peer-call.ts';
export {
  conversationSocketUrl,
  joinConversation,
  type Conversation,
  type ConversationEvent,
  type ConversationOptions,
} from './conversation.ts';
export {
  mosFromNetwork,
  qualityFromStats,
  qualityWarnings,
  sampleQuality,
  summarizeQuality,
  warningThresholds,
  watchQuality,
  type CandidateType,
  type NetworkConditions,
  type QualitySample,
  type QualitySummary,
  type QualityWarning,
  type StatsRecord,
  type StatsSnapshot,
} from './quality.ts';
export { followChannel, type PeerChannel, type PeerChannelHandlers } from './data-channel.ts';
export { applyT140, encodeEdit, t140Backspace, t140ByteOrderMark, t140LineSeparator, t140Protocol } from './t140.ts';
export {
  createRealTimeText,
  defaultRealTimeText,
  isRealTimeTextChannel,
  realTimeTextChannelInit,
  realTimeTextLabel,
  type RealTimeText,
  type RealTimeTextOptions,
} from './realtime-text.ts';
export {
  annotationColors,
  annotationLimits,
  annotationsLabel,
  createAnnotations,
  defaultAnnotations,
  drawAnnotations,
  parseAnnotationMessage,
  type AnnotationCanvas,
  type AnnotationColor,
  type AnnotationMessage,
  type AnnotationOptions,
  type AnnotationPoint,
  type Annotations,
  type AnnotationState,
  type AnnotationStroke,
} from './annotations.ts';
export { listenToCall, sendToMonitor } from './monitor.ts';
