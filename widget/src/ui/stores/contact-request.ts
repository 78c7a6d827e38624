// Sends what the visitor chose instead of a chat or call: a message, or a
// request to be called back, which then waits for the call in the same
// conversation.
import { defaultQueue } from '@beckon/protocol';
import { asApiError, requestCallback as postCallback, sendMessage as postMessage } from '../api.ts';
import { hostEvents } from '../host-events.ts';
import { services } from '../services.ts';
import { $alternatives, type NoCallReason } from './alternatives.ts';
import { awaitCallback } from './conversation.ts';
import { ensureSession } from './session.ts';

/** What the visitor typed; the email is optional for a callback. */
export interface ContactForm { name: string; email: string; text?: string }

// Where the request goes: the queue asked for, or the waiting conversation it replaces.
function target(why: NoCallReason) {
  const page = services().page();
  return why.reason === 'long-wait' ? { page, queue: defaultQueue, conversationId: why.conversationId } : { page, queue: why.queue };
}

// Runs one send of the open form; a refusal keeps the form with the reason.
async function send(form: 'message' | 'callback', work: (token: string, why: NoCallReason) => Promise<void>): Promise<void> {
  const state = $alternatives.get();
  if (state.step !== 'offered' || state.form !== form || state.sending) return;
  $alternatives.set({ ...state, sending: true, error: null });
  try {
    const token = await ensureSession();
    if (!token) throw new Error('Support is unavailable right now.');
    await work(token, state.why);
  } catch (error) {
    $alternatives.set({ ...state, sending: false, error: asApiError(error).message });
  }
}

/**
 * Sends the visitor's message; a waiting conversation it replaces leaves the queue.
 * @example await leaveMessage({ name: 'Ada', email: 'ada@example.com', text: 'Please call me about my order.' });
 */
export function leaveMessage(form: ContactForm): Promise<void> {
  return send('message', async (token, why) => {
    await postMessage(services().base, token, { ...target(why), media: why.media, name: form.name, email: form.email, text: form.text ?? '' });
    $alternatives.set({ step: 'message-sent' });
    hostEvents.emit({ name: 'message:sent', detail: {} });
  });
}

/**
 * Asks to be called back and waits for the call with the page open; a waiting
 * conversation it replaces leaves the queue. A visitor who was writing is
 * called back with their voice.
 * @example await askForCallback({ name: 'Ada', email: '' });
 */
export function askForCallback(form: ContactForm): Promise<void> {
  return send('callback', async (token, why) => {
    const media = why.media === 'chat' ? 'audio' : why.media;
    const callback = await postCallback(services().base, token, { ...target(why), media, name: form.name, email: form.email || null });
    $alternatives.set({ step: 'none' });
    awaitCallback(callback, media);
    hostEvents.emit({ name: 'callback:requested', detail: {} });
  });
}
