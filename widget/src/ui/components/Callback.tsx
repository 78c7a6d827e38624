import { answerCallback, declineCallback, hangUp } from '../stores/call.ts';

/**
 * Waiting for the call back, with the page open so it can ring here.
 * @example <CallbackWaiting />
 */
export function CallbackWaiting() {
  return (
    <>
      <div role="status">
        <p class="title">We will call you back</p>
        <p>Keep this page open. When an agent calls, you can take the call right here.</p>
      </div>
      <div class="actions">
        <button type="button" onClick={hangUp}>
          Cancel callback
        </button>
      </div>
    </>
  );
}

/**
 * The call back ringing: Accept starts the devices and the call, Decline closes the request.
 * @example <CallbackRinging agent="Ann" answering={false} problem={null} />
 */
export function CallbackRinging({ agent, answering, problem }: { agent: string; answering: boolean; problem: string | null }) {
  return (
    <>
      <div role="alert">
        <p class="title">Support is calling you back</p>
        <p>{agent || 'An agent'} is calling.</p>
      </div>
      {problem && <p class="notice">{problem}</p>}
      <div class="actions">
        <button type="button" class="primary" disabled={answering} onClick={() => void answerCallback()}>
          Accept
        </button>
        <button type="button" class="danger" disabled={answering} onClick={declineCallback}>
          Decline
        </button>
      </div>
    </>
  );
}
