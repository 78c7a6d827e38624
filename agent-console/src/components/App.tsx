import { useStore } from '@beckon/ui';
import { $invite } from '../stores/invite.ts';
import { $session } from '../stores/session.ts';
import { AcceptInvite } from './AcceptInvite.tsx';
import { Desk } from './Desk.tsx';
import { SignInForm } from './SignInForm.tsx';

/**
 * The whole console: an invite link's page, the sign-in form, or the agent's desk once signed in.
 * @example render(<App />, document.getElementById('app')!);
 */
export function App() {
  const session = useStore($session);
  const invite = useStore($invite);
  if (invite) return <AcceptInvite invite={invite} />;
  return session ? <Desk agentName={session.agent.name} /> : <SignInForm />;
}
