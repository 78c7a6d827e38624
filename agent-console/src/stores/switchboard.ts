// The agent's presence socket to the Switchboard. The server counts an agent
// with no socket as offline, so a dropped socket is reopened with backoff
// for as long as the agent is signed in.
import { agentRefusedCloseCode, socketProtocols, type AgentClientMessage, type AgentServerMessage } from '@beckon/protocol';
import { atom } from 'nanostores';

/** Whether the console can hear offers right now. */
export type SwitchboardLink = 'offline' | 'connecting' | 'open';

export interface SwitchboardOptions {
  apiBase: string;
  /** A valid access token at the moment of (re)connecting; null stops trying. */
  accessToken(): Promise<string | null>;
  onOpen(): void;
  onMessage(message: AgentServerMessage): void;
  /** The socket dropped; a reconnect is already scheduled. */
  onDrop(): void;
  /** The server closed the socket because the agent may not work (removed); a reconnect is scheduled all the same. */
  onRefused(): void;
}

export const $switchboard = atom<SwitchboardLink>('offline');

const firstDelayMs = 500;
// Capped low: a console that is not connected misses offers, and a restarted server should see agents back within seconds.
const maxDelayMs = 8_000;
let socket: WebSocket | null = null;
let current: SwitchboardOptions | null = null;
let attempt = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Builds the presence socket's URL on the API's origin.
 * @example switchboardSocketUrl('https://a.example') // 'wss://a.example/v1/agent/ws'
 */
export function switchboardSocketUrl(apiBase: string): string {
  const url = new URL('/v1/agent/ws', apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * How long to wait before reconnect attempt `attempt` (0-based): doubling
 * from half a second up to 8 s, jittered so a restarted server is not hit
 * by every console at once.
 * @example reconnectDelayMs(3, () => 0.5) // 4000
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(maxDelayMs, firstDelayMs * 2 ** attempt);
  return Math.round(base * (0.5 + random()));
}

/**
 * Opens the presence socket and keeps it open until `disconnectSwitchboard`.
 * @example connectSwitchboard({ apiBase: location.origin, accessToken: freshAccessToken, onOpen, onMessage: receive, onDrop });
 */
export function connectSwitchboard(options: SwitchboardOptions): void {
  disconnectSwitchboard();
  current = options;
  attempt = 0;
  void open(options);
}

async function open(options: SwitchboardOptions): Promise<void> {
  $switchboard.set('connecting');
  const token = await options.accessToken();
  if (current !== options) return;
  if (!token) return disconnectSwitchboard();
  const ws = new WebSocket(switchboardSocketUrl(options.apiBase), socketProtocols(token));
  socket = ws;
  ws.onopen = () => {
    attempt = 0;
    $switchboard.set('open');
    options.onOpen();
  };
  ws.onmessage = (event) => {
    const message = readMessage(event.data);
    if (message) options.onMessage(message);
  };
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    $switchboard.set('connecting');
    options.onDrop();
    if (event.code === agentRefusedCloseCode) options.onRefused();
    retryTimer = setTimeout(() => void open(options), reconnectDelayMs(attempt++));
  };
}

function readMessage(data: unknown): AgentServerMessage | null {
  try {
    const message: unknown = JSON.parse(String(data));
    const typed = typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
    return typed ? (message as AgentServerMessage) : null;
  } catch {
    return null;
  }
}

/**
 * Closes the presence socket for good; the server then treats the agent as offline.
 * @example disconnectSwitchboard();
 */
export function disconnectSwitchboard(): void {
  current = null;
  clearTimeout(retryTimer);
  const ws = socket;
  socket = null;
  ws?.close(1000);
  $switchboard.set('offline');
}

/**
 * Sends a message if the socket is open.
 * @example sendToSwitchboard({ type: 'presence', status: 'away' }) // true when sent
 */
export function sendToSwitchboard(message: AgentClientMessage): boolean {
  if (socket?.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(message));
  return true;
}
