import { useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { $isAdmin } from '../stores/admin.ts';
import { $isSupervisor } from '../stores/board.ts';
import { $contacts, loadContacts } from '../stores/contacts.ts';
import { $conversations, $selectedConversation } from '../stores/conversations.ts';
import { $notice } from '../stores/notice.ts';
import { $offer } from '../stores/offer.ts';
import { $presence } from '../stores/presence.ts';
import { $view } from '../stores/view.ts';
import { $wrapUps } from '../stores/wrap-up.ts';
import { AdminView } from './AdminView.tsx';
import { BoardView } from './BoardView.tsx';
import { CallAudio } from './CallAudio.tsx';
import { Callbacks } from './Callbacks.tsx';
import { ConversationList } from './ConversationList.tsx';
import { ConversationView } from './ConversationView.tsx';
import { WhisperPanel } from './WhisperPanel.tsx';
import { DeliveriesView } from './DeliveriesView.tsx';
import { ReportsView } from './ReportsView.tsx';
import { Header } from './Header.tsx';
import { HistoryView } from './HistoryView.tsx';
import { IncomingOffer, OfferAnnouncement } from './IncomingOffer.tsx';
import { WrapUpAnnouncement, WrapUpForm } from './WrapUpForm.tsx';

/**
 * The signed-in console: header, news, a ringing offer on any page (said to
 * screen readers, as a wrap-up's start and end are), and the chosen page.
 * @example <Desk agentName="Ada" />
 */
export function Desk({ agentName }: { agentName: string }) {
  const view = useStore($view);
  const offer = useStore($offer);
  const notice = useStore($notice);
  const { awayReason } = useStore($presence);
  const isAdmin = useStore($isAdmin);
  const isSupervisor = useStore($isSupervisor);
  const heading = useRef<HTMLHeadingElement>(null);
  // The focus lost with the sign-in form lands on the heading. This runs after
  // the effects inside the desk, so a reply box that took it after a reload keeps it.
  useEffect(() => {
    if (document.activeElement === document.body) heading.current?.focus();
  }, []);
  return (
    <>
      <Header agentName={agentName} headingRef={heading} />
      <main>
        {awayReason && (
          <p role="alert" class="warning">
            {awayReason === 'missed-offer' ? 'You missed a chat or call, so you are now Away.' : 'Your console was closed or offline for a while, so you are now Away.'} Set your
            status to Available to take chats and calls again.
          </p>
        )}
        {notice?.tone === 'alert' && (
          <p role="alert" class="notice alert">
            {notice.text}
          </p>
        )}
        <p role="status" class="notice">
          {notice?.tone === 'status' ? notice.text : null}
        </p>
        <OfferAnnouncement />
        <WrapUpAnnouncement />
        {offer && <IncomingOffer offer={offer} />}
        <WhisperPanel />
        {view === 'history' ? <HistoryView /> : view === 'webhooks' && isSupervisor ? <DeliveriesView /> : view === 'admin' && isAdmin ? <AdminView /> : view === 'board' && isSupervisor ? <BoardView /> : view === 'reports' && isSupervisor ? <ReportsView /> : <ConversationsPage />}
      </main>
      <CallAudio />
    </>
  );
}

function ConversationsPage() {
  const conversations = useStore($conversations);
  const selected = useStore($selectedConversation);
  const wrapUps = useStore($wrapUps);
  const offer = useStore($offer);
  const contacts = useStore($contacts).items;
  // A wrap-up whose conversation is no longer here, e.g. after a reload: History knows whose it is.
  const wrapUpsAlone = Object.keys(wrapUps).filter((contactId) => !conversations[contactId]);
  const unnamed = wrapUpsAlone.filter((contactId) => !contacts.some((contact) => contact.id === contactId)).join();
  useEffect(() => {
    if (unnamed) void loadContacts();
  }, [unnamed]);
  return (
    <div class="desk">
      <ConversationList />
      <div class="desk-main">
        {wrapUpsAlone.map((contactId) => (
          <WrapUpForm key={contactId} contactId={contactId} visitor={contacts.find((contact) => contact.id === contactId)?.visitor} ended />
        ))}
        {selected ? <ConversationView key={selected.id} conversation={selected} /> : !offer && <p class="waiting">Waiting for chats and calls.</p>}
        <Callbacks />
      </div>
    </div>
  );
}
