import { useStore } from '@beckon/ui';
import { useEffect, useState } from 'preact/hooks';
import { $chatRefusal, $returnedDraft, draftChanged, sendMessage, takeReturnedDraft } from '../stores/chat.ts';
import { $realTimeText, toggleRealTimeText } from '../stores/real-time-text.ts';
import { $conversation } from '../stores/conversation.ts';
import { sendFiles } from '../stores/files.ts';
import { keepDraft, keptDraft } from '../draft.ts';
import { charactersLeft, cutNotice, fitMessage } from '../message-length.ts';

/**
 * Where the visitor writes: Enter sends, Shift+Enter starts a new line. With
 * real-time text on, the agent sees each keystroke. The first message starts
 * the conversation; once an agent is there, files can go to them too. Near
 * the limit it counts the characters left, and it says when it cut a paste.
 * What is not sent yet stays through a closed panel and a reload.
 * @example <Composer />
 */
export function Composer() {
  const [draft, setDraftState] = useState(keptDraft);
  const setDraft = (text: string) => {
    setDraftState(text);
    keepDraft(text);
  };
  // Said from the cut until the message goes (or the box is emptied), so it is there to read.
  const [cut, setCut] = useState(false);
  const returned = useStore($returnedDraft);
  const refusal = useStore($chatRefusal);
  // A chat that could not start, or a message refused, gives back what the visitor wrote, to send again, before what they write now.
  useEffect(() => {
    if (returned) setDraft([takeReturnedDraft(), draft].filter(Boolean).join('\n'));
  }, [returned]);
  const realTimeText = useStore($realTimeText).on;
  const joined = useStore($conversation).step === 'accepted';
  const send = () => {
    if (!sendMessage(draft)) return;
    setDraft('');
    setCut(false);
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
        placeholder="Write a message…"
        aria-describedby="beckon-left"
        value={draft}
        onInput={(event) => {
          const box = event.currentTarget;
          const fitted = fitMessage(box.value, box.selectionEnd);
          if (fitted.cut) {
            box.value = fitted.text;
            box.setSelectionRange(fitted.caret, fitted.caret);
          }
          setCut(fitted.cut || (cut && fitted.text !== ''));
          setDraft(fitted.text);
          draftChanged(fitted.text);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          send();
        }}
      />
      <p id="beckon-left" class="meta">
        {charactersLeft(draft)}
      </p>
      {/* Always present, so assistive technology is listening before a cut is said. */}
      <p class="notice" aria-live="polite">
        {cut ? cutNotice : refusal}
      </p>
      <div class="actions">
        <button type="submit" class="primary">
          Send
        </button>
        {joined && (
          <label class="file">
            {/* Drawn as the button; the input says it to assistive technology, once. */}
            <span aria-hidden="true">Send a file</span>
            <input
              type="file"
              aria-label="Send a file"
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
