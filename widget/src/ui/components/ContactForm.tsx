import { contactRequestLimits, maxEmailChars } from '@beckon/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { chooseForm } from '../stores/alternatives.ts';
import { askForCallback, leaveMessage } from '../stores/contact-request.ts';

// What the visitor typed about themselves, for the next form they open
// (Back, then the other form): nobody types their name twice.
const typed = { name: '', email: '' };

/**
 * The message form (name, email, message, beginning with what the visitor had
 * written) or the callback form (name, email if they like).
 * @example <ContactForm form="callback" sending={false} error={null} text="" />
 */
export function ContactForm({ form, sending, error, text: written }: { form: 'message' | 'callback'; sending: boolean; error: string | null; text: string }) {
  const [name, setName] = useState(typed.name);
  const [email, setEmail] = useState(typed.email);
  const [text, setText] = useState(written);
  const message = form === 'message';
  const first = useRef<HTMLInputElement>(null);
  // The button that opened the form is gone: keyboard focus goes to the first field.
  useEffect(() => first.current?.focus(), [form]);
  return (
    <form
      aria-label={message ? 'Leave a message' : 'Request a callback'}
      onSubmit={(event) => {
        event.preventDefault();
        void (message ? leaveMessage({ name, email, text }) : askForCallback({ name, email }));
      }}
    >
      <p class="title">{message ? 'Leave a message' : 'Request a callback'}</p>
      {!message && <p>Keep this page open: we call you back right here, in your browser.</p>}
      <label class="picker">
        Your name
        <input ref={first} required maxLength={contactRequestLimits.maxNameChars} autoComplete="name" value={name} onInput={(event) => setName((typed.name = event.currentTarget.value))} />
      </label>
      <label class="picker">
        {message ? 'Email' : 'Email (optional)'}
        <input
          type="email"
          required={message}
          maxLength={maxEmailChars}
          autoComplete="email"
          value={email}
          onInput={(event) => setEmail((typed.email = event.currentTarget.value))}
        />
      </label>
      {message && (
        <label class="picker">
          Message
          <textarea required rows={4} maxLength={contactRequestLimits.maxMessageChars} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
      )}
      {error && <p role="alert" class="notice">{error}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={sending}>
          {message ? 'Send message' : 'Call me back'}
        </button>
        <button type="button" onClick={() => chooseForm(null)} disabled={sending}>
          Back
        </button>
      </div>
    </form>
  );
}
