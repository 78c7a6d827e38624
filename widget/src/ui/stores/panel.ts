import { atom } from 'nanostores';
import { ensureSession } from './session.ts';

/** Whether the support panel is open. */
export const $panelOpen = atom(false);

/**
 * Opens the panel and, the first time, the visitor session.
 * @example openPanel();
 */
export function openPanel(): void {
  $panelOpen.set(true);
  void ensureSession();
}

/**
 * Closes the panel; a call in progress goes on.
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
