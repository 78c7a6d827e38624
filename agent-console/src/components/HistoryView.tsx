import { useStore } from '@beckon/ui';
import type { Contact } from '@beckon/protocol';
import { describeMediaPath, dispositionLabels, formatDuration, formatQualitySummary, formatStart, mediaLabels } from '../format.ts';
import { $isAdmin } from '../stores/admin.ts';
import { $contactAction, $contacts, deleteContact, loadContacts } from '../stores/contacts.ts';
import { openTranscript } from '../stores/transcript.ts';
import { ActionLine } from './ActionLine.tsx';
import { ListPage } from './ListPage.tsx';
import { TranscriptDialog } from './TranscriptDialog.tsx';

/**
 * The contact history table with a Refresh button; each contact says the
 * richest media it reached and opens its chat transcript. Admins can delete
 * an ended contact, as a visitor may ask.
 * @example <HistoryView />
 */
export function HistoryView() {
  const list = useStore($contacts);
  const isAdmin = useStore($isAdmin);
  const action = useStore($contactAction);
  return (
    <ListPage id="history" title="History" list={list} onRefresh={loadContacts} empty="No contacts yet.">
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
      <TranscriptDialog />
    </ListPage>
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
