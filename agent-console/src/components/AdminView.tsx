import { AdminOrigins } from './AdminOrigins.tsx';
import { AdminQueues } from './AdminQueues.tsx';
import { AdminSettings } from './AdminSettings.tsx';
import { AdminTeam } from './AdminTeam.tsx';
import { AdminWidgetKeys } from './AdminWidgetKeys.tsx';

/**
 * The Admin page: the team, queues, allowed websites, widget keys and settings of the admin's tenant.
 * @example <AdminView />
 */
export function AdminView() {
  return (
    <>
      <AdminTeam />
      <AdminQueues />
      <AdminOrigins />
      <AdminWidgetKeys />
      <AdminSettings />
    </>
  );
}
