// The supervisor's board: its own socket to the Switchboard, which pushes the
// whole picture (queues, agents, waiting contacts, calls) whenever it changes
// and carries whispers and reassignments.
import { boardRefusedCloseCode, socketProtocols, watchesBoard, type Board, type BoardClientMessage, type BoardServerMessage, type Whisper } from '@beckon/protocol';
import { listenToCall, type PeerCall } from '@beckon/rtc';
import { atom, computed } from 'nanostores';
import { showNotice } from './notice.ts';
import { $session, refreshSession } from './session.ts';
import { reconnectDelayMs, type SwitchboardLink } from './switchboard.ts';

export interface BoardState {
  link: SwitchboardLink;
  board: Board | null;
  /** How far this browser's clock is behind the server's (ms), so times in state tick locally. */
  clockOffsetMs: number;
  whispers: Whisper[];
  error: string | null;
  /** The call this supervisor listens to, and its audio once it arrives. */
  listening: { monitorId: string | null; contactId: string; stream: MediaStream | null } | null;
}

/** Whether the signed-in agent may see the Board: supervisors and admins. */
export const $isSupervisor = computed($session, (session) => watchesBoard(session?.agent.role));

const empty: BoardState = { link: 'offline', board: null, clockOffsetMs: 0, whispers: [], error: null, listening: null };
let listener: PeerCall | null = null;
export const $board = atom<BoardState>(empty);

/** How many whispers the board keeps on screen. */
const keptWhispers = 200;

let socket: WebSocket | null = null;
let wanted: { apiBase: string; accessToken(): Promise<string | null> } | null = null;
let attempt = 0;
let retry: ReturnType<typeof setTimeout> | undefined;

/**
 * Opens the board and keeps it open (reconnecting with backoff) until `closeBoard`.
 * @example openBoard({ apiBase: location.origin, accessToken: freshAccessToken });
 */
export function openBoard(options: { apiBase: string; accessToken(): Promise<string | null> }): void {
  closeBoard();
  wanted = options;
  attempt = 0;
  void connect(options);
}

async function connect(options: NonNullable<typeof wanted>): Promise<void> {
  $board.set({ ...$board.get(), link: 'connecting' });
  const token = await options.accessToken();
  if (wanted !== options) return;
  if (!token) return closeBoard();
  const url = new URL('/v1/supervisor/ws', options.apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, socketProtocols(token));
  socket = ws;
  ws.onopen = () => {
    attempt = 0;
    $board.set({ ...$board.get(), link: 'open', error: null });
  };
  ws.onmessage = (event) => receiveBoardMessage(JSON.parse(String(event.data)) as BoardServerMessage);
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    // An admin took the role away: no reconnecting, and the session learns the new role, which hides the Board.
    if (event.code === boardRefusedCloseCode) {
      closeBoard();
      showNotice('An admin changed your role: the Board is for supervisors and admins.', 'alert');
      return void refreshSession();
    }
    $board.set({ ...$board.get(), link: 'connecting' });
    retry = setTimeout(() => void connect(options), reconnectDelayMs(attempt++));
  };
}

/**
 * Applies one message from the board socket.
 * @example receiveBoardMessage({ type: 'error', code: 'conflict', message: 'That person is not signed in.' });
 */
export function receiveBoardMessage(message: BoardServerMessage, now = Date.now()): void {
  const state = $board.get();
  if (message.type === 'board') return $board.set({ ...state, board: message.board, clockOffsetMs: message.board.at - now });
  if (message.type === 'whisper') return $board.set({ ...state, whispers: [...state.whispers, message.whisper].slice(-keptWhispers) });
  if (message.type === 'monitor-started') return startListening(message);
  if (message.type === 'monitor-signal') {
    const { type: _type, monitorId, ...signal } = message;
    if (monitorId === state.listening?.monitorId) void listener?.handleSignal(signal);
    return;
  }
  if (message.type === 'monitor-ended') return message.monitorId === state.listening?.monitorId ? stopListening(false) : undefined;
  $board.set({ ...state, error: message.message, listening: state.listening?.monitorId === null ? null : state.listening });
}

function startListening(message: Extract<BoardServerMessage, { type: 'monitor-started' }>): void {
  const state = $board.get();
  if (state.listening?.contactId !== message.contactId || state.listening.monitorId) return send({ type: 'monitor-stop', monitorId: message.monitorId });
  const { monitorId } = message;
  listener = listenToCall(message, (signal) => send({ type: 'monitor-signal', monitorId, ...signal }));
  listener.on((event) => {
    const current = $board.get();
    if (event.type === 'remote-stream' && current.listening?.monitorId === monitorId) $board.set({ ...current, listening: { ...current.listening, stream: event.stream } });
  });
  $board.set({ ...state, listening: { monitorId, contactId: message.contactId, stream: null } });
}

/**
 * Listens in on a live call, silently (the agent sees it); one call at a time.
 * @example listen(contactId);
 */
export function listen(contactId: string): void {
  stopListening(true);
  $board.set({ ...$board.get(), listening: { monitorId: null, contactId, stream: null } });
  send({ type: 'monitor', contactId });
}

/**
 * Stops listening; `tell` says so to the server (not needed when it ended the listening).
 * @example stopListening(true);
 */
export function stopListening(tell: boolean): void {
  const { listening } = $board.get();
  if (tell && listening?.monitorId) send({ type: 'monitor-stop', monitorId: listening.monitorId });
  listener?.close();
  listener = null;
  $board.set({ ...$board.get(), listening: null });
}

/**
 * Closes the board for good (leaving the page, signing out).
 * @example closeBoard();
 */
export function closeBoard(): void {
  listener?.close();
  listener = null;
  wanted = null;
  clearTimeout(retry);
  const ws = socket;
  socket = null;
  ws?.close(1000);
  $board.set(empty);
}

function send(message: BoardClientMessage): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  else $board.set({ ...$board.get(), error: 'The board is reconnecting; try again in a moment.' });
}

/**
 * Hands the open board a fresh access token, so that the server keeps it
 * open past the one it opened with; a closed board opens with a fresh one anyway.
 * @example renewBoard(session.accessToken);
 */
export function renewBoard(token: string): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'renew', token } satisfies BoardClientMessage));
}

/**
 * Sends a private message to an agent; the visitor never sees it.
 * @example whisper(agentId, 'Offer the refund');
 */
export function whisper(to: string, text: string): void {
  if (text.trim()) send({ type: 'whisper', to, text });
}

/**
 * Gives a waiting contact to one agent; the offer ringing elsewhere is withdrawn.
 * @example reassign(contactId, agentId);
 */
export function reassign(contactId: string, agentId: string): void {
  send({ type: 'reassign', contactId, agentId });
}
