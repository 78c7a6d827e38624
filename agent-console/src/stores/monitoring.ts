// A supervisor listening in on this agent's call: the console sends the
// visitor's audio, as it arrives, and the agent's own microphone to them on a
// listening connection of its own. The agent is always shown that it happens.
import type { AgentServerMessage } from '@beckon/protocol';
import { sendToMonitor, type PeerCall } from '@beckon/rtc';
import { atom } from 'nanostores';
import { engineOf } from './conversations.ts';
import { sendToSwitchboard } from './switchboard.ts';

export interface Monitor { monitorId: string; contactId: string; supervisor: string }

export const $monitors = atom<Monitor[]>([]);

const connections = new Map<string, PeerCall>();

/**
 * A supervisor asked to listen: starts sending them both sides' audio.
 * @example startMonitor({ type: 'monitor', monitorId: 'm1', contactId: 'c1', supervisor: { name: 'Morgan' }, iceServers: [], iceTransportPolicy: 'all' });
 */
export function startMonitor(message: Extract<AgentServerMessage, { type: 'monitor' }>): void {
  const engine = engineOf(message.contactId);
  const visitorAudio = (engine?.peer?.connection.getReceivers() ?? [])
    .map((receiver) => receiver.track)
    .filter((track) => track.kind === 'audio' && track.readyState === 'live');
  const tracks = [...visitorAudio, ...(engine?.localStream.getAudioTracks() ?? [])];
  const { monitorId } = message;
  const connection = sendToMonitor(message, tracks, (signal) => sendToSwitchboard({ type: 'monitor-signal', monitorId, ...signal }));
  connections.set(monitorId, connection);
  $monitors.set([...$monitors.get(), { monitorId, contactId: message.contactId, supervisor: message.supervisor.name }]);
}

/**
 * A signal of a listening connection, from the supervisor.
 * @example monitorSignal({ type: 'monitor-signal', monitorId: 'm1', description: { type: 'answer', sdp } });
 */
export function monitorSignal(message: Extract<AgentServerMessage, { type: 'monitor-signal' }>): void {
  const { type: _type, monitorId, ...signal } = message;
  void connections.get(monitorId)?.handleSignal(signal);
}

/**
 * Listening stopped (the supervisor left, or the call ended).
 * @example endMonitor('m1');
 */
export function endMonitor(monitorId: string): void {
  connections.get(monitorId)?.close();
  connections.delete(monitorId);
  $monitors.set($monitors.get().filter((monitor) => monitor.monitorId !== monitorId));
}

/**
 * Ends every listening connection, e.g. on sign-out.
 * @example resetMonitors();
 */
export function resetMonitors(): void {
  for (const monitorId of connections.keys()) endMonitor(monitorId);
  $monitors.set([]);
}
