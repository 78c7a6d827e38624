import { useStore } from '@nanostores/preact';
import type { Disposition } from '@beckon/protocol';
import { useEffect, useState } from 'preact/hooks';
import { dispositionLabels } from '../format.ts';
import { $wrapUp, editWrapUp, saveWrapUp } from '../stores/wrap-up.ts';

const choices = Object.entries(dispositionLabels) as [Disposition, string][];

/**
 * The wrap-up of the last call: outcome, notes, and how long until calls resume.
 * @example <WrapUpForm />
 */
export function WrapUpForm() {
  const wrapUp = useStore($wrapUp);
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
        saveWrapUp();
      }}
    >
      <h2>Wrap-up</h2>
      <p role="status">{wrapUp.holding && secondsLeft > 0 ? `New calls in ${secondsLeft} s, or as soon as you save.` : 'New calls are coming in again.'}</p>
      <label>
        Outcome
        <select required value={wrapUp.disposition} onChange={(event) => editWrapUp({ disposition: event.currentTarget.value as Disposition })}>
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
        <textarea maxLength={2000} rows={3} value={wrapUp.notes} onInput={(event) => editWrapUp({ notes: event.currentTarget.value })} />
      </label>
      <button type="submit" disabled={!wrapUp.disposition || wrapUp.saving}>
        Save
      </button>
    </form>
  );
}
