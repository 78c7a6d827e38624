import type { AdminActionState } from '../stores/admin-action.ts';

/**
 * What an Admin section's last change did, or why it failed.
 * @example <ActionLine state={useStore($teamAction)} />
 */
export function ActionLine({ state }: { state: AdminActionState }) {
  return (
    <>
      {state.error && <p role="alert" class="error">{state.error}</p>}
      <p role="status" class="done">
        {state.done}
      </p>
    </>
  );
}
