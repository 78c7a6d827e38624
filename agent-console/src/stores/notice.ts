import { atom } from 'nanostores';

/** A short message about something that just happened (a call ended, a caller hung up). */
export interface Notice {
  text: string;
  /** `alert` for problems the agent should act on; `status` for news. */
  tone: 'status' | 'alert';
}

export const $notice = atom<Notice | null>(null);

const noticeMs = 8000;
let clearTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Shows a notice that fades after a few seconds.
 * @example showNotice('The caller hung up');
 */
export function showNotice(text: string, tone: Notice['tone'] = 'status'): void {
  clearTimeout(clearTimer);
  const notice = { text, tone };
  $notice.set(notice);
  clearTimer = setTimeout(() => {
    if ($notice.get() === notice) $notice.set(null);
  }, noticeMs);
}

/**
 * Removes the notice now, e.g. when a new call starts ringing.
 * @example clearNotice();
 */
export function clearNotice(): void {
  clearTimeout(clearTimer);
  $notice.set(null);
}
