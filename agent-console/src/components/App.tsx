import { useStore } from '@nanostores/preact';
import { $session } from '../stores/session.ts';
import { Desk } from './Desk.tsx';
import { SignInForm } from './SignInForm.tsx';

/**
 * The whole console: the sign-in form, or the agent's desk once signed in.
 * @example render(<App />, document.getElementById('app')!);
 */
export function App() {
  const session = useStore($session);
  return session ? <Desk agentName={session.agent.name} /> : <SignInForm />;
}
