import { useStore } from '@beckon/ui';
import { useState } from 'preact/hooks';
import { formatStart } from '../format.ts';
import { $apiBase } from '../stores/api-base.ts';
import {
  $newWidgetKey,
  $widgetKeyAction,
  $widgetKeys,
  createWidgetKey,
  dismissNewWidgetKey,
  loadWidgetKeys,
  revokeWidgetKey,
  rotateWidgetKey,
  type NewWidgetKey,
} from '../stores/widget-keys.ts';
import { ActionLine } from './ActionLine.tsx';
import { AdminTable } from './AdminTable.tsx';
import { CopyField } from './CopyField.tsx';
import { ListPage } from './ListPage.tsx';
import { useRowFocus } from './use-row-focus.ts';

/**
 * The widget keys, each shown by its first characters; make, rotate and revoke.
 * @example <AdminWidgetKeys />
 */
export function AdminWidgetKeys() {
  const list = useStore($widgetKeys);
  const action = useStore($widgetKeyAction);
  const made = useStore($newWidgetKey);
  const [label, setLabel] = useState('');
  const fromRow = useRowFocus(list.items);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await createWidgetKey(label)) setLabel('');
  };
  return (
    <ListPage id="widget-keys" title="Widget keys" list={list} onRefresh={loadWidgetKeys} empty="No widget keys: the widget cannot start calls.">
      <p class="hint">
        A key sits in your pages' script tag, so it is not a secret; the allowed websites are what protect it. Rotating a key keeps the old one working for
        an hour while you update your pages; revoking stops it at once.
      </p>
      <ActionLine state={action} />
      {made && <NewKeyPanel made={made} />}
      <AdminTable columns={['Label', 'Key', 'Made', 'Status']}>
        {list.items.map((widgetKey) => (
          <tr key={widgetKey.id}>
            <td>{widgetKey.label}</td>
            <td>
              <code>{widgetKey.preview}</code>
            </td>
            <td>{widgetKey.createdAt ? formatStart(widgetKey.createdAt) : '—'}</td>
            <td>{widgetKey.expiresAt === null ? 'In use' : `Rotated; works until ${formatStart(widgetKey.expiresAt)}`}</td>
            <td class="row-actions">
              {widgetKey.expiresAt === null && (
                <button type="button" aria-label={`Rotate ${widgetKey.label} (${widgetKey.preview})`} onClick={(event) => fromRow(event.currentTarget, () => rotateWidgetKey(widgetKey))}>
                  Rotate
                </button>
              )}
              <button
                type="button"
                class="danger"
                aria-label={`Revoke ${widgetKey.label} (${widgetKey.preview})`}
                onClick={(event) =>
                  confirm(`Revoke ${widgetKey.label} (${widgetKey.preview})? Pages that still carry it stop starting calls at once.`) &&
                  fromRow(event.currentTarget, () => revokeWidgetKey(widgetKey))
                }
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      <form class="admin-form inline" aria-label="Make a widget key" onSubmit={submit}>
        <label for="new-key-label">Label (where the key goes)</label>
        <input id="new-key-label" required value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        <button type="submit">Make key</button>
      </form>
    </ListPage>
  );
}

/** The widget's own blue: a tag without data-color has it. */
const widgetBlue = '#1d4ed8';

function NewKeyPanel({ made }: { made: NewWidgetKey }) {
  const [color, setColor] = useState(widgetBlue);
  const dataColor = color === widgetBlue ? '' : ` data-color="${color}"`;
  const tag = `<script src="${useStore($apiBase)}/widget.js" data-key="${made.key}"${dataColor} async></script>`;
  return (
    <div class="one-time" role="group" aria-labelledby="new-key-title">
      <h3 id="new-key-title">{made.rotated ? `New key for ${made.label}` : `Key for ${made.label}`}</h3>
      <p>Copy it now: it is shown only once. Put the script tag on your pages{made.rotated ? ' before the old key stops working' : ''}.</p>
      <CopyField id="new-key" label="Key" value={made.key} />
      <label for="new-key-color">Colour of the support button and panel</label>
      <input id="new-key-color" type="color" value={color} onInput={(event) => setColor(event.currentTarget.value)} />
      <CopyField id="new-key-tag" label="Script tag" value={tag} />
      {/* The panel goes with the button: the keyboard goes on from the section's heading, not the top of the page. */}
      <button type="button" onClick={() => (dismissNewWidgetKey(), document.getElementById('widget-keys-title')?.focus())}>
        Done
      </button>
    </div>
  );
}
