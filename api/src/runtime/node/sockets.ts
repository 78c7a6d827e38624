// The Node host's WebSockets. The app authenticates an upgrade request like
// any other request, and its `connect` names the actor; then `ws` takes the
// socket and hands its events straight to that actor. Nothing of the request
// outlives the handshake: an open socket keeps its `ws` object and its
// attachment, where Hono's WebSocket helper kept each socket's whole request
// context and built an event object for every message (docs/performance.md).
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { answerFailure, type ActorSocket } from '../../actors/host.ts';
import { ApiError } from '../../http/api-error.ts';
import type { SocketTarget } from '../../http/app.ts';
import type { ParticipantAttachment } from '../../actors/conversation.ts';
import type { NodeActors } from './actors.ts';
import { deliveryConfirmer } from './delivery.ts';
import { turnWrites } from './turn-writes.ts';
import type { SocketKind } from './metrics.ts';

/** What an upgrade request carries through the app: where to leave the socket's target. */
interface UpgradeEnv {
  accept?: (target: SocketTarget) => void;
}

// Hop-by-hop headers and the handshake's own are not the refusal's to send.
const refusalHeadersSkipped = new Set(['connection', 'content-length', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * The host's WebSocket server: `connect` for the app, `listen` for the HTTP server.
 * @example const sockets = createSocketServer(actors); const app = createApp({ actors, tokens, connect: sockets.connect }); sockets.listen(server, app.fetch);
 */
export function createSocketServer(actors: NodeActors, watch: { message(): void; failure(): void } = { message() {}, failure() {} }) {
  // Big frames are cut off by ws itself; the protocol limit answers smaller ones with an error.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const open: Record<SocketKind, number> = { agent: 0, supervisor: 0, conversation: 0 };

  // A signal relayed outside the queue fails as a socket event does: the sender hears so, the log gets the error.
  function relayedNow(conversationId: string, socket: ActorSocket<ParticipantAttachment>, text: string): boolean {
    try {
      return actors.relaySignalNow(conversationId, socket, text);
    } catch (error) {
      watch.failure();
      void answerFailure(socket, () => Promise.reject(error)).catch((failure) => console.error(failure));
      return true;
    }
  }

  function opened(ws: WebSocket, connection: Duplex, target: SocketTarget): void {
    const kind: SocketKind = target.actor === 'conversation' ? 'conversation' : target.attachment.board ? 'supervisor' : 'agent';
    open[kind]++;
    // Held until the writes they may tell of are committed; a socket whose messages were lost starts over.
    const afterCommit = (work: () => void) => actors.afterCommit(work, () => ws.close(1011, 'Storage failed; reconnect.'));
    const turn = turnWrites(connection);
    let confirm: ReturnType<typeof deliveryConfirmer> | undefined;
    const socket: ActorSocket<unknown> = {
      attachment: target.attachment,
      send: (text) => afterCommit(() => turn.together(() => ws.send(text))),
      close: (code, reason) => afterCommit(() => ws.close(code, reason)),
      reattach: (attachment) => void ((socket as { attachment: unknown }).attachment = attachment),
      // A ping that is due joins the turn's write by itself (turn.atEnd).
      confirm: (delivered) => afterCommit(() => (confirm ??= deliveryConfirmer(ws, turn.atEnd))(delivered)),
    };
    const run = (work: Parameters<NodeActors['socketEvent']>[1]) => void actors.socketEvent(target, work);
    run(async (events, sockets) => {
      sockets.add(socket);
      await events.socketOpened(socket);
    });
    const conversationId = target.actor === 'conversation' ? target.conversationId : null;
    ws.on('message', (data, isBinary) => {
      watch.message();
      const text = isBinary ? '' : String(data);
      if (conversationId !== null && relayedNow(conversationId, socket as ActorSocket<ParticipantAttachment>, text)) return;
      run((events) => answerFailure(socket, () => events.socketMessage(socket, text)).catch((error) => {
        watch.failure();
        throw error;
      }));
    });
    ws.on('close', () => {
      open[kind]--;
      run(async (events, sockets) => {
        sockets.delete(socket);
        await events.socketClosed(socket);
      });
    });
    // ws closes the socket after an error; the close handler does the rest.
    ws.on('error', () => {});
  }

  async function upgrade(fetch: (request: Request, env: UpgradeEnv) => Response | Promise<Response>, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => {});
    let target: SocketTarget | undefined;
    let response: Response;
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
      response = await fetch(new Request(url, { headers }), { accept: (accepted) => (target = accepted) });
    } catch {
      response = new Response(null, { status: 500 });
    }
    if (socket.destroyed) return;
    if (target) {
      const accepted = target;
      wss.handleUpgrade(request, socket, head, (ws) => opened(ws, socket, accepted));
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    const headers = [...response.headers].filter(([name]) => !refusalHeadersSkipped.has(name)).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\nConnection: close\r\nContent-Length: ${body.length}\r\n${headers.join('')}\r\n`), body]));
  }

  return {
    /** How many sockets of each kind are open. */
    counts: (): Record<SocketKind, number> => ({ ...open }),
    /** The app's `connect`: the request is authenticated; its socket goes to `target`. */
    connect(c: Context, target: SocketTarget): Response {
      const { accept } = (c.env ?? {}) as UpgradeEnv;
      if (!accept) throw new ApiError(400, 'bad_request', 'Expected a WebSocket upgrade.');
      accept(target);
      return new Response(null, { status: 200 });
    },
    /** Answers `server`'s upgrade requests through `fetch`, the app's. */
    listen(server: Server, fetch: (request: Request, env: UpgradeEnv) => Response | Promise<Response>): void {
      server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void upgrade(fetch, request, socket, head));
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
