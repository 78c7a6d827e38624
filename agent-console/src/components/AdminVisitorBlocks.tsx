import { useStore } from '@beckon/ui';
import { formatStart } from '../format.ts';
import { $visitorBlockAction, $visitorBlocks, loadVisitorBlocks, unblockVisitor } from '../stores/visitor-blocks.ts';
import { ActionLine } from './ActionLine.tsx';
import { AdminTable } from './AdminTable.tsx';
import { ListPage } from './ListPage.tsx';
import { useRowFocus } from './use-row-focus.ts';

/**
 * The visitors agents blocked, while their blocks hold; lift one.
 * @example <AdminVisitorBlocks />
 */
export function AdminVisitorBlocks() {
  const list = useStore($visitorBlocks);
  const action = useStore($visitorBlockAction);
  const fromRow = useRowFocus(list.items);
  return (
    <ListPage id="visitor-blocks" title="Blocked visitors" list={list} onRefresh={loadVisitorBlocks} empty="No visitor is blocked.">
      <p class="hint">
        An agent blocks a visitor from their conversation. From the network they came from (a verified customer, signed in as that customer, from any
        network too), the visitor can start no chat or call until the block runs out or you lift it.
      </p>
      <ActionLine state={action} />
      <AdminTable columns={['Visitor', 'Why', 'Blocked by', 'Until']}>
        {list.items.map((block) => (
          <tr key={block.id}>
            <td>{block.visitor}</td>
            <td class="notes">{block.reason || '—'}</td>
            <td>
              {block.blockedBy}, {formatStart(block.createdAt)}
            </td>
            <td>{formatStart(block.expiresAt)}</td>
            <td class="row-actions">
              <button type="button" aria-label={`Unblock ${block.visitor}`} onClick={(event) => confirm(`Unblock ${block.visitor}? They can start chats and calls again at once.`) && fromRow(event.currentTarget, () => unblockVisitor(block))}>
                Unblock
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </ListPage>
  );
}
