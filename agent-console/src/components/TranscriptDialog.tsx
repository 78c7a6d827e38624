import { useStore } from '@beckon/ui';
import { useEffect, useRef } from 'preact/hooks';
import { formatStart } from '../format.ts';
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
          {transcript.recordings.map((recording, index) => (
            <figure key={recording.segment} class="recording">
              <figcaption>
                Recording{transcript.recordings.length > 1 ? ` ${index + 1}` : ''} of the call, from {formatStart(recording.startedAt)}
              </figcaption>
              <audio controls preload="metadata" src={recording.url} aria-label={`Recording${transcript.recordings.length > 1 ? ` ${index + 1}` : ''} of the call with ${transcript.visitor}`} />
              <a href={recording.url} download={`call-${transcript.contactId}-${recording.segment}.webm`}>
                Download<span class="sr-only"> recording{transcript.recordings.length > 1 ? ` ${index + 1}` : ''}</span>
              </a>
            </figure>
          ))}
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
