export { createEmitter, type Emitter } from './emitter.ts';
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
