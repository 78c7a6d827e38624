import type { Customer } from '@beckon/protocol';
import { useStore } from '@beckon/ui';
import { useEffect } from 'preact/hooks';
import { dispositionLabels, formatStart, mediaLabels, outcomeLabels } from '../format.ts';
import { $earlierContacts, earlierContactsShown, loadEarlierContacts } from '../stores/earlier-contacts.ts';
import { openTranscript } from '../stores/transcript.ts';
import { TranscriptDialog } from './TranscriptDialog.tsx';

/**
 * A verified customer's earlier contacts, most recent first: when, how, who
 * answered, how it ended and what the agent noted, each with its transcript.
 * Nothing for an anonymous visitor, who cannot be told apart from another.
 * @example <EarlierContacts conversationId="c2" customer={caller.customer} />
 */
export function EarlierContacts({ conversationId, customer }: { conversationId: string; customer: Customer | null | undefined }) {
  const earlier = useStore($earlierContacts)[conversationId];
  useEffect(() => {
    if (customer) void loadEarlierContacts(conversationId, customer.id);
  }, [conversationId, customer?.id]);
  if (!customer || !earlier || earlier.loading) return null;
  if (earlier.error) return <p class="notes">{earlier.error}</p>;
  const [latest] = earlier.contacts;
  if (!latest) return <p class="notes">No earlier contacts with this customer.</p>;
  return (
    <>
      <details class="earlier-contacts">
        <summary>
          Earlier contacts: {earlier.more ? `${earlierContactsShown}+` : earlier.contacts.length}, the last {formatStart(latest.createdAt)}
        </summary>
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
