import { limits } from '@beckon/protocol';
import { useState } from 'preact/hooks';
import { formatStart } from '../format.ts';
import { acceptInvite, closeInvite, type InviteState } from '../stores/invite.ts';

// The token is spent: it should not stay in the address bar or the history.
function forgetLink(): void {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

/**
 * The page of an invite (or reset) link: who it is for, a new password typed twice, then the console.
 * @example <AcceptInvite invite={invite} />
 */
export function AcceptInvite({ invite }: { invite: InviteState }) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await acceptInvite(password, repeated)) forgetLink();
  };
  const leave = () => {
    forgetLink();
    closeInvite();
  };
  return (
    <main class="sign-in">
      <h1>Set your password</h1>
      {invite.loading && <p>Checking your link…</p>}
      {invite.details && (
        <>
          <p>
            Welcome, {invite.details.name}. Choose the password you will sign in with as <strong>{invite.details.email}</strong>. This link works
            once, until {formatStart(invite.details.expiresAt)}.
          </p>
          <form onSubmit={submit}>
            <label for="new-password">New password</label>
            <input
              id="new-password"
              type="password"
              autocomplete="new-password"
              required
              minLength={limits.minPasswordChars}
              aria-describedby="password-rule"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            <p id="password-rule" class="hint">
              At least {limits.minPasswordChars} characters.
            </p>
            <label for="repeat-password">Repeat the password</label>
            <input
              id="repeat-password"
              type="password"
              autocomplete="new-password"
              required
              value={repeated}
              onInput={(e) => setRepeated(e.currentTarget.value)}
            />
            {invite.error && <p role="alert" class="error">{invite.error}</p>}
            <button type="submit" disabled={invite.pending}>
              Set password and sign in
            </button>
          </form>
        </>
      )}
      {!invite.details && invite.error && <p role="alert" class="error">{invite.error}</p>}
      {!invite.loading && !invite.details && (
        <button type="button" class="secondary" onClick={leave}>
          Go to sign-in
        </button>
      )}
    </main>
  );
}
