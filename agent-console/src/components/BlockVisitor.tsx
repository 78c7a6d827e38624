import { useStore } from '@beckon/ui';
import { limits } from '@beckon/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatStart } from '../format.ts';
import type { AgentConversation } from '../stores/conversation-state.ts';
import { hangUp } from '../stores/escalation.ts';
import { $blocking, askToBlock, blockVisitor, type Blocking } from '../stores/visitor-blocks.ts';
import { useOpenedForm } from './use-opened-form.ts';

const blockDays = [1, 7, 30, 365];

/**
 * Blocking the conversation's visitor: a button, then a form asking for how
 * long and why; a live conversation ends once the block is made.
 * @example <BlockVisitor conversation={conversation} />
 */
export function BlockVisitor({ conversation }: { conversation: AgentConversation }) {
  const blocking = useStore($blocking)[conversation.id];
  const { id, caller } = conversation;
  if (!blocking) {
    return (
      <button type="button" class="block-visitor" onClick={() => askToBlock(id, true)}>
        Block visitor…
      </button>
    );
  }
  return <BlockVisitorForm contactId={id} visitor={caller.visitor} verified={!!caller.customer} live={conversation.phase !== 'ended'} />;
}

/**
 * The form that blocks a contact's visitor, once `askToBlock` opened it, then
 * until when they are blocked; a `live` conversation is ended by the block.
 * A `verified` customer is blocked as that customer too, from any network.
 * @example <BlockVisitorForm contactId={contact.id} visitor={contact.visitor} verified={!!contact.customer} live={false} />
 */
export function BlockVisitorForm({ contactId, visitor, verified, live }: { contactId: string; visitor: string; verified: boolean; live: boolean }) {
  const blocking = useStore($blocking)[contactId];
  if (!blocking) return null;
  if (blocking.step === 'blocked') return <Blocked visitor={visitor} until={blocking.block.expiresAt} focus={!live} />;
  return <BlockForm contactId={contactId} visitor={visitor} verified={verified} live={live} blocking={blocking} />;
}

function BlockForm({ contactId: id, visitor, verified, live, blocking }: { contactId: string; visitor: string; verified: boolean; live: boolean; blocking: Exclude<Blocking, { step: 'blocked' }> }) {
  const form = useOpenedForm();
  const [days, setDays] = useState('7');
  const [why, setWhy] = useState('');
  const sending = blocking.step === 'sending';
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending) return;
    if ((await blockVisitor(id, { days: Number(days), reason: why.trim() })) && live) hangUp(id);
  };
  return (
    <form ref={form} class="admin-form block-form" aria-label={`Block ${visitor}`} onSubmit={submit}>
      {/* Seen, as the Admin page's forms are: below History's long table, the form says whose block it is. */}
      <h3>Block {visitor}</h3>
      {blocking.error && (
        <p role="alert" class="error">
          {blocking.error}
        </p>
      )}
      <p class="hint">
        From the network they came from{verified ? ', and signed in as this verified customer from any other' : ''}, {visitor} can start no chat or call until the
        block runs out{live ? ', and this conversation ends' : ''}.
        Admins can lift it on the Admin page.
      </p>
      <label for={`block-days-${id}`}>How long</label>
      <select id={`block-days-${id}`} value={days} onChange={(event) => setDays(event.currentTarget.value)}>
        {blockDays.map((count) => (
          <option key={count} value={String(count)}>
            {count === 1 ? '1 day' : `${count} days`}
          </option>
        ))}
      </select>
      <label for={`block-why-${id}`}>Why (for your team, optional)</label>
      <input id={`block-why-${id}`} maxLength={limits.maxNameChars} value={why} onInput={(event) => setWhy(event.currentTarget.value)} />
      <div class="actions">
        <button type="submit" class="danger" aria-disabled={sending ? 'true' : undefined}>
          {live ? 'Block and end conversation' : 'Block'}
        </button>
        <button type="button" onClick={() => askToBlock(id, false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// Said, and given the focus the form had (which closing the form put back on
// what opened it), unless the wrap-up of the conversation the block ends takes it.
function Blocked({ visitor, until, focus }: { visitor: string; until: number; focus: boolean }) {
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) line.current?.focus();
  }, []);
  return (
    <p ref={line} role="status" class="done" tabIndex={-1}>
      {visitor} is blocked until {formatStart(until)}.
    </p>
  );
}
