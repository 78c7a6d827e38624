import { useStore } from '@beckon/ui';
import type { Disposition } from '@beckon/protocol';
import { useEffect, useState } from 'preact/hooks';
import { dispositionLabels } from '../format.ts';
import { $wrapUps, editWrapUp, saveWrapUp } from '../stores/wrap-up.ts';

const choices = Object.entries(dispositionLabels) as [Disposition, string][];

/**
 * The wrap-up of an ended conversation: outcome, notes, and how long until offers resume.
 * @example <WrapUpForm contactId="c1" />
 */
export function WrapUpForm({ contactId }: { contactId: string }) {
  const wrapUp = useStore($wrapUps)[contactId];
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  if (!wrapUp) return null;
  const secondsLeft = Math.max(0, Math.ceil((wrapUp.until - now) / 1000));
  return (
    <form
      class="wrap-up"
      aria-label="Wrap-up"
      onSubmit={(event) => {
        event.preventDefault();
        saveWrapUp(contactId);
      }}
    >
      <h2>Wrap-up</h2>
      <p role="status">{wrapUp.holding && secondsLeft > 0 ? `New offers in ${secondsLeft} s, or as soon as you save.` : 'New offers are coming in again.'}</p>
      <label>
        Outcome
        <select required value={wrapUp.disposition} onChange={(event) => editWrapUp(contactId, { disposition: event.currentTarget.value as Disposition })}>
          <option value="">Choose…</option>
          {choices.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
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
