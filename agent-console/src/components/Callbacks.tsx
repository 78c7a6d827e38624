import { useStore } from '@beckon/ui';
import { formatStart } from '../format.ts';
import { $callHolder } from '../stores/conversations.ts';
import { $callbacks, callBack, markCallbackDone } from '../stores/callbacks.ts';
import { useRowFocus } from './use-row-focus.ts';

/**
 * Visitors waiting to be called back, with Call back and Mark done; nothing when there are none.
 * @example <Callbacks />
 */
export function Callbacks() {
  const callbacks = useStore($callbacks);
  const busy = useStore($callHolder) !== null;
  // The last one done takes the list away: the keyboard goes on from the conversations.
  const fromRow = useRowFocus(callbacks, () => document.getElementById('conversation-list-title'));
  if (!callbacks.length) return null;
  return (
    <section class="callbacks" aria-labelledby="callbacks-title">
      <h2 id="callbacks-title">Callbacks</h2>
      <ul>
        {callbacks.map((task) => (
          <li key={task.contactId}>
            <p>
              <strong>{task.name}</strong> ({task.media === 'video' ? 'video' : 'audio'}, {task.queue}) asked at {formatStart(task.requestedAt)}
            </p>
            {task.page && (
              <p class="page" title={task.page}>
                {task.page}
              </p>
            )}
            <p>
              {task.calling ? 'Being called back now' : task.reachable ? 'Page open: can be called back' : 'Has left the page'}
              {task.email && <> · {task.email}</>}
            </p>
            {/* Not disabled when they cannot be used: a disabled button drops the focus to the page, and a screen reader with it. */}
            <div class="actions">
              <button
                type="button"
                class="accept"
                aria-disabled={busy || task.calling || !task.reachable ? 'true' : undefined}
                onClick={() => !busy && !task.calling && task.reachable && void callBack(task.contactId)}
              >
                Call back
              </button>
              <button
                type="button"
                aria-disabled={task.calling ? 'true' : undefined}
                onClick={(event) => !task.calling && fromRow(event.currentTarget, () => markCallbackDone(task.contactId))}
              >
                Mark done
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
