import { AdminIdentitySecret } from './AdminIdentitySecret.tsx';
import { AdminOrigins } from './AdminOrigins.tsx';
import { AdminQueues } from './AdminQueues.tsx';
import { AdminSavedReplies } from './AdminSavedReplies.tsx';
import { AdminSettings } from './AdminSettings.tsx';
import { AdminTeam } from './AdminTeam.tsx';
import { AdminVisitorBlocks } from './AdminVisitorBlocks.tsx';
import { AdminWidgetKeys } from './AdminWidgetKeys.tsx';

/**
 * The Admin page: the team, queues, saved replies, allowed websites, widget keys, identity secret, blocked visitors and settings of the admin's tenant.
 * @example <AdminView />
 */
export function AdminView() {
  return (
    <>
      <AdminTeam />
      <AdminQueues />
      <AdminSavedReplies />
      <AdminOrigins />
      <AdminWidgetKeys />
      <AdminIdentitySecret />
      <AdminVisitorBlocks />
      <AdminSettings />
    </>
  );
}
