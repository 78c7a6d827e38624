import { limits } from '@beckon/protocol';
import { useStore } from '@beckon/ui';
import { useEffect, useState } from 'preact/hooks';
import { $returnedDraft, draftChanged, sendMessage, takeReturnedDraft } from '../stores/chat.ts';
import { $realTimeText, toggleRealTimeText } from '../stores/real-time-text.ts';
import { $conversation } from '../stores/conversation.ts';
import { sendFiles } from '../stores/files.ts';

/**
 * Where the visitor writes: Enter sends, Shift+Enter starts a new line. With
 * real-time text on, the agent sees each keystroke. The first message starts
 * the conversation; once an agent is there, files can go to them too.
 * @example <Composer />
 */
export function Composer() {
  const [draft, setDraft] = useState('');
  const returned = useStore($returnedDraft);
  // A chat that could not start gives back what the visitor wrote, to send again.
  useEffect(() => {
    if (returned) setDraft(takeReturnedDraft());
  }, [returned]);
  const realTimeText = useStore($realTimeText).on;
  const joined = useStore($conversation).step === 'accepted';
  const send = () => {
    if (sendMessage(draft)) setDraft('');
  };
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label class="sr" for="beckon-message">
        Message
      </label>
      <textarea
        id="beckon-message"
        data-autofocus
        rows={2}
        maxLength={limits.maxChatChars}
        placeholder="Write a message…"
        value={draft}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          draftChanged(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          send();
        }}
      />
      <div class="actions">
        <button type="submit" class="primary">
          Send
        </button>
        {joined && (
          <label class="file">
            Send a file
            <input
              type="file"
              multiple
              onChange={(event) => {
                sendFiles(event.currentTarget.files ?? []);
                event.currentTarget.value = '';
              }}
            />
          </label>
        )}
        <button type="button" aria-pressed={realTimeText} onClick={() => toggleRealTimeText(draft)}>
          Real-time text
        </button>
      </div>
    </form>
  );
}
