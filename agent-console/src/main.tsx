// The agent console's entry point, served at /console/.
import { render } from 'preact';
import { App } from './components/App.tsx';
import { followAttention } from './stores/attention.ts';
import { inviteTokenFrom, openInvite } from './stores/invite.ts';
import { followPageVisibility } from './stores/page-visibility.ts';
import { restoreSession } from './stores/session.ts';
import { followShift } from './stores/shift.ts';

followPageVisibility(document);
followAttention({ document, Notification: typeof Notification === 'undefined' ? undefined : Notification, focus: () => window.focus() });
followShift();
restoreSession();
// Opened from an invite or reset link (`#invite=<token>`).
const inviteToken = inviteTokenFrom(location.hash);
if (inviteToken) void openInvite(inviteToken);
const root = document.getElementById('app');
if (root) render(<App />, root);
