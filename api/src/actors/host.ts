// What an actor needs from the host that runs it. The Node host and the
// Durable Object host both implement these; actors know neither.
import type { Tokens } from '../auth/tokens.ts';
import type { IceConfig } from '../auth/turn.ts';
import type { Directory } from './directory.ts';
import type { Switchboard } from './switchboard.ts';
import type { Conversation } from './conversation.ts';
import type { WebhookRetry } from '../webhooks/outbox.ts';

/** One open WebSocket, with who it belongs to. */
export interface ActorSocket<A> {
  readonly attachment: A;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /** Carries `attachment` from now on (on Workers also through hibernation). */
  reattach(attachment: A): void;
  /**
   * Calls `delivered` once everything sent on this socket so far has reached
   * the other end (its answer to a WebSocket ping sent after it); never, if
   * the socket closes first. Absent where the host cannot tell (Workers).
   */
  confirm?(delivered: () => void): void;
}

export interface ActorHost<A> {
  /** The actor's open sockets. */
  sockets(): ActorSocket<A>[];
  /** Wakes the actor's `alarm()` at `at` (ms since epoch); null cancels. */
  setAlarm(at: number | null): void;
}

/** Only the methods one actor may call on another (Durable Object RPC on Workers). */
export type DirectoryApi = Pick<
  Directory,
  'ensureTenant' | 'hasTenant' | 'admitVisitor' | 'addAgentLogin' | 'widgetKey' | 'tenantOfAgent' | 'relayOnly' | 'signInAttempt' | 'signInSucceeded'
  | 'claimAgentLogin' | 'releaseAgentLogin' | 'setRelayOnly' | 'allowedOrigins' | 'addAllowedOrigin' | 'removeAllowedOrigin'
  | 'widgetKeys' | 'createWidgetKey' | 'rotateWidgetKey' | 'revokeWidgetKey' | 'identitySecret' | 'makeIdentitySecret' | 'removeIdentitySecret' | 'verifyIdentity'
>;
export type SwitchboardApi = Pick<
  Switchboard,
  'admitSearch' | 'addAgent' | 'setAgentPassword' | 'verifyAgent' | 'saveRefreshToken' | 'useRefreshToken' | 'endRefreshTokenFamily' | 'enqueue' | 'queueStatus' | 'saveQueue' | 'setAgentRouting' | 'contactEnded' | 'recordQuality' | 'contacts'
  | 'submitSurvey' | 'setWebhookEndpoints' | 'webhookDeliveries' | 'mediaChanged' | 'holdChanged' | 'report' | 'agentOnAnotherCall' | 'transcript' | 'transferTargets'
  | 'queueHours' | 'setQueueHours' | 'leaveMessage' | 'requestCallback' | 'callbackReachable' | 'callbackAnswered'
  | 'agentRole' | 'teamAgents' | 'inviteAgent' | 'inviteDetails' | 'acceptInvite' | 'updateAgent' | 'resetAgent' | 'removeAgent'
  | 'queues' | 'createQueue' | 'updateQueue' | 'deleteQueue' | 'settings' | 'changeSettings' | 'deleteContact'
  | 'savedReplies' | 'addSavedReply' | 'changeSavedReply' | 'deleteSavedReply' | 'visitorBlocked' | 'blockVisitor' | 'visitorBlocks' | 'unblockVisitor'
  | 'contactRecorded' | 'contactRecordings' | 'contactRecordingFile'
>;
export type ConversationApi = Pick<Conversation, 'open' | 'queued' | 'assign' | 'transcript' | 'handOver' | 'longWait' | 'awaitCallback' | 'ringVisitor' | 'stopRinging' | 'end' | 'erase'
  | 'beginRecording' | 'addRecordingPart' | 'recordings' | 'recordingFile'>;

/** How actors and the HTTP app reach actors. */
export interface Actors {
  directory(): DirectoryApi;
  switchboard(tenantId: string): SwitchboardApi;
  conversation(conversationId: string): ConversationApi;
}

/** What every actor is given besides its storage. */
export interface ActorContext {
  actors: Actors;
  tokens: Tokens;
  now(): number;
  /** How long an offer rings before it goes to someone else, unless the tenant set its own. */
  ringTimeoutMs: number;
  /** How long an agent's wrap-up after a call holds back their next offer (0: none), unless the tenant set its own. */
  wrapUpMs: number;
  /** How long a participant may take to reconnect (a reload, a network change) before they count as gone. */
  reconnectGraceMs: number;
  /** The ICE servers calls use; each participant gets TURN credentials of their own. */
  ice: IceConfig;
  /** How webhook deliveries are retried. */
  webhookRetry: WebhookRetry;
  /** The window in which an agent's searches of the contacts are counted, when not `limits.searchesPerAgent`'s minute. */
  searchWindowMs?: number;
}

/**
 * Sends one JSON message, ignoring a socket that has just closed.
 * @example sendJson(socket, { type: 'queued', position: 1 });
 */
export function sendJson(socket: ActorSocket<unknown>, message: unknown): void {
  sendText(socket, JSON.stringify(message));
}

/**
 * Sends text already made into JSON, ignoring a socket that has just closed.
 * @example sendText(socket, '{"type":"ack","seq":3}');
 */
export function sendText(socket: ActorSocket<unknown>, text: string): void {
  try {
    socket.send(text);
  } catch {
    // The close handler of that socket does the clean-up.
  }
}

/**
 * Handles one socket message; if handling it fails, the sender is told so,
 * as an HTTP request would get a 500, rather than waiting for an answer that
 * never comes. The failure still goes on to the host's log.
 * @example await answerFailure(socket, () => switchboard.socketMessage(socket, text));
 */
export async function answerFailure(socket: ActorSocket<unknown>, handle: () => Promise<void>): Promise<void> {
  try {
    await handle();
  } catch (error) {
    sendJson(socket, { type: 'error', code: 'internal', message: 'Something went wrong on our side. Please try again.' });
    throw error;
  }
}
