import { useStore } from '@beckon/ui';
import { outcomes, visitorAddressKeptDays, type Contact } from '@beckon/protocol';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { describeMediaPath, dispositionLabels, formatDuration, formatQualitySummary, formatStart, mediaLabels, outcomeLabels, reason } from '../format.ts';
import { $isAdmin } from '../stores/admin.ts';
import {
  $contactAction,
  $contacts,
  $historyFilter,
  contactsAsCsv,
  deleteContact,
  findContacts,
  loadContacts,
  loadOlderContacts,
  maxCsvContacts,
  type HistoryFilter,
} from '../stores/contacts.ts';
import { openTranscript } from '../stores/transcript.ts';
import { askToBlock } from '../stores/visitor-blocks.ts';
import { ActionLine } from './ActionLine.tsx';
import { BlockVisitorForm } from './BlockVisitor.tsx';
import { ListPage } from './ListPage.tsx';
import { TranscriptDialog } from './TranscriptDialog.tsx';
import { useRowFocus } from './use-row-focus.ts';
import { VerifiedCustomer } from './VerifiedCustomer.tsx';

/**
 * The contact history table with a Refresh button, newest first, a page at
 * a time, and a search by text and outcome; each contact says the richest
 * media it reached and opens its chat transcript. A recent contact's visitor
 * can be blocked; admins can delete an ended contact, as a visitor may ask.
 * @example <HistoryView />
 */
export function HistoryView() {
  const list = useStore($contacts);
  const filter = useStore($historyFilter);
  const isAdmin = useStore($isAdmin);
  const action = useStore($contactAction);
  const searching = filter.text.trim() !== '' || filter.outcome !== '' || filter.from !== '' || filter.to !== '';
  // What a search found, said as it comes (screen readers too), so Find never seems to do nothing.
  const count = list.items.length;
  const found =
    searching && !list.loading && !list.error
      ? count === 0
        ? 'No contacts match.'
        : `${count === 1 ? '1 contact' : `${count} contacts`} found${list.next ? ' so far: Show older contacts for more' : ''}.`
      : '';
  // The last older page takes Show older contacts away: the keyboard goes on at the first contact it added, not at the page.
  const olderFrom = useRef<number | null>(null);
  const rows = useRef<HTMLTableSectionElement>(null);
  useLayoutEffect(() => {
    if (olderFrom.current === null || list.loading) return;
    if (!list.next && document.activeElement === document.body) rows.current?.rows[olderFrom.current]?.querySelector('button')?.focus();
    olderFrom.current = null;
  }, [list]);
  const fromRow = useRowFocus(list.items);
  // The contact whose visitor the form below the table blocks.
  const [blocking, setBlocking] = useState<Contact | null>(null);
  const block = (contact: Contact) => {
    if (blocking) askToBlock(blocking.id, false);
    askToBlock(contact.id, true);
    setBlocking(contact);
  };
  const blockable = (contact: Contact) => Date.now() - contact.createdAt < visitorAddressKeptDays * 86_400_000;
  const showOlder = () => {
    if (list.loading) return;
    olderFrom.current = list.items.length;
    void loadOlderContacts();
  };
  return (
    <ListPage id="history" title="History" list={list} onRefresh={loadContacts} empty={searching ? '' : 'No contacts yet.'}>
      <FindContacts />
      <p role="status">{found}</p>
      {isAdmin && <ActionLine state={action} />}
      {/* Its own scroller: on a phone the wide table would otherwise push Find and the whole page sideways. */}
      <div class="table-scroll">
        <table aria-busy={list.loading ? 'true' : undefined}>
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
              <th scope="col">Block</th>
              {isAdmin && <th scope="col">Delete</th>}
            </tr>
          </thead>
          <tbody ref={rows}>
            {list.items.map((contact) => (
              <tr key={contact.id}>
                <td>
                  {contact.visitor}
                  <VerifiedCustomer customer={contact.customer} />
                </td>
                <td>
                  <span class="contact-media">{mediaLabels[contact.media]}</span>
                  <button type="button" class="link-button" onClick={() => void openTranscript(contact)}>
                    {contact.recorded ? 'Transcript and recording' : 'Transcript'}
                    <span class="sr-only"> with {contact.visitor}, {formatStart(contact.createdAt)}</span>
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
                  {contact.outcome ? outcomeLabels[contact.outcome] : contact.callback ? 'Callback requested' : 'In progress'}
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
                      {contact.wrapUp.reason && <p class="notes">Reason: {contact.wrapUp.reason}</p>}
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
                <td>
                  {blockable(contact) && (
                    <button type="button" aria-label={`Block ${contact.visitor} (${formatStart(contact.createdAt)})`} onClick={() => block(contact)}>
                      Block
                    </button>
                  )}
                </td>
                {isAdmin && (
                  <td>
                    {contact.endedAt !== null && (
                      <button
                        type="button"
                        class="danger"
                        // Not disabled while a deletion is out: a disabled button drops the focus to the page.
                        aria-disabled={action.pending ? 'true' : undefined}
                        aria-label={`Delete the contact with ${contact.visitor}, ${formatStart(contact.createdAt)}`}
                        onClick={(event) =>
                          !action.pending &&
                          confirm(`Delete the contact with ${contact.visitor} for good? Its transcript, survey, notes and call quality go with it.`) &&
                          fromRow(event.currentTarget, () => deleteContact(contact))
                        }
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
      </div>
      {list.next && (
        // Not disabled while loading: a disabled button drops the focus to the page, and a screen reader with it.
        <button type="button" aria-disabled={list.loading ? 'true' : undefined} onClick={showOlder}>
          Show older contacts
        </button>
      )}
      {blocking && <BlockVisitorForm key={blocking.id} contactId={blocking.id} visitor={blocking.visitor} verified={!!blocking.customer} live={false} />}
      <TranscriptDialog />
    </ListPage>
  );
}

// What to look for: text anywhere in a contact (who, where, notes, a left
// message), its outcome and the days it began on; and all of it as CSV.
function FindContacts() {
  const [filter, setFilter] = useState<HistoryFilter>($historyFilter.get());
  const [csv, setCsv] = useState<{ busy: boolean; said: string }>({ busy: false, said: '' });
  const change = (key: keyof HistoryFilter) => (event: { currentTarget: { value: string } }) => setFilter({ ...filter, [key]: event.currentTarget.value });
  const download = async (form: HTMLFormElement) => {
    // A button, not a submit: the days are checked as Find checks them.
    if (csv.busy || !form.reportValidity()) return;
    setCsv({ busy: true, said: 'Preparing the CSV…' });
    try {
      await findContacts(filter);
      const { csv: text, more } = await contactsAsCsv();
      const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: 'beckon-contacts.csv' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setCsv({ busy: false, said: more ? `The CSV has the newest ${maxCsvContacts.toLocaleString()} contacts found; narrow the search for the rest.` : 'The CSV is downloaded.' });
    } catch (error) {
      setCsv({ busy: false, said: `Could not make the CSV: ${reason(error)}` });
    }
  };
  return (
    <form
      role="search"
      aria-label="Find contacts"
      class="admin-form"
      onSubmit={(event) => {
        event.preventDefault();
        void findContacts(filter);
      }}
    >
      <label for="history-text">Visitor, page, agent, notes or message</label>
      <input id="history-text" type="search" maxLength={100} value={filter.text} onInput={change('text')} />
      <label for="history-outcome">Outcome</label>
      <select id="history-outcome" value={filter.outcome} onChange={change('outcome')}>
        <option value="">Any</option>
        {outcomes.map((value) => (
          <option key={value} value={value}>
            {outcomeLabels[value]}
          </option>
        ))}
      </select>
      <label for="history-from">From</label>
      <input id="history-from" type="date" value={filter.from} onInput={change('from')} />
      <label for="history-to">To</label>
      {/* To before From finds nothing: the browser says so, as it would of a date that is not one. */}
      <input id="history-to" type="date" min={filter.from || undefined} value={filter.to} onInput={change('to')} />
      <div class="row-actions">
        <button type="submit">Find</button>
        {/* Not disabled while busy: a disabled button drops the focus to the page, and a screen reader with it. */}
        <button type="button" aria-disabled={csv.busy ? 'true' : undefined} onClick={(event) => void download(event.currentTarget.form!)}>
          Download CSV
        </button>
      </div>
      <p role="status">{csv.said}</p>
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
