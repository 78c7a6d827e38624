import { atom, computed } from 'nanostores';
import { ensureSession } from './session.ts';

/** Whether the support panel is open. */
export const $panelOpen = atom(false);

/** Whether the host page is the visible tab (not minimized, not in the background). */
export const $pageVisible = atom(true);

/** Whether the visitor can see the panel now: what makes a message read. */
export const $panelSeen = computed([$panelOpen, $pageVisible], (open, visible) => open && visible);

/**
 * Opens the panel and, the first time, the visitor session.
 * @example openPanel();
 */
export function openPanel(): void {
  $panelOpen.set(true);
  void ensureSession();
}

/**
 * Closes the panel; a conversation in progress goes on.
 * @example closePanel();
 */
export function closePanel(): void {
  $panelOpen.set(false);
}

/**
 * Opens a closed panel, closes an open one: what the launcher does.
 * @example launcher.onclick = togglePanel;
 */
export function togglePanel(): void {
  if ($panelOpen.get()) closePanel();
  else openPanel();
}

/**
 * Notes whether the host page is visible.
 * @example document.addEventListener('visibilitychange', () => notePageVisible(document.visibilityState === 'visible'));
 */
export function notePageVisible(visible: boolean): void {
  $pageVisible.set(visible);
}
