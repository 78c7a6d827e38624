import { useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { $transcript, closeTranscript } from '../stores/transcript.ts';
import { TranscriptMessages } from './TranscriptMessages.tsx';

/**
 * A past contact's chat, as text, in a modal dialog that Escape or Close shuts.
 * @example <TranscriptDialog />
 */
export function TranscriptDialog() {
  const transcript = useStore($transcript);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (transcript && !element.open) element.showModal();
    if (!transcript && element.open) element.close();
  }, [transcript !== null]);
  return (
    <dialog ref={dialog} class="transcript-dialog" aria-labelledby="transcript-title" onClose={closeTranscript}>
      {transcript && (
        <>
          <h2 id="transcript-title">Transcript: {transcript.visitor}</h2>
          {transcript.loading && <p role="status">Loading…</p>}
          {transcript.error && (
            <p role="alert" class="error">
              {transcript.error}
            </p>
          )}
          {!transcript.loading && !transcript.error && transcript.messages.length === 0 && <p>No chat messages in this contact.</p>}
          <TranscriptMessages messages={transcript.messages} names={{ agent: transcript.agent, visitor: transcript.visitor }} />
          <button type="button" onClick={closeTranscript}>
            Close
          </button>
        </>
      )}
    </dialog>
  );
}
