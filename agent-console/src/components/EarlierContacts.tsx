import type { Customer } from '@beckon/protocol';
import { useStore } from '@beckon/ui';
import { useEffect } from 'preact/hooks';
import { dispositionLabels, formatStart, mediaLabels, outcomeLabels } from '../format.ts';
import { $earlierContacts, earlierContactsShown, loadEarlierContacts, type EarlierContacts as EarlierContactsState } from '../stores/earlier-contacts.ts';
import { openTranscript } from '../stores/transcript.ts';
import { TranscriptDialog } from './TranscriptDialog.tsx';

/**
 * A verified customer's earlier contacts beside a conversation (or its
 * ringing offer: the same conversation), fetched once; none for an anonymous visitor.
 * @example const earlier = useEarlierContacts(offer.conversationId, offer.caller.customer);
 */
export function useEarlierContacts(conversationId: string, customer: Customer | null | undefined): EarlierContactsState | undefined {
  const earlier = useStore($earlierContacts)[conversationId];
  useEffect(() => {
    if (customer) void loadEarlierContacts(conversationId, customer.id);
  }, [conversationId, customer?.id]);
  return customer ? earlier : undefined;
}

/**
 * How many earlier contacts there are and when the last was, in a line.
 * @example earlierSummary({ contacts: [contact], more: false, loading: false, error: null }) // 'Earlier contacts: 1, the last Nov 27, 2026, 10:34 PM'
 */
export function earlierSummary(earlier: EarlierContactsState): string {
  const [latest] = earlier.contacts;
  if (earlier.error) return earlier.error;
  if (!latest) return 'No earlier contacts with this customer.';
  return `Earlier contacts: ${earlier.more ? `${earlierContactsShown}+` : earlier.contacts.length}, the last ${formatStart(latest.createdAt)}`;
}

/**
 * A verified customer's earlier contacts, most recent first: when, how, who
 * answered, how it ended and what the agent noted, each with its transcript.
 * Nothing for an anonymous visitor, who cannot be told apart from another.
 * @example <EarlierContacts conversationId="c2" customer={caller.customer} />
 */
export function EarlierContacts({ conversationId, customer }: { conversationId: string; customer: Customer | null | undefined }) {
  const earlier = useEarlierContacts(conversationId, customer);
  if (!earlier || earlier.loading) return null;
  if (earlier.error || earlier.contacts.length === 0) return <p class="notes">{earlierSummary(earlier)}</p>;
  return (
    <>
      <details class="earlier-contacts">
        <summary>{earlierSummary(earlier)}</summary>
        <ul>
          {earlier.contacts.map((contact) => (
            <li key={contact.id}>
              {formatStart(contact.createdAt)} · {mediaLabels[contact.media]} · {contact.outcome ? outcomeLabels[contact.outcome] : 'In progress'}
              {contact.agent && ` · ${contact.agent.name}`}
              <button type="button" class="link-button" onClick={() => void openTranscript(contact)}>
                {contact.recorded ? 'Transcript and recording' : 'Transcript'}
                <span class="sr-only"> of {formatStart(contact.createdAt)}</span>
              </button>
              {contact.wrapUp && (
                <p class="notes">
                  {dispositionLabels[contact.wrapUp.disposition]}
                  {contact.wrapUp.reason && ` (${contact.wrapUp.reason})`}
                  {contact.wrapUp.notes && `: ${contact.wrapUp.notes}`}
                </p>
              )}
            </li>
          ))}
        </ul>
        {earlier.more && <p class="notes">The {earlierContactsShown} most recent. History finds all of them by the customer's ID.</p>}
      </details>
      <TranscriptDialog />
    </>
  );
}
