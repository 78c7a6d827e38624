import { useStore } from '@beckon/ui';
import { useRef, useState } from 'preact/hooks';
import { $signIn, signIn } from '../stores/session.ts';

/**
 * Email and password form; a failed attempt keeps what was typed and puts
 * the focus in the password field, to try again.
 * @example <SignInForm />
 */
export function SignInForm() {
  const { pending, error } = useStore($signIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const passwordField = useRef<HTMLInputElement>(null);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (pending) return;
    void signIn(email, password).then((signedIn) => {
      if (!signedIn) passwordField.current?.focus();
    });
  };
  return (
    <main class="sign-in">
      <h1>Beckon agent console</h1>
      <form onSubmit={submit}>
        <label for="email">Email</label>
        <input id="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="password">Password</label>
        <input
          ref={passwordField}
          id="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && <p role="alert" class="error">{error}</p>}
        {/* Not disabled while pending: a disabled button drops the focus to the page, and a screen reader with it. */}
        <button type="submit" aria-disabled={pending ? 'true' : undefined}>
          Sign in
        </button>
      </form>
    </main>
  );
}
