import { useStore } from '@beckon/ui';
import { formatStart } from '../format.ts';
import { $deliveries, loadDeliveries } from '../stores/deliveries.ts';
import { ListPage } from './ListPage.tsx';

/**
 * The webhook delivery log: each event sent to the tenant's endpoints, its attempts and last answer.
 * @example <DeliveriesView />
 */
export function DeliveriesView() {
  const list = useStore($deliveries);
  return (
    <ListPage id="deliveries" title="Webhook deliveries" list={list} onRefresh={loadDeliveries} empty="No webhook deliveries yet.">
      <table>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Queued</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Next attempt</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((delivery) => (
            <tr key={delivery.id}>
              <td>{delivery.event}</td>
              <td>{delivery.url}</td>
              <td>{formatStart(delivery.createdAt)}</td>
              <td>{delivery.status}</td>
              <td>{delivery.attempts}</td>
              <td>{delivery.responseCode ?? delivery.error ?? '—'}</td>
              <td>{delivery.nextAttemptAt === null ? '—' : formatStart(delivery.nextAttemptAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ListPage>
  );
}
