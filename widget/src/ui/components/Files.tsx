import { formatBytes, type FileTransfer } from '@beckon/rtc';
import { SaveLink, useStore } from '@beckon/ui';
import { $fileProblem, $files, answerFile, cancelFile } from '../stores/files.ts';

const words: Record<FileTransfer['state'], string> = {
  offered: 'waiting',
  transferring: 'sending',
  verifying: 'checking',
  completed: 'arrived whole',
  declined: 'declined',
  cancelled: 'cancelled',
  failed: 'failed',
};

/**
 * The conversation's files: Accept or Decline for what the agent offers,
 * progress, Cancel, and Save once a file arrived whole. Names show as text.
 * @example <Files />
 */
export function Files() {
  const files = useStore($files);
  const problem = useStore($fileProblem);
  if (!files.length && !problem) return null;
  return (
    <section class="files" aria-label="Files">
      {problem && <p role="alert">{problem}</p>}
      <ul>
        {files.map((file) => (
          <li key={file.id} aria-label={file.name}>
            <p>
              {file.direction === 'incoming' ? 'From support' : 'To support'}: {file.name} ({formatBytes(file.size)}), {words[file.state]}
              {file.error && `: ${file.error}`}
            </p>
            {(file.state === 'transferring' || file.state === 'verifying') && <progress max={file.size} value={file.bytes} />}
            <div class="actions">
              {file.direction === 'incoming' && file.state === 'offered' ? (
                <>
                  <button type="button" class="primary" onClick={() => answerFile(file.id, true)}>
                    Accept file
                  </button>
                  <button type="button" onClick={() => answerFile(file.id, false)}>
                    Decline file
                  </button>
                </>
              ) : (
                (file.state === 'offered' || file.state === 'transferring') && (
                  <button type="button" onClick={() => cancelFile(file.id)}>
                    Cancel
                  </button>
                )
              )}
              {file.blob && <SaveLink blob={file.blob} name={file.name} />}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
