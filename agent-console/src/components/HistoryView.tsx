import { useStore } from '@beckon/ui';
import { outcomes, type Contact, type Outcome } from '@beckon/protocol';
import { useState } from 'preact/hooks';
import { describeMediaPath, dispositionLabels, formatDuration, formatQualitySummary, formatStart, mediaLabels } from '../format.ts';
import { $isAdmin } from '../stores/admin.ts';
import { $contactAction, $contacts, $historyFilter, deleteContact, findContacts, loadContacts, loadOlderContacts } from '../stores/contacts.ts';
import { openTranscript } from '../stores/transcript.ts';
import { ActionLine } from './ActionLine.tsx';
import { ListPage } from './ListPage.tsx';
import { TranscriptDialog } from './TranscriptDialog.tsx';

/**
 * The contact history table with a Refresh button, newest first, a page at
 * a time, and a search by text and outcome; each contact says the richest
 * media it reached and opens its chat transcript. Admins can delete an ended
 * contact, as a visitor may ask.
 * @example <HistoryView />
 */
export function HistoryView() {
  const list = useStore($contacts);
  const filter = useStore($historyFilter);
  const isAdmin = useStore($isAdmin);
  const action = useStore($contactAction);
  const searching = filter.text.trim() !== '' || filter.outcome !== '';
  return (
    <ListPage id="history" title="History" list={list} onRefresh={loadContacts} empty={searching ? 'No contacts match.' : 'No contacts yet.'}>
      <FindContacts />
      {isAdmin && <ActionLine state={action} />}
      <table>
        <thead>
          <tr>
            <th scope="col">Visitor</th>
            <th scope="col">Media</th>
            <th scope="col">Agent</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Outcome</th>
            <th scope="col">Quality</th>
            <th scope="col">Wrap-up</th>
            <th scope="col">Survey</th>
            {isAdmin && <th scope="col">Delete</th>}
          </tr>
        </thead>
        <tbody>
          {list.items.map((contact) => (
            <tr key={contact.id}>
              <td>{contact.visitor}</td>
              <td>
                <span class="contact-media">{mediaLabels[contact.media]}</span>
                <button type="button" class="link-button" onClick={() => void openTranscript(contact)}>
                  Transcript<span class="sr-only"> with {contact.visitor}, {formatStart(contact.createdAt)}</span>
                </button>
              </td>
              <td>{contact.agent?.name ?? '—'}</td>
              <td>{formatStart(contact.createdAt)}</td>
              <td>
                {formatDuration(contact.durationSeconds)}
                {contact.hold && (
                  <p class="notes">
                    On hold {formatDuration(contact.hold.seconds)} ({contact.hold.times === 1 ? 'once' : `${contact.hold.times} times`})
                  </p>
                )}
              </td>
              <td>
                {contact.outcome ?? (contact.callback ? 'callback requested' : 'in progress')}
                {contact.message && (
                  <p class="notes">
                    {contact.message.name} ({contact.message.email}): {contact.message.text}
                  </p>
                )}
                {contact.callback && <p class="notes">Callback for {contact.callback.name}{contact.callback.email && ` (${contact.callback.email})`}</p>}
              </td>
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
              <td class="survey">
                {contact.survey ? (
                  <>
                    <span>{contact.survey.rating}/5</span>
                    {contact.survey.comment && <q>{contact.survey.comment}</q>}
                  </>
                ) : (
                  '—'
                )}
              </td>
              {isAdmin && (
                <td>
                  {contact.endedAt !== null && (
                    <button
                      type="button"
                      class="danger"
                      disabled={action.pending}
                      aria-label={`Delete the contact with ${contact.visitor}, ${formatStart(contact.createdAt)}`}
                      onClick={() => confirm(`Delete the contact with ${contact.visitor} for good? Its transcript, survey, notes and call quality go with it.`) && void deleteContact(contact)}
                    >
                      Delete
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {list.next && (
        <button type="button" disabled={list.loading} onClick={() => void loadOlderContacts()}>
          Show older contacts
        </button>
      )}
      <TranscriptDialog />
    </ListPage>
  );
}

// What to look for: text anywhere in a contact (who, where, notes, a left message) and its outcome.
function FindContacts() {
  const [text, setText] = useState($historyFilter.get().text);
  const [outcome, setOutcome] = useState<Outcome | ''>($historyFilter.get().outcome);
  return (
    <form
      role="search"
      aria-label="Find contacts"
      class="admin-form inline"
      onSubmit={(event) => {
        event.preventDefault();
        void findContacts({ text, outcome });
      }}
    >
      <label for="history-text">Visitor, page, agent, notes or message</label>
      <input id="history-text" type="search" maxLength={100} value={text} onInput={(event) => setText(event.currentTarget.value)} />
      <label for="history-outcome">Outcome</label>
      <select id="history-outcome" value={outcome} onChange={(event) => setOutcome(event.currentTarget.value as Outcome | '')}>
        <option value="">Any</option>
        {outcomes.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <button type="submit">Find</button>
    </form>
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
      <div>
        <dt>Connection</dt>
        <dd>{describeMediaPath(quality)}</dd>
      </div>
    </dl>
  );
}
