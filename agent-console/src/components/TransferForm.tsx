import { useStore } from '@beckon/ui';
import type { TransferTarget } from '@beckon/protocol';
import { useState } from 'preact/hooks';
import { $transfer, closeTransfer, transfer } from '../stores/transfer.ts';

/**
 * Where to hand the conversation on: a queue or a colleague, blind or warm, with a note for them.
 * @example <TransferForm conversationId="c1" />
 */
export function TransferForm({ conversationId }: { conversationId: string }) {
  const form = useStore($transfer);
  const [target, setTarget] = useState('');
  const [warm, setWarm] = useState(false);
  const [note, setNote] = useState('');
  if (form?.conversationId !== conversationId) return null;
  const chosen: TransferTarget | null = target.startsWith('queue:') ? { queue: target.slice(6) } : target.startsWith('agent:') ? { agent: target.slice(6) } : null;
  return (
    <form
      class="transfer"
      aria-label="Transfer"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) transfer(conversationId, chosen, warm && 'agent' in chosen, note);
      }}
    >
      {form.error && <p role="alert" class="error">{form.error}</p>}
      {form.ringing ? (
        <p role="status">Ringing {form.ringing}…</p>
      ) : (
        <>
          <label>
            Transfer to
            <select value={target} onChange={(e) => setTarget(e.currentTarget.value)} disabled={!form.targets}>
              <option value="">{form.targets ? 'Choose…' : 'Loading…'}</option>
              <optgroup label="Queues">
                {form.targets?.queues.map((queue) => <option key={queue.id} value={`queue:${queue.id}`}>{queue.name}</option>)}
              </optgroup>
              <optgroup label="Agents">
                {form.targets?.agents.map((agent) => (
                  <option key={agent.id} value={`agent:${agent.id}`} disabled={agent.status === 'offline'}>
                    {agent.name} ({agent.status})
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <label>
            <input type="checkbox" checked={warm && target.startsWith('agent:')} disabled={!target.startsWith('agent:')} onChange={(e) => setWarm(e.currentTarget.checked)} />
            Warm: stay with the visitor until they answer
          </label>
          <label>
            Note for them
            <textarea value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
        </>
      )}
      <div class="actions">
        {!form.ringing && (
          <button type="submit" disabled={!chosen}>
            Transfer
          </button>
        )}
        <button type="button" onClick={closeTransfer}>
          Close
        </button>
      </div>
    </form>
  );
}
