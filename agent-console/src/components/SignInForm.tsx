import { useStore } from '@beckon/ui';
import { useState } from 'preact/hooks';
import { $signIn, signIn } from '../stores/session.ts';

/**
 * Email and password form; a failed attempt keeps what was typed.
 * @example <SignInForm />
 */
export function SignInForm() {
  const { pending, error } = useStore($signIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void signIn(email, password);
  };
  return (
    <main class="sign-in">
      <h1>Beckon agent console</h1>
      <form onSubmit={submit}>
        <label for="email">Email</label>
        <input id="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={pending}>
          Sign in
        </button>
      </form>
    </main>
  );
}
