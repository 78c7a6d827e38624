import { useStore } from '@nanostores/preact';
import type { Contact } from '@beckon/protocol';
import { dispositionLabels, formatDuration, formatQualitySummary, formatStart } from '../format.ts';
import { $contacts, loadContacts } from '../stores/contacts.ts';

/**
 * The contact history table with a Refresh button.
 * @example <HistoryView />
 */
export function HistoryView() {
  const { contacts, loading, error } = useStore($contacts);
  return (
    <section class="history" aria-labelledby="history-title">
      <div class="history-head">
        <h2 id="history-title">History</h2>
        <button type="button" onClick={() => void loadContacts()} disabled={loading}>
          Refresh
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Visitor</th>
            <th scope="col">Agent</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Outcome</th>
            <th scope="col">Quality</th>
            <th scope="col">Wrap-up</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr key={contact.id}>
              <td>{contact.visitor}</td>
              <td>{contact.agent?.name ?? '—'}</td>
              <td>{formatStart(contact.createdAt)}</td>
              <td>{formatDuration(contact.durationSeconds)}</td>
              <td>{contact.outcome ?? 'in progress'}</td>
              <td>
                <CallQuality quality={contact.quality} />
              </td>
              <td>
                {contact.wrapUp ? (
                  <>
                    <strong>{dispositionLabels[contact.wrapUp.disposition]}</strong>
                    {contact.wrapUp.notes && <p class="notes">{contact.wrapUp.notes}</p>}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && contacts.length === 0 && !error && <p>No contacts yet.</p>}
    </section>
  );
}

function CallQuality({ quality }: { quality: Contact['quality'] }) {
  if (!quality?.visitor && !quality?.agent) return <>—</>;
  return (
    <dl class="contact-quality">
      {quality.visitor && (
        <div>
          <dt>Visitor</dt>
          <dd>{formatQualitySummary(quality.visitor)}</dd>
        </div>
      )}
      {quality.agent && (
        <div>
          <dt>Agent</dt>
          <dd>{formatQualitySummary(quality.agent)}</dd>
        </div>
      )}
    </dl>
  );
}
