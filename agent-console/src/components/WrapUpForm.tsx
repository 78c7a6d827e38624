import { useStore } from '@beckon/ui';
import type { Disposition } from '@beckon/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { dispositionLabels } from '../format.ts';
import { $holdingWrapUp, $wrapUps, editWrapUp, offersLine, saveWrapUp, secondsUntil } from '../stores/wrap-up.ts';
import { useNow } from './use-now.ts';

const choices = Object.entries(dispositionLabels) as [Disposition, string][];

/**
 * The wrap-up of an ended conversation: outcome, notes, and how long until
 * offers resume. One shown apart from its conversation (gone after a reload)
 * names the visitor, so the notes go to the right contact. `ended` is whether
 * the console has seen its conversation end (the wrap-up may come first).
 * @example <WrapUpForm contactId="c1" visitor="Visitor 4F2A" ended />
 */
export function WrapUpForm({ contactId, visitor, ended }: { contactId: string; visitor?: string; ended: boolean }) {
  const wrapUp = useStore($wrapUps)[contactId];
  const holding = useStore($holdingWrapUp);
  const now = useNow(1000);
  const outcome = useRef<HTMLSelectElement>(null);
  // The control the agent ended with (End conversation, the reply box) went with the conversation: the wrap-up is what comes next.
  useEffect(() => {
    if (ended && document.activeElement === document.body) outcome.current?.focus();
  }, [wrapUp !== undefined, ended]);
  if (!wrapUp) return null;
  const title = visitor ? `Wrap-up: ${visitor}` : 'Wrap-up';
  return (
    <form
      class="wrap-up"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        saveWrapUp(contactId);
      }}
    >
      <h2>{title}</h2>
      {/* Not a live region: read out every second, it would talk over the notes being typed (WrapUpAnnouncement says when it starts and ends). */}
      <p>{offersLine(wrapUp, holding, now)}</p>
      <label>
        Outcome
        <select ref={outcome} required value={wrapUp.disposition} onChange={(event) => editWrapUp(contactId, { disposition: event.currentTarget.value as Disposition })}>
          <option value="">Choose…</option>
          {choices.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {wrapUp.reasons.length > 0 && (
        <label>
          Reason
          <select value={wrapUp.reason} onChange={(event) => editWrapUp(contactId, { reason: event.currentTarget.value })}>
            <option value="">None</option>
            {wrapUp.reasons.map((reason) => (
              <option key={reason} value={reason}>
                {reason}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Notes
        <textarea maxLength={2000} rows={3} value={wrapUp.notes} onInput={(event) => editWrapUp(contactId, { notes: event.currentTarget.value })} />
      </label>
      <button type="submit" disabled={!wrapUp.disposition || wrapUp.saving}>
        Save
      </button>
    </form>
  );
}

/**
 * Says once that a wrap-up holds new offers back, and once that they come in
 * again (saved, or its time ran out). It is always on the page, so each is a
 * change a screen reader notices.
 * @example <WrapUpAnnouncement />
 */
export function WrapUpAnnouncement() {
  const holding = useStore($holdingWrapUp);
  const contactId = holding?.contactId ?? null;
  const [said, setSaid] = useState('');
  const heldBefore = useRef(false);
  useEffect(() => {
    if (holding) setSaid(`Wrap-up started: new offers in ${secondsUntil(holding.until, Date.now())} s, or as soon as you save.`);
    else if (heldBefore.current) setSaid('New offers are coming in again.');
    heldBefore.current = holding !== null;
  }, [contactId]);
  return (
    <p role="status" class="sr-only">
      {said}
    </p>
  );
}
