import { useStore } from '@beckon/ui';
import type { AgentStatus } from '@beckon/protocol';
import type { Ref } from 'preact';
import { $isAdmin } from '../stores/admin.ts';
import { $notifications, turnOnNotifications } from '../stores/attention.ts';
import { $isSupervisor } from '../stores/board.ts';
import { $conversations, $unreadTotal } from '../stores/conversations.ts';
import { $presence, choosePresence } from '../stores/presence.ts';
import { signOut } from '../stores/session.ts';
import { $switchboard } from '../stores/switchboard.ts';
import { $view, showView, type View } from '../stores/view.ts';

/**
 * The console's heading, the agent's name, status, page navigation (Webhooks
 * and Board for supervisors, Admin for admins) and sign-out.
 * @example <Header agentName="Ada" headingRef={heading} />
 */
export function Header({ agentName, headingRef }: { agentName: string; headingRef?: Ref<HTMLHeadingElement> }) {
  const { status } = useStore($presence);
  const link = useStore($switchboard);
  const isAdmin = useStore($isAdmin);
  const isSupervisor = useStore($isSupervisor);
  const notifications = useStore($notifications);
  const open = Object.values(useStore($conversations)).filter((conversation) => conversation.phase !== 'ended').length;
  // Signing out ends every conversation at once: the visitors are told the call or chat ended.
  const confirmed = () => open === 0 || confirm(`Signing out ends ${open === 1 ? 'your conversation' : `your ${open} conversations`} with visitors. Sign out?`);
  return (
    <header>
      <h1 ref={headingRef} tabIndex={-1}>
        Beckon agent console
      </h1>
      <span class="agent-name">{agentName}</span>
      <label class="status">
        Status
        <select
          value={status}
          disabled={link !== 'open'}
          onChange={(e) => choosePresence(e.currentTarget.value as AgentStatus)}
        >
          <option value="available">Available</option>
          <option value="away">Away</option>
        </select>
      </label>
      {link !== 'open' && <span class="link">Offline, reconnecting…</span>}
      <nav aria-label="Pages">
        <PageButton view="conversations" label="Conversations" />
        <PageButton view="history" label="History" />
        {isSupervisor && <PageButton view="webhooks" label="Webhooks" />}
        {isSupervisor && <PageButton view="board" label="Board" />}
        {isSupervisor && <PageButton view="reports" label="Reports" />}
        {isAdmin && <PageButton view="admin" label="Admin" />}
      </nav>
      {/* Browsers ask only after a click; once answered, the button goes, and the focus to the heading rather than the page. */}
      {notifications === 'default' && (
        <button
          type="button"
          onClick={() =>
            void turnOnNotifications().then(() => {
              if ($notifications.get() !== 'default' && headingRef && 'current' in headingRef) headingRef.current?.focus();
            })
          }
        >
          Turn on desktop notifications
        </button>
      )}
      <button type="button" onClick={() => confirmed() && signOut()}>
        Sign out
      </button>
    </header>
  );
}

function PageButton({ view, label }: { view: View; label: string }) {
  const current = useStore($view);
  const unread = useStore($unreadTotal);
  return (
    <button type="button" aria-current={current === view ? 'page' : undefined} onClick={() => showView(view)}>
      {label}
      {view === 'conversations' && unread > 0 && (
        <span class="unread">
          {unread}
          <span class="sr-only"> unread</span>
        </span>
      )}
    </button>
  );
}
