// What calls for the agent while the console is not in front (another tab,
// their CRM): the tab's title says what rings and counts unread visitor
// messages, and once the agent turned them on, desktop notifications tell of
// each offer and each new visitor message that arrives meanwhile.
import { atom, computed } from 'nanostores';
import { mediaLabels } from '../format.ts';
import { newestFromVisitor, unreadCount } from './conversation-state.ts';
import { $conversations, $unreadTotal, selectConversation } from './conversations.ts';
import { showNotice } from './notice.ts';
import { $offer } from './offer.ts';
import { $pageVisible } from './page-visibility.ts';
import { showView } from './view.ts';

export const consoleTitle = 'Beckon — Agent console';

/** The tab's title: what rings first, else how many visitor messages are unread. */
export const $title = computed([$offer, $unreadTotal], (offer, unread) => {
  if (offer && !offer.answering) return `${mediaLabels[offer.media]} from ${offer.caller.visitor} — ${consoleTitle}`;
  return unread ? `(${unread}) ${consoleTitle}` : consoleTitle;
});

/** Whether desktop notifications are on: as the browser answered, or `unsupported`. */
export const $notifications = atom<NotificationPermission | 'unsupported'>('unsupported');

/** What of the browser the console's attention needs; a test gives its own. */
export interface AttentionPage {
  document: { title: string };
  Notification?: Pick<typeof Notification, 'permission' | 'requestPermission'> & (new (title: string, options?: NotificationOptions) => Notification);
  focus(): void;
}

let page: AttentionPage | null = null;

/**
 * Keeps the tab's title and desktop notifications up to date from now on; returns how to stop.
 * @example const stop = followAttention({ document, Notification: window.Notification, focus: () => window.focus() });
 */
export function followAttention(current: AttentionPage): () => void {
  page = current;
  $notifications.set(current.Notification?.permission ?? 'unsupported');
  // The newest visitor message each conversation had when last looked at: one seen first (a reload, a chat just taken) is not news.
  const told = new Map<string, number>();
  const stops = [
    $title.subscribe((title) => void (current.document.title = title)),
    $offer.listen((offer, previous) => {
      if (!offer || offer.offerId === previous?.offerId) return;
      notify(`${mediaLabels[offer.media]} from ${offer.caller.visitor}`, shortened(offer.caller.page), offer.offerId, () => showView('conversations'));
    }),
    $conversations.listen((all) => {
      for (const conversation of Object.values(all)) {
        const newest = newestFromVisitor(conversation);
        const before = told.get(conversation.id);
        told.set(conversation.id, newest);
        if (before === undefined || newest <= before || !unreadCount(conversation)) continue;
        notify(`${conversation.caller.visitor} wrote`, shortened(conversation.messages.find((message) => message.n === newest)?.text ?? ''), `message-${conversation.id}`, () => {
          showView('conversations');
          selectConversation(conversation.id);
        });
      }
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    page = null;
  };
}

/**
 * Asks the browser to let the console show desktop notifications (from a click: browsers ask only then).
 * @example <button onClick={() => void turnOnNotifications()}>Turn on desktop notifications</button>
 */
export async function turnOnNotifications(): Promise<void> {
  const permission = await page?.Notification?.requestPermission();
  if (!permission) return;
  $notifications.set(permission);
  // The button goes once answered: say what came of it (a block is not to be found again otherwise).
  if (permission === 'granted') showNotice('Desktop notifications are on.');
  if (permission === 'denied') showNotice("Desktop notifications are blocked for this site. To turn them on, allow them in the browser's site settings.");
}

// What a visitor wrote (a message, the page they say they are on), cut to a notification's length.
function shortened(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

// Only while the console is out of sight: in front, the agent sees it anyway.
function notify(title: string, body: string, tag: string, open: () => void): void {
  if (!page?.Notification || $notifications.get() !== 'granted' || $pageVisible.get()) return;
  const shown = new page.Notification(title, { body, tag });
  const { focus } = page;
  shown.onclick = () => {
    focus();
    open();
    shown.close();
  };
}
