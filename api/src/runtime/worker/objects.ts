// The Durable Objects: each hosts one actor with its own SQLite storage,
import { socketProtocol } from '@beckon/protocol';
// hibernatable WebSockets (attachments survive eviction) and one alarm.
import { DurableObject } from 'cloudflare:workers';
import { Conversation, type ParticipantAttachment } from '../../actors/conversation.ts';
import { Directory } from '../../actors/directory.ts';
import { answerFailure, type ActorHost, type ActorSocket, type ConversationApi, type DirectoryApi, type SwitchboardApi } from '../../actors/host.ts';
import { Switchboard, type AgentAttachment } from '../../actors/switchboard.ts';
import { migrate, type Storage } from '../../storage/storage.ts';
import { visitorSessionsPerMinute, workerContext, type Env } from './env.ts';
import { migrations } from './migrations.ts';

/** The header the Worker uses to hand a verified socket owner to an object. */
export const attachmentHeader = 'X-Beckon-Attachment';

function sqlStorage(storage: DurableObjectStorage): Storage {
  return {
    // A Durable Object takes a BLOB as an ArrayBuffer.
    exec: (sql, ...params) => storage.sql.exec(sql, ...params.map((value) => (value instanceof Uint8Array ? value.slice().buffer : value))).toArray() as never,
    transaction: (work) => storage.transactionSync(work),
  };
}

/** What a socket-owning actor does with socket events and its alarm. */
interface SocketEvents<A> {
  opened(socket: ActorSocket<A>): Promise<void>;
  message(socket: ActorSocket<A>, text: string): Promise<void>;
  closed(socket: ActorSocket<A>): Promise<void>;
  alarm(): Promise<void>;
}

/**
 * Runs an actor's socket events and alarms one at a time, in arrival order,
 * as the Node host does: an actor awaiting another object must not see the
 * next message of the same socket before it is done with this one.
 */
abstract class SocketObject<A> extends DurableObject<Env> {
  protected readonly storage: Storage;
  #queue: Promise<void> = Promise.resolve();
  #sockets = new WeakMap<WebSocket, ActorSocket<A>>();

  constructor(ctx: DurableObjectState, env: Env, kind: keyof typeof migrations) {
    super(ctx, env);
    this.storage = sqlStorage(ctx.storage);
    migrate(this.storage, migrations[kind]);
  }

  protected abstract events(): SocketEvents<A>;

  protected host(): ActorHost<A> {
    return {
      sockets: () => this.ctx.getWebSockets().map((ws) => this.#socket(ws)),
      setAlarm: (at) => void (at === null ? this.ctx.storage.deleteAlarm() : this.ctx.storage.setAlarm(at)),
    };
  }

  // The same WebSocket always maps to the same ActorSocket, so actors can compare them.
  #socket(ws: WebSocket): ActorSocket<A> {
    let socket = this.#sockets.get(ws);
    if (!socket) {
      const created: ActorSocket<A> = {
        attachment: ws.deserializeAttachment() as A,
        send: (text) => ws.send(text),
        close: (code, reason) => ws.close(code, reason),
        reattach: (attachment) => {
          ws.serializeAttachment(attachment);
          (created as { attachment: A }).attachment = attachment;
        },
      };
      socket = created;
      this.#sockets.set(ws, socket);
    }
    return socket;
  }

  #run(work: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(work).catch((error) => console.error(error));
    return this.#queue;
  }

  override async fetch(request: Request): Promise<Response> {
    const attachment = request.headers.get(attachmentHeader);
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket' || !attachment) return new Response('Expected a WebSocket', { status: 400 });
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment(JSON.parse(attachment));
    void this.#run(() => this.events().opened(this.#socket(server)));
    // A socket offered Beckon's subprotocol must be answered with it, or the browser drops it.
    const offered = request.headers.get('Sec-WebSocket-Protocol')?.split(',')[0]?.trim();
    return new Response(null, { status: 101, webSocket: client, headers: offered === socketProtocol ? { 'Sec-WebSocket-Protocol': socketProtocol } : {} });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const socket = this.#socket(ws);
    await this.#run(() => answerFailure(socket, () => this.events().message(socket, typeof message === 'string' ? message : '')));
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    // Complete the closing handshake, or the client waits for it until it times out.
    try {
      ws.close(code === 1005 ? 1000 : code);
    } catch {
      // Already closed.
    }
    await this.#run(() => this.events().closed(this.#socket(ws)));
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.webSocketClose(ws, 1011);
  }

  override async alarm(): Promise<void> {
    await this.#run(() => this.events().alarm());
  }
}

/** The one directory of widget keys, tenants and agent logins. */
export class DirectoryObject extends DurableObject<Env> implements DirectoryApi {
  #directory: Directory;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const storage = sqlStorage(ctx.storage);
    migrate(storage, migrations.directory);
    this.#directory = new Directory(storage, Date.now, visitorSessionsPerMinute(env));
  }

  ensureTenant(...args: Parameters<DirectoryApi['ensureTenant']>) { return this.#directory.ensureTenant(...args); }
  hasTenant(...args: Parameters<DirectoryApi['hasTenant']>) { return this.#directory.hasTenant(...args); }
  admitVisitor(...args: Parameters<DirectoryApi['admitVisitor']>) { return this.#directory.admitVisitor(...args); }
  addAgentLogin(...args: Parameters<DirectoryApi['addAgentLogin']>) { return this.#directory.addAgentLogin(...args); }
  widgetKey(...args: Parameters<DirectoryApi['widgetKey']>) { return this.#directory.widgetKey(...args); }
  tenantOfAgent(...args: Parameters<DirectoryApi['tenantOfAgent']>) { return this.#directory.tenantOfAgent(...args); }
  relayOnly(...args: Parameters<DirectoryApi['relayOnly']>) { return this.#directory.relayOnly(...args); }
  signInAttempt(...args: Parameters<DirectoryApi['signInAttempt']>) { return this.#directory.signInAttempt(...args); }
  signInSucceeded(...args: Parameters<DirectoryApi['signInSucceeded']>) { return this.#directory.signInSucceeded(...args); }
  claimAgentLogin(...args: Parameters<DirectoryApi['claimAgentLogin']>) { return this.#directory.claimAgentLogin(...args); }
  releaseAgentLogin(...args: Parameters<DirectoryApi['releaseAgentLogin']>) { return this.#directory.releaseAgentLogin(...args); }
  setRelayOnly(...args: Parameters<DirectoryApi['setRelayOnly']>) { return this.#directory.setRelayOnly(...args); }
  allowedOrigins(...args: Parameters<DirectoryApi['allowedOrigins']>) { return this.#directory.allowedOrigins(...args); }
  addAllowedOrigin(...args: Parameters<DirectoryApi['addAllowedOrigin']>) { return this.#directory.addAllowedOrigin(...args); }
  removeAllowedOrigin(...args: Parameters<DirectoryApi['removeAllowedOrigin']>) { return this.#directory.removeAllowedOrigin(...args); }
  widgetKeys(...args: Parameters<DirectoryApi['widgetKeys']>) { return this.#directory.widgetKeys(...args); }
  createWidgetKey(...args: Parameters<DirectoryApi['createWidgetKey']>) { return this.#directory.createWidgetKey(...args); }
  rotateWidgetKey(...args: Parameters<DirectoryApi['rotateWidgetKey']>) { return this.#directory.rotateWidgetKey(...args); }
  revokeWidgetKey(...args: Parameters<DirectoryApi['revokeWidgetKey']>) { return this.#directory.revokeWidgetKey(...args); }
  identitySecret(...args: Parameters<DirectoryApi['identitySecret']>) { return this.#directory.identitySecret(...args); }
  makeIdentitySecret(...args: Parameters<DirectoryApi['makeIdentitySecret']>) { return this.#directory.makeIdentitySecret(...args); }
  removeIdentitySecret(...args: Parameters<DirectoryApi['removeIdentitySecret']>) { return this.#directory.removeIdentitySecret(...args); }
  verifyIdentity(...args: Parameters<DirectoryApi['verifyIdentity']>) { return this.#directory.verifyIdentity(...args); }
}

/** One tenant's switchboard, named by the tenant id. */
export class SwitchboardObject extends SocketObject<AgentAttachment> implements SwitchboardApi {
  #switchboard: Switchboard;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env, 'switchboard');
    this.#switchboard = new Switchboard(tenantIdOf(ctx), this.storage, this.host(), workerContext(env));
  }

  protected events(): SocketEvents<AgentAttachment> {
    const switchboard = this.#switchboard;
    return {
      opened: (socket) => switchboard.agentSocketOpened(socket),
      message: (socket, text) => switchboard.agentSocketMessage(socket, text),
      closed: (socket) => switchboard.agentSocketClosed(socket),
      alarm: () => switchboard.alarm(),
    };
  }

  addAgent(...args: Parameters<SwitchboardApi['addAgent']>) { return this.#switchboard.addAgent(...args); }
  setAgentPassword(...args: Parameters<SwitchboardApi['setAgentPassword']>) { return this.#switchboard.setAgentPassword(...args); }
  verifyAgent(...args: Parameters<SwitchboardApi['verifyAgent']>) { return this.#switchboard.verifyAgent(...args); }
  saveRefreshToken(...args: Parameters<SwitchboardApi['saveRefreshToken']>) { return this.#switchboard.saveRefreshToken(...args); }
  useRefreshToken(...args: Parameters<SwitchboardApi['useRefreshToken']>) { return this.#switchboard.useRefreshToken(...args); }
  endRefreshTokenFamily(...args: Parameters<SwitchboardApi['endRefreshTokenFamily']>) { return this.#switchboard.endRefreshTokenFamily(...args); }
  enqueue(...args: Parameters<SwitchboardApi['enqueue']>) { return this.#switchboard.enqueue(...args); }
  queueStatus(...args: Parameters<SwitchboardApi['queueStatus']>) { return this.#switchboard.queueStatus(...args); }
  saveQueue(...args: Parameters<SwitchboardApi['saveQueue']>) { return this.#switchboard.saveQueue(...args); }
  setAgentRouting(...args: Parameters<SwitchboardApi['setAgentRouting']>) { return this.#switchboard.setAgentRouting(...args); }
  contactEnded(...args: Parameters<SwitchboardApi['contactEnded']>) { return this.#switchboard.contactEnded(...args); }
  recordQuality(...args: Parameters<SwitchboardApi['recordQuality']>) { return this.#switchboard.recordQuality(...args); }
  mediaChanged(...args: Parameters<SwitchboardApi['mediaChanged']>) { return this.#switchboard.mediaChanged(...args); }
  holdChanged(...args: Parameters<SwitchboardApi['holdChanged']>) { return this.#switchboard.holdChanged(...args); }
  report(...args: Parameters<SwitchboardApi['report']>) { return this.#switchboard.report(...args); }
  agentOnAnotherCall(...args: Parameters<SwitchboardApi['agentOnAnotherCall']>) { return this.#switchboard.agentOnAnotherCall(...args); }
  transcript(...args: Parameters<SwitchboardApi['transcript']>) { return this.#switchboard.transcript(...args); }
  transferTargets(...args: Parameters<SwitchboardApi['transferTargets']>) { return this.#switchboard.transferTargets(...args); }
  contacts(...args: Parameters<SwitchboardApi['contacts']>) { return this.#switchboard.contacts(...args); }
  admitSearch(...args: Parameters<SwitchboardApi['admitSearch']>) { return this.#switchboard.admitSearch(...args); }
  submitSurvey(...args: Parameters<SwitchboardApi['submitSurvey']>) { return this.#switchboard.submitSurvey(...args); }
  setWebhookEndpoints(...args: Parameters<SwitchboardApi['setWebhookEndpoints']>) { return this.#switchboard.setWebhookEndpoints(...args); }
  webhookDeliveries() { return this.#switchboard.webhookDeliveries(); }
  queueHours(...args: Parameters<SwitchboardApi['queueHours']>) { return this.#switchboard.queueHours(...args); }
  setQueueHours(...args: Parameters<SwitchboardApi['setQueueHours']>) { return this.#switchboard.setQueueHours(...args); }
  leaveMessage(...args: Parameters<SwitchboardApi['leaveMessage']>) { return this.#switchboard.leaveMessage(...args); }
  requestCallback(...args: Parameters<SwitchboardApi['requestCallback']>) { return this.#switchboard.requestCallback(...args); }
  callbackReachable(...args: Parameters<SwitchboardApi['callbackReachable']>) { return this.#switchboard.callbackReachable(...args); }
  callbackAnswered(...args: Parameters<SwitchboardApi['callbackAnswered']>) { return this.#switchboard.callbackAnswered(...args); }
  agentRole(...args: Parameters<SwitchboardApi['agentRole']>) { return this.#switchboard.agentRole(...args); }
  teamAgents() { return this.#switchboard.teamAgents(); }
  inviteAgent(...args: Parameters<SwitchboardApi['inviteAgent']>) { return this.#switchboard.inviteAgent(...args); }
  inviteDetails(...args: Parameters<SwitchboardApi['inviteDetails']>) { return this.#switchboard.inviteDetails(...args); }
  acceptInvite(...args: Parameters<SwitchboardApi['acceptInvite']>) { return this.#switchboard.acceptInvite(...args); }
  updateAgent(...args: Parameters<SwitchboardApi['updateAgent']>) { return this.#switchboard.updateAgent(...args); }
  resetAgent(...args: Parameters<SwitchboardApi['resetAgent']>) { return this.#switchboard.resetAgent(...args); }
  removeAgent(...args: Parameters<SwitchboardApi['removeAgent']>) { return this.#switchboard.removeAgent(...args); }
  queues() { return this.#switchboard.queues(); }
  createQueue(...args: Parameters<SwitchboardApi['createQueue']>) { return this.#switchboard.createQueue(...args); }
  updateQueue(...args: Parameters<SwitchboardApi['updateQueue']>) { return this.#switchboard.updateQueue(...args); }
  deleteQueue(...args: Parameters<SwitchboardApi['deleteQueue']>) { return this.#switchboard.deleteQueue(...args); }
  deleteContact(...args: Parameters<SwitchboardApi['deleteContact']>) { return this.#switchboard.deleteContact(...args); }
  savedReplies() { return this.#switchboard.savedReplies(); }
  addSavedReply(...args: Parameters<SwitchboardApi['addSavedReply']>) { return this.#switchboard.addSavedReply(...args); }
  changeSavedReply(...args: Parameters<SwitchboardApi['changeSavedReply']>) { return this.#switchboard.changeSavedReply(...args); }
  deleteSavedReply(...args: Parameters<SwitchboardApi['deleteSavedReply']>) { return this.#switchboard.deleteSavedReply(...args); }
  visitorBlocked(...args: Parameters<SwitchboardApi['visitorBlocked']>) { return this.#switchboard.visitorBlocked(...args); }
  blockVisitor(...args: Parameters<SwitchboardApi['blockVisitor']>) { return this.#switchboard.blockVisitor(...args); }
  visitorBlocks() { return this.#switchboard.visitorBlocks(); }
  unblockVisitor(...args: Parameters<SwitchboardApi['unblockVisitor']>) { return this.#switchboard.unblockVisitor(...args); }
  contactRecorded(...args: Parameters<SwitchboardApi['contactRecorded']>) { return this.#switchboard.contactRecorded(...args); }
  contactRecordings(...args: Parameters<SwitchboardApi['contactRecordings']>) { return this.#switchboard.contactRecordings(...args); }
  contactRecordingFile(...args: Parameters<SwitchboardApi['contactRecordingFile']>) { return this.#switchboard.contactRecordingFile(...args); }
  settings() { return this.#switchboard.settings(); }
  changeSettings(...args: Parameters<SwitchboardApi['changeSettings']>) { return this.#switchboard.changeSettings(...args); }
}

/** One conversation, named by its id. */
export class ConversationObject extends SocketObject<ParticipantAttachment> implements ConversationApi {
  #conversation: Conversation;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env, 'conversation');
    this.#conversation = new Conversation(this.storage, this.host(), workerContext(env));
  }

  protected events(): SocketEvents<ParticipantAttachment> {
    const conversation = this.#conversation;
    return {
      opened: (socket) => conversation.socketOpened(socket),
      message: (socket, text) => conversation.socketMessage(socket, text),
      closed: (socket) => conversation.socketClosed(socket),
      alarm: () => conversation.alarm(),
    };
  }

  open(...args: Parameters<ConversationApi['open']>) { return this.#conversation.open(...args); }
  queued(...args: Parameters<ConversationApi['queued']>) { return this.#conversation.queued(...args); }
  assign(...args: Parameters<ConversationApi['assign']>) { return this.#conversation.assign(...args); }
  transcript() { return this.#conversation.transcript(); }
  handOver(...args: Parameters<ConversationApi['handOver']>) { return this.#conversation.handOver(...args); }
  longWait(...args: Parameters<ConversationApi['longWait']>) { return this.#conversation.longWait(...args); }
  awaitCallback(...args: Parameters<ConversationApi['awaitCallback']>) { return this.#conversation.awaitCallback(...args); }
  ringVisitor(...args: Parameters<ConversationApi['ringVisitor']>) { return this.#conversation.ringVisitor(...args); }
  stopRinging() { return this.#conversation.stopRinging(); }
  end(...args: Parameters<ConversationApi['end']>) { return this.#conversation.end(...args); }
  erase() { return this.#conversation.erase(); }
  beginRecording(...args: Parameters<ConversationApi['beginRecording']>) { return this.#conversation.beginRecording(...args); }
  addRecordingPart(...args: Parameters<ConversationApi['addRecordingPart']>) { return this.#conversation.addRecordingPart(...args); }
  recordings() { return this.#conversation.recordings(); }
  recordingFile(...args: Parameters<ConversationApi['recordingFile']>) { return this.#conversation.recordingFile(...args); }
}

// Objects are always reached by name (the tenant id), so the id carries it.
function tenantIdOf(ctx: DurableObjectState): string {
  const name = ctx.id.name;
  if (!name) throw new Error('A switchboard must be reached by its tenant id.');
  return name;
}
