// An agent's shift: from sign-in (presence socket open, history and saved
// replies loaded, the conversations of before a reload joined again) to
// sign-out (socket closed, conversations left, every store back to empty).
import type { AgentServerMessage } from '@beckon/protocol';
import { resetAdmin } from './admin.ts';
import { $apiBase } from './api-base.ts';
import { abandonAssignment, joinAssigned, leaveConversations, rejoinConversations } from './assignment.ts';
import { callbackUnanswered, receiveCallbacks, resetCallbacks } from './callbacks.ts';
import { followReading } from './chat.ts';
import { loadContacts, resetContacts } from './contacts.ts';
import { resetDeliveries } from './deliveries.ts';
import { resetReport } from './reports.ts';
import { clearNotice, showNotice } from './notice.ts';
import { resetOffer, ringOffer, withdrawOffer } from './offer.ts';
import { loadSavedReplies, resetSavedReplies } from './saved-replies.ts';
import { presenceOnConnect, receivePresence, resetPresence } from './presence.ts';
import { $session, $signedIn, freshAccessToken, refreshSession } from './session.ts';
import { connectSwitchboard, disconnectSwitchboard, sendToSwitchboard } from './switchboard.ts';
import { closeTranscript } from './transcript.ts';
import { $view } from './view.ts';
import { beginWrapUp, releaseSaves, resetWrapUps, wrapUpEnded } from './wrap-up.ts';
import { receiveWhisper, resetWhispers } from './whispers.ts';
import { closeTransfer, transferEnded } from './transfer.ts';
import { endMonitor, monitorSignal, resetMonitors, startMonitor } from './monitoring.ts';
import { closeBoard, renewBoard } from './board.ts';
import { resetVisitorBlocks } from './visitor-blocks.ts';

/**
 * Routes one Switchboard message to the store it concerns.
 * @example receive({ type: 'offer-withdrawn', offerId: 'o1', reason: 'cancelled' });
 */
export function receive(message: AgentServerMessage): void {
  switch (message.type) {
    case 'presence':
      return receivePresence(message);
    case 'offer':
      return ringOffer(message);
    case 'offer-withdrawn':
      return withdrawOffer(message);
    case 'assigned':
      return joinAssigned(message);
    case 'wrap-up':
      return beginWrapUp(message);
    case 'wrap-up-ended':
      return wrapUpEnded(message);
    case 'callbacks':
      return receiveCallbacks(message);
    case 'callback-unanswered':
      return callbackUnanswered(message);
    case 'whisper':
      return receiveWhisper(message.whisper);
    case 'transfer-ended':
      return transferEnded(message);
    case 'monitor':
      return startMonitor(message);
    case 'monitor-signal':
      return monitorSignal(message);
    case 'monitor-ended':
      return endMonitor(message.monitorId);
    case 'error':
      // The server answers a refused accept or wrap-up with an error; the devices held for it are released, and Save works again.
      abandonAssignment();
      releaseSaves();
      return showNotice(message.message, 'alert');
  }
}

// The server withdraws offers from an agent whose socket drops, without being
// able to say so; a wrap-up saved just before hears no answer either.
function dropped(): void {
  resetOffer();
  releaseSaves();
  if (abandonAssignment()) showNotice('The connection dropped before the offer was answered.', 'alert');
}

let stopReading: (() => void) | null = null;
let stopRenewing: (() => void) | null = null;

/**
 * Goes on shift: opens the presence socket, joins the conversations of
 * before a reload and loads History.
 * @example startShift();
 */
export function startShift(): void {
  connectSwitchboard({
    apiBase: $apiBase.get(),
    accessToken: freshAccessToken,
    onOpen: presenceOnConnect,
    onMessage: receive,
    onDrop: dropped,
    // A removed agent's refresh token is gone: refreshing signs them out with a reason.
    onRefused: () => void refreshSession(),
  });
  rejoinConversations();
  stopReading = followReading();
  stopRenewing = renewSockets();
  void loadContacts();
  void loadSavedReplies();
}

/**
 * Goes off shift: the server sees the agent offline and every store is reset.
 * @example endShift();
 */
export function endShift(): void {
  // Offline at once: signing out is not a dropped connection with a grace period.
  sendToSwitchboard({ type: 'leave' });
  disconnectSwitchboard();
  stopReading?.();
  stopReading = null;
  stopRenewing?.();
  stopRenewing = null;
  leaveConversations();
  resetOffer();
  resetPresence();
  resetWrapUps();
  resetCallbacks();
  resetWhispers();
  closeTransfer();
  resetMonitors();
  closeBoard();
  closeTranscript();
  resetContacts();
  resetSavedReplies();
  resetVisitorBlocks();
  resetDeliveries();
  resetReport();
  resetAdmin();
  clearNotice();
  $view.set('conversations');
}

// Each fresh access token goes to the open presence socket and board, which
// the server closes once the token they opened with runs out.
function renewSockets(): () => void {
  let token = $session.get()?.accessToken;
  return $session.listen((session) => {
    if (!session || session.accessToken === token) return;
    token = session.accessToken;
    sendToSwitchboard({ type: 'renew', token });
    renewBoard(token);
  });
}

/**
 * Starts and ends shifts as the agent signs in and out (token refreshes do not
 * count). Only a shift that started ends: the console opening signed out must
 * not leave the conversations a reload is about to join again.
 * @example const stop = followShift();
 */
export function followShift(): () => void {
  let onShift = false;
  return $signedIn.subscribe((signedIn) => {
    if (signedIn === onShift) return;
    onShift = signedIn;
    if (signedIn) startShift();
    else endShift();
  });
}
