import { useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { $alternatives } from '../stores/alternatives.ts';
import { $call } from '../stores/call.ts';
import { $unread } from '../stores/chat.ts';
import { $conversation } from '../stores/conversation.ts';
import { $panelOpen, closePanel } from '../stores/panel.ts';
import { $requests } from '../stores/requests.ts';
import { $screen } from '../stores/screen.ts';
import { $session, type SessionState } from '../stores/session.ts';
import { $survey } from '../stores/survey.ts';
import { SupportView } from './SupportView.tsx';

/**
 * The support dialog above the launcher; hidden, not removed, when closed so a call's audio keeps playing.
 * @example render(<Panel launcher={launcher} />, container);
 */
export function Panel({ launcher }: { launcher: HTMLButtonElement }) {
  const open = useStore($panelOpen);
  const session = useStore($session);
  const conversation = useStore($conversation).step;
  const call = useStore($call).step;
  const survey = useStore($survey).step;
  const alternatives = useStore($alternatives);
  const request = useStore($requests).pending;
  const { sharing, agentScreen } = useStore($screen);
  const unreadMessages = useStore($unread);
  const unread = open ? 0 : unreadMessages;
  const panel = useRef<HTMLDivElement>(null);
  // The message box when there is one, else the first control.
  const focusInside = () =>
    (panel.current!.querySelector<HTMLElement>('[data-autofocus]') ??
      panel.current!.querySelector<HTMLElement>('.body input, .body button:not(:disabled)') ??
      panel.current!
    ).focus();

  // What had focus as the panel opened: the launcher, or the page's own button that called Beckon('open').
  const opener = useRef<HTMLElement>(launcher);

  useEffect(() => {
    launcher.setAttribute('aria-expanded', String(open));
    // Closed again before this ran (Escape right after opening): the focus stays where closing put it.
    if (!open || !$panelOpen.get()) return;
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body && !active.shadowRoot?.contains(launcher) ? active : launcher;
    focusInside();
  }, [open]);

  // Closed, the support button counts what the agent wrote since, and says so to screen readers.
  useEffect(() => {
    if (unread) launcher.dataset.unread = unread > 9 ? '9+' : String(unread);
    else delete launcher.dataset.unread;
    launcher.setAttribute('aria-label', unread ? `Contact support, ${unread} new ${unread === 1 ? 'message' : 'messages'}` : 'Contact support');
  }, [unread]);

  // Only take focus back if it was in the panel: a host page closing us must not steal its own focus.
  // Asked as the panel closes, before it is hidden: a hidden panel has already lost focus to the page.
  useEffect(
    () =>
      $panelOpen.listen((next) => {
        const element = panel.current!;
        if (next || !element.contains((element.getRootNode() as ShadowRoot).activeElement)) return;
        (opener.current.isConnected ? opener.current : launcher).focus();
      }),
    [],
  );

  useEffect(() => {
    // A new step removes the button the visitor just pressed (or had none to focus):
    // move keyboard focus into the new step, unless it went elsewhere on the page.
    const element = panel.current!;
    const lost = document.activeElement === document.body || (element.getRootNode() as ShadowRoot).activeElement === element;
    if (open && lost) focusInside();
  }, [conversation, call, survey, session.status, request, sharing, alternatives]);

  return (
    <div
      ref={panel}
      class={agentScreen ? 'panel wide' : 'panel'}
      role="dialog"
      aria-label="Support"
      tabIndex={-1}
      hidden={!open}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // The widget's Escape: the page's own Escape handlers (closing its menus, dialogs) must not act on it too.
        event.stopPropagation();
        closePanel();
      }}
    >
      <header>
        <h2>Support</h2>
        <button type="button" class="close" aria-label="Close" onClick={closePanel}>
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <div class="body">
        {session.status === 'unavailable' ? (
          <>
            {/* A status: a visitor refused mid-way, with the panel open, hears it. */}
            <p class="notice" role="status">
              {sessionRefusal(session)}
            </p>
            {session.code === 'missing_widget_key' && <p>This page's support button is not set up yet: it has no widget key.</p>}
          </>
        ) : (
          <SupportView />
        )}
      </div>
    </div>
  );
}

// Too many visitors from one network is said as such, with when to try again
// (the panel opened again tries); other refusals are for the site's owner, not the visitor.
function sessionRefusal(session: Extract<SessionState, { status: 'unavailable' }>): string {
  return session.code === 'rate_limited' ? session.message : 'Support is unavailable right now';
}
