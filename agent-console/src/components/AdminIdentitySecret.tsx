import { useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { formatStart } from '../format.ts';
import {
  $identitySecret,
  $identitySecretAction,
  $newIdentitySecret,
  dismissNewIdentitySecret,
  loadIdentitySecret,
  makeIdentitySecret,
  removeIdentitySecret,
} from '../stores/identity-secret.ts';
import { ActionLine } from './ActionLine.tsx';
import { CopyField } from './CopyField.tsx';
import { ListPage } from './ListPage.tsx';

/**
 * Identity verification: the secret the site's server signs its signed-in
 * customers with, shown by its first characters; make, replace and remove it.
 * @example <AdminIdentitySecret />
 */
export function AdminIdentitySecret() {
  const list = useStore($identitySecret);
  const action = useStore($identitySecretAction);
  const made = useStore($newIdentitySecret);
  const current = list.items[0];
  const buttons = useRef<HTMLDivElement>(null);
  // The secret shown once takes the focus, selected to be copied; Done hands it back to Replace secret, not to the top of the page.
  useEffect(() => {
    if (made) document.getElementById('new-identity-secret')?.focus();
  }, [made]);
  const done = () => {
    dismissNewIdentitySecret();
    buttons.current?.querySelector('button')?.focus();
  };
  // Remove secret goes with the secret: the focus goes on at Make secret, unless it was taken elsewhere meanwhile.
  const remove = async (button: HTMLElement) => {
    if (!confirm('Remove the identity secret? Visitors are no longer verified.') || !(await removeIdentitySecret())) return;
    if (document.activeElement === button || document.activeElement === document.body) buttons.current?.querySelector('button')?.focus();
  };
  const replace = () => confirm('Replace the identity secret? Tokens signed with the one in use now are refused at once.') && void makeIdentitySecret();
  return (
    <ListPage id="identity-secret" title="Identity verification" list={list} onRefresh={loadIdentitySecret} empty="No identity secret: every visitor is anonymous.">
      <p class="hint">
        For each signed-in customer, your site's server signs a token with this secret (a JWT, HS256: <code>sub</code>, their id in your system;{' '}
        <code>name</code> and <code>email</code>, optional; <code>exp</code>, at most 24 hours ahead) and puts it in the support script tag as{' '}
        <code>data-identity</code> (or, once the page has loaded, passes it to <code>Beckon('identify', token)</code>). Agents then see that
        customer's name and email as verified. Keep the secret on your server: never put it in a page. The widget's documentation, under Verified
        visitors, has an example.
      </p>
      <ActionLine state={action} />
      {made && (
        <div class="one-time" role="group" aria-labelledby="new-identity-secret-title">
          <h3 id="new-identity-secret-title">Identity secret</h3>
          <p>Copy it now to your server's settings: it is shown only once.</p>
          <CopyField id="new-identity-secret" label="Secret" value={made} />
          <button type="button" onClick={done}>
            Done
          </button>
        </div>
      )}
      {current && (
        <p>
          In use: <code>{current.preview}</code>, made {formatStart(current.createdAt)}.
        </p>
      )}
      <div class="actions" ref={buttons}>
        <button type="button" onClick={() => (current ? replace() : void makeIdentitySecret())}>
          {current ? 'Replace secret' : 'Make secret'}
        </button>
        {current && (
          <button type="button" class="danger" onClick={(event) => void remove(event.currentTarget)}>
            Remove secret
          </button>
        )}
      </div>
    </ListPage>
  );
}
