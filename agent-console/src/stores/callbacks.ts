// Visitors who asked to be called back, as the Switchboard lists them for
// this agent (their queue is open, the agent has its skills), and calling
// one back: the visitor's widget rings, and the call starts when they accept.
import type { AgentServerMessage, CallbackTask } from '@beckon/protocol';
import { browserDevices, type DeviceAccess } from '@beckon/rtc';
import { atom } from 'nanostores';
import { captureDevices, captureFailure, devicesFor, type Capture } from '../media.ts';
import { abandonAssignment, awaitAssignment } from './assignment.ts';
import { $callHolder, conversationById } from './conversations.ts';
import { showNotice } from './notice.ts';
import { sendToSwitchboard } from './switchboard.ts';

export const $callbacks = atom<CallbackTask[]>([]);

/**
 * Takes the list the Switchboard sends whenever it changes.
 * @example receiveCallbacks({ type: 'callbacks', callbacks: [] });
 */
export function receiveCallbacks(message: Extract<AgentServerMessage, { type: 'callbacks' }>): void {
  $callbacks.set(message.callbacks);
}

/**
 * Calls a visitor back. Microphone and camera start first, as for an
 * accepted offer, so the visitor never reaches an agent whose devices fail;
 * the call joins when the visitor accepts (`assigned`).
 * @example await callBack('c1');
 */
export async function callBack(contactId: string, capture: Capture = captureDevices, devices: DeviceAccess = browserDevices): Promise<void> {
  const task = $callbacks.get().find((candidate) => candidate.contactId === contactId);
  if (!task) return;
  if ($callHolder.get()) return showNotice('Finish your current call before calling someone back.', 'alert');
  let stream: MediaStream;
  try {
    stream = await capture(devicesFor(task.media));
  } catch (error) {
    return showNotice(captureFailure(error, task.media), 'alert');
  }
  // The offer id of a call back is its contact id: the visitor's answer is about that contact.
  awaitAssignment({ offerId: contactId, conversationId: contactId, media: task.media, caller: { visitor: task.name, page: task.page } }, stream, { capture, devices });
  if (!sendToSwitchboard({ type: 'call-back', contactId })) {
    abandonAssignment(contactId);
    return showNotice('The connection dropped before the call back started.', 'alert');
  }
  showNotice(`Calling ${task.name} back…`);
}

const unanswered = {
  declined: 'declined the call back',
  'no-answer': 'did not answer the call back',
  'visitor-gone': 'has left the page',
} as const;

/**
 * The visitor did not take the call back: the devices held for it are released and the agent is told why.
 * @example callbackUnanswered({ type: 'callback-unanswered', contactId: 'c1', reason: 'declined' });
 */
export function callbackUnanswered(message: Extract<AgentServerMessage, { type: 'callback-unanswered' }>): void {
  const name = conversationById(message.contactId)?.caller.visitor ?? 'The visitor';
  abandonAssignment(message.contactId);
  showNotice(`${name} ${unanswered[message.reason]}.`);
}

/**
 * Closes a callback request without a call: the visitor was reached another way, or has gone.
 * @example markCallbackDone('c1');
 */
export function markCallbackDone(contactId: string): void {
  if (!sendToSwitchboard({ type: 'callback-done', contactId })) showNotice('You are offline; try again when the console is connected.', 'alert');
}

/**
 * Forgets the list, e.g. on sign-out.
 * @example resetCallbacks();
 */
export function resetCallbacks(): void {
  $callbacks.set([]);
}
