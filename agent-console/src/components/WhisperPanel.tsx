import { useStore } from '@beckon/ui';
import { useState } from 'preact/hooks';
import { $session } from '../stores/session.ts';
import { $whispers, replyWhisper } from '../stores/whispers.ts';

/**
 * Private messages from a supervisor, with a reply box; hidden until the first one.
 * @example <WhisperPanel />
 */
export function WhisperPanel() {
  const whispers = useStore($whispers);
  const me = useStore($session)?.agent.id;
  const [text, setText] = useState('');
  const supervisor = [...whispers].reverse().find((line) => line.from.id !== me)?.from;
  if (!supervisor) return null;
  return (
    <section class="whisper-panel" aria-labelledby="whisper-title">
      <h2 id="whisper-title">From your supervisor</h2>
      <p class="hint">The visitor does not see these messages.</p>
      <ol aria-live="polite">
        {whispers.map((line) => (
          <li key={`${line.at}-${line.from.id}`}>
            <strong>{line.from.id === me ? 'You' : line.from.name}:</strong> {line.text}
          </li>
        ))}
      </ol>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          replyWhisper(supervisor.id, text);
          setText('');
        }}
      >
        <input aria-label={`Reply to ${supervisor.name}`} value={text} maxLength={4000} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit">Reply</button>
      </form>
    </section>
  );
}
