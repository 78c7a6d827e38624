import { useStore } from '@beckon/ui';
import { $alternatives, chooseForm, dismissAlternatives } from '../stores/alternatives.ts';
import { describeOpening } from '../opening.ts';
import { ContactForm } from './ContactForm.tsx';

/**
 * What the visitor can do when support cannot take their chat or call now:
 * leave a message or ask for a callback (and keep waiting, when they are in the queue).
 * @example {$alternatives.get().step !== 'none' && <Alternatives />}
 */
export function Alternatives() {
  const state = useStore($alternatives);
  if (state.step === 'none') return null;
  if (state.step === 'message-sent') {
    return (
      <>
        <div role="status">
          <p class="title">Message sent</p>
          <p>Thank you. We will get back to you by email.</p>
        </div>
        <div class="actions">
          <button type="button" class="primary" onClick={dismissAlternatives}>
            Done
          </button>
        </div>
      </>
    );
  }
  if (state.form) return <ContactForm form={state.form} sending={state.sending} error={state.error} text={state.text} />;
  const { why } = state;
  return (
    <>
      <div role="status">
        <p class="title">{why.reason === 'long-wait' ? 'Sorry for the wait' : 'We are closed right now'}</p>
        {why.reason === 'long-wait' ? <p>You keep your place in the queue.</p> : why.nextOpening !== null && <p>We open again {describeOpening(why.nextOpening)}.</p>}
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => chooseForm('message')}>
          Leave a message
        </button>
        <button type="button" onClick={() => chooseForm('callback')}>
          Request a callback
        </button>
        <button type="button" onClick={dismissAlternatives}>
          {why.reason === 'long-wait' ? 'Keep waiting' : 'Back'}
        </button>
      </div>
    </>
  );
}
