import { useStore } from '@beckon/ui';
import { useState } from 'preact/hooks';
import { $originAction, $origins, addOrigin, loadOrigins, removeOrigin } from '../stores/origins.ts';
import { ActionLine } from './ActionLine.tsx';
import { ListPage } from './ListPage.tsx';
import { useRowFocus } from './use-row-focus.ts';

/**
 * The websites allowed to use the widget keys; allow another, stop one.
 * @example <AdminOrigins />
 */
export function AdminOrigins() {
  const list = useStore($origins);
  const action = useStore($originAction);
  const [origin, setOrigin] = useState('');
  const fromRow = useRowFocus(list.items);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await addOrigin(origin.trim())) setOrigin('');
  };
  return (
    <ListPage id="origins" title="Allowed websites" list={list} onRefresh={loadOrigins} empty="No website may use the widget yet.">
      <p class="hint">Pages of these origins may start calls with your widget keys. Removing one stops new calls from its pages at once.</p>
      <ActionLine state={action} />
      <ul class="origins">
        {list.items.map((allowed) => (
          <li key={allowed}>
            <code>{allowed}</code>
            <button type="button" class="danger" aria-label={`Remove ${allowed}`} onClick={(event) => confirm(`Stop calls from ${allowed}?`) && fromRow(event.currentTarget, () => removeOrigin(allowed))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form class="admin-form inline" aria-label="Allow a website" onSubmit={submit}>
        <label for="new-origin">Origin (scheme, host and port, e.g. https://shop.example)</label>
        <input id="new-origin" type="url" required placeholder="https://shop.example" value={origin} onInput={(e) => setOrigin(e.currentTarget.value)} />
        <button type="submit">Allow</button>
      </form>
    </ListPage>
  );
}
