import { useStore } from '@beckon/ui';
import { limits, type SavedReply } from '@beckon/protocol';
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { $savedReplies, $savedReplyAction, addSavedReply, changeSavedReply, deleteSavedReply, loadSavedReplies } from '../stores/saved-replies.ts';
import { ActionLine } from './ActionLine.tsx';
import { AdminTable } from './AdminTable.tsx';
import { FormActions } from './FormActions.tsx';
import { ListPage } from './ListPage.tsx';
import { useOpenedForm } from './use-opened-form.ts';
import { useRowFocus } from './use-row-focus.ts';

/**
 * The saved replies agents insert in their reply box: add, change and delete.
 * @example <AdminSavedReplies />
 */
export function AdminSavedReplies() {
  const list = useStore($savedReplies);
  const action = useStore($savedReplyAction);
  const [editing, setEditing] = useState<SavedReply | null>(null);
  const fromRow = useRowFocus(list.items);
  return (
    <ListPage id="saved-replies" title="Saved replies" list={list} onRefresh={loadSavedReplies} empty="No saved replies yet.">
      <ActionLine state={action} />
      <AdminTable columns={['Title', 'Text']}>
        {list.items.map((reply) => (
          <tr key={reply.id}>
            <td>{reply.title}</td>
            <td class="notes">{reply.text}</td>
            <td class="row-actions">
              <button type="button" aria-label={`Edit the reply ${reply.title}`} onClick={() => setEditing(reply)}>
                Edit
              </button>
              <button type="button" class="danger" aria-label={`Delete the reply ${reply.title}`} onClick={(event) => confirm(`Delete the saved reply ${reply.title}?`) && fromRow(event.currentTarget, () => deleteSavedReply(reply))}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      {editing && <ReplyEditor key={editing.id} reply={editing} onDone={() => setEditing(null)} />}
      <ReplyForm key="new" reply={null} />
    </ListPage>
  );
}

// Adds a reply (reply null) or changes one.
function ReplyForm({ reply, onDone, formRef }: { reply: SavedReply | null; onDone?(): void; formRef?: Ref<HTMLFormElement> }) {
  const prefix = reply ? 'edit-reply' : 'new-reply';
  const [title, setTitle] = useState(reply?.title ?? '');
  const [text, setText] = useState(reply?.text ?? '');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const fields = { title, text };
    if (!(await (reply ? changeSavedReply(reply, fields) : addSavedReply(fields)))) return;
    onDone?.();
    if (!reply) {
      setTitle('');
      setText('');
    }
  };
  const heading = reply ? `Edit the reply ${reply.title}` : 'Add a saved reply';
  return (
    <form ref={formRef} class="admin-form" aria-label={heading} onSubmit={submit}>
      <h3>{heading}</h3>
      <label for={`${prefix}-title`}>Title</label>
      <input id={`${prefix}-title`} required maxLength={limits.maxNameChars} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      <label for={`${prefix}-text`}>Text</label>
      <p id={`${prefix}-text-hint`} class="hint">
        {'{name}'} stands for the customer's name when your site verified them ({'{name|there}'}: "there" when it did not), {'{agent}'} for the agent's.
      </p>
      <textarea id={`${prefix}-text`} aria-describedby={`${prefix}-text-hint`} required rows={3} maxLength={limits.maxChatChars} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <FormActions submit={reply ? 'Save' : 'Add reply'} onCancel={reply ? onDone : undefined} />
    </form>
  );
}

// A reply's form opened from its row: the focus goes to it, and back to the row's Edit once it closes.
function ReplyEditor({ reply, onDone }: { reply: SavedReply; onDone(): void }) {
  const form = useOpenedForm();
  return <ReplyForm reply={reply} onDone={onDone} formRef={form} />;
}
