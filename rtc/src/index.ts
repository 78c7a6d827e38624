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
