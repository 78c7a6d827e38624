import { useStore } from '@beckon/ui';
import type { Queue } from '@beckon/protocol';
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { skillList } from '../format.ts';
import { $queueAction, $queues, $unstaffedQueues, changeQueue, createQueue, deleteQueue, loadQueues } from '../stores/queues.ts';
import { ActionLine } from './ActionLine.tsx';
import { AdminTable } from './AdminTable.tsx';
import { FormActions } from './FormActions.tsx';
import { ListPage } from './ListPage.tsx';
import { useOpenedForm } from './use-opened-form.ts';
import { useRowFocus } from './use-row-focus.ts';
import { QueueHoursForm } from './QueueHoursForm.tsx';

/**
 * The queues: name, priority and the skills an agent needs; add, change, set hours and delete.
 * @example <AdminQueues />
 */
export function AdminQueues() {
  const list = useStore($queues);
  const action = useStore($queueAction);
  const unstaffed = useStore($unstaffedQueues);
  const [editing, setEditing] = useState<Queue | null>(null);
  const [hoursOf, setHoursOf] = useState<Queue | null>(null);
  const fromRow = useRowFocus(list.items);
  return (
    <ListPage id="queues" title="Queues" list={list} onRefresh={loadQueues} empty="No queues.">
      <ActionLine state={action} />
      <AdminTable columns={['ID (data-queue)', 'Name', 'Priority', 'Skills needed']}>
        {list.items.map((queue) => (
          <tr key={queue.id}>
            <td>
              <code>{queue.id}</code>
            </td>
            <td>{queue.name}</td>
            <td>{queue.priority}</td>
            <td>
              {queue.skills.join(', ') || 'none'}
              {unstaffed.has(queue.id) && <p class="warning">No one in the team has these skills: its visitors wait until someone does.</p>}
            </td>
            <td class="row-actions">
              <button type="button" aria-label={`Edit the queue ${queue.name}`} onClick={() => setEditing(queue)}>
                Edit
              </button>
              <button type="button" aria-label={`Hours of the queue ${queue.name}`} onClick={() => setHoursOf(queue)}>
                Hours
              </button>
              <button
                type="button"
                class="danger"
                aria-label={`Delete the queue ${queue.name}`}
                onClick={(event) =>
                  confirm(`Delete the queue ${queue.name}? Pages that name it can no longer start calls.`) && fromRow(event.currentTarget, () => deleteQueue(queue.id))
                }
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      {editing && <QueueEditor key={editing.id} queue={editing} onDone={() => setEditing(null)} />}
      {hoursOf && <QueueHoursForm key={hoursOf.id} queue={hoursOf} onDone={() => setHoursOf(null)} />}
      <QueueForm key="new" queue={null} />
    </ListPage>
  );
}

// Adds a queue (queue null) or changes one; the id of an existing queue stays, since pages name it.
function QueueForm({ queue, onDone, formRef }: { queue: Queue | null; onDone?(): void; formRef?: Ref<HTMLFormElement> }) {
  const prefix = queue ? 'edit-queue' : 'new-queue';
  const [id, setId] = useState(queue?.id ?? '');
  const [name, setName] = useState(queue?.name ?? '');
  const [priority, setPriority] = useState(String(queue?.priority ?? 0));
  const [skills, setSkills] = useState(queue?.skills.join(', ') ?? '');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const fields = { name, priority: Number(priority), skills: skillList(skills) };
    const saved = queue ? await changeQueue(queue.id, fields) : await createQueue({ id, ...fields });
    if (!saved) return;
    onDone?.();
    if (!queue) {
      setId('');
      setName('');
      setSkills('');
      setPriority('0');
    }
  };
  const title = queue ? `Edit the queue ${queue.name}` : 'Add a queue';
  return (
    <form ref={formRef} class="admin-form" aria-label={title} onSubmit={submit}>
      <h3>{title}</h3>
      {!queue && (
        <>
          <label for={`${prefix}-id`}>ID (lowercase letters, digits, - or _)</label>
          <input id={`${prefix}-id`} required pattern="[a-z0-9][a-z0-9_\-]*" value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </>
      )}
      <label for={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for={`${prefix}-priority`}>Priority (higher is served first)</label>
      <input id={`${prefix}-priority`} type="number" min={-100} max={100} required value={priority} onInput={(e) => setPriority(e.currentTarget.value)} />
      <label for={`${prefix}-skills`}>Skills needed (comma-separated)</label>
      <input id={`${prefix}-skills`} value={skills} onInput={(e) => setSkills(e.currentTarget.value)} />
      <FormActions submit={queue ? 'Save' : 'Add queue'} onCancel={queue ? onDone : undefined} />
    </form>
  );
}

// A queue's form opened from its row: the focus goes to it, and back to the row's Edit once it closes.
function QueueEditor({ queue, onDone }: { queue: Queue; onDone(): void }) {
  const form = useOpenedForm();
  return <QueueForm queue={queue} onDone={onDone} formRef={form} />;
}
