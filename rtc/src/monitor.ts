// Listening in on a call: the agent's console sends both sides' audio (the
// visitor's as it arrives, and its own microphone) to a supervisor on a peer
// connection of its own, so the visitor's connection is never touched and
// the visitor never learns the supervisor's address.
import type { MonitorConnection, Signal } from '@beckon/protocol';
import { createPeerCall, type PeerCall } from './peer-call.ts';

/**
 * The agent's end: offers and sends `tracks` (receive nothing).
 * @example const monitor = sendToMonitor(message, [visitorAudio, microphone], (signal) => send({ type: 'monitor-signal', monitorId, ...signal }));
 */
export function sendToMonitor(connection: MonitorConnection, tracks: MediaStreamTrack[], sendSignal: (signal: Signal) => void): PeerCall {
  return createPeerCall({ polite: false, ...connection, localStream: new MediaStream(tracks), sendSignal });
}

/**
 * The supervisor's end: answers and plays what arrives (its `remote-stream` event).
 * @example const monitor = listenToCall(message, (signal) => board.send({ type: 'monitor-signal', monitorId, ...signal })); monitor.on(play);
 */
export function listenToCall(connection: MonitorConnection, sendSignal: (signal: Signal) => void): PeerCall {
  return createPeerCall({ polite: true, ...connection, localStream: new MediaStream(), sendSignal });
}
