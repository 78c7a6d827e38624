import { useStore } from '@nanostores/preact';
import { $isAdmin } from '../stores/admin.ts';
import { $call } from '../stores/call.ts';
import { $notice } from '../stores/notice.ts';
import { $offer } from '../stores/offer.ts';
import { $presence } from '../stores/presence.ts';
import { $view } from '../stores/view.ts';
import { Callbacks } from './Callbacks.tsx';
import { AdminView } from './AdminView.tsx';
import { CallView } from './CallView.tsx';
import { Header } from './Header.tsx';
import { DeliveriesView } from './DeliveriesView.tsx';
import { HistoryView } from './HistoryView.tsx';
import { IncomingCall } from './IncomingCall.tsx';
import { WrapUpForm } from './WrapUpForm.tsx';

/**
 * The signed-in console: header, news, a ringing offer on any page, and the chosen page.
 * @example <Desk agentName="Ada" />
 */
export function Desk({ agentName }: { agentName: string }) {
  const view = useStore($view);
  const offer = useStore($offer);
  const notice = useStore($notice);
  const { awayReason } = useStore($presence);
  const isAdmin = useStore($isAdmin);
  return (
    <>
      <Header agentName={agentName} />
      <main>
        {awayReason && (
          <p role="alert" class="warning">
            {awayReason === 'missed-offer' ? 'You missed a call and are now Away' : 'Your connection was lost for a while, so you are now Away'}
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
        {offer && <IncomingCall offer={offer} />}
        {view === 'history' ? <HistoryView /> : view === 'webhooks' ? <DeliveriesView /> : view === 'admin' && isAdmin ? <AdminView /> : <CallsPage />}
      </main>
    </>
  );
}

function CallsPage() {
  const call = useStore($call);
  const offer = useStore($offer);
  if (call?.phase === 'live') return <CallView call={call} />;
  if (call?.phase === 'joining') return <p class="waiting">Joining the call…</p>;
  return (
    <>
      <WrapUpForm />
      {!offer && <p class="waiting">Waiting for calls.</p>}
      <Callbacks />
    </>
  );
}
