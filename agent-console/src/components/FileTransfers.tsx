import { formatBytes, type FileTransfer } from '@beckon/rtc';
import { SaveLink } from '@beckon/ui';
import type { AgentConversation } from '../stores/conversation-state.ts';
import { answerFile, cancelFile } from '../stores/files.ts';

const stateWords: Record<FileTransfer['state'], string> = {
  offered: 'waiting for an answer',
  transferring: 'on its way',
  verifying: 'checking',
  completed: 'arrived whole (SHA-256 checked)',
  declined: 'declined',
  cancelled: 'cancelled',
  failed: 'failed',
};

/**
 * The files of this conversation either way, with progress, Accept or
 * Decline for what the visitor offers, Cancel while one is on its way, and a
 * Save link once it arrived whole. Names are shown as text.
 * @example <FileTransfers conversation={conversation} />
 */
export function FileTransfers({ conversation }: { conversation: AgentConversation }) {
  if (!conversation.files.length) return null;
  return (
    <section class="files" aria-label="Files">
      <h3>Files</h3>
      <ul>
        {conversation.files.map((file) => (
          <FileRow key={file.id} conversationId={conversation.id} file={file} />
        ))}
      </ul>
    </section>
  );
}

function FileRow({ conversationId, file }: { conversationId: string; file: FileTransfer }) {
  const incoming = file.direction === 'incoming';
  const label = `${incoming ? 'From the visitor' : 'To the visitor'}: ${file.name} (${formatBytes(file.size)})`;
  return (
    <li aria-label={file.name}>
      <p>
        {label}, {stateWords[file.state]}
        {file.error && `: ${file.error}`}
      </p>
      {(file.state === 'transferring' || file.state === 'verifying') && (
        <progress max={file.size} value={file.bytes} aria-label={`${file.name} progress`} />
      )}
      <div class="actions">
        {incoming && file.state === 'offered' && (
          <>
            <button type="button" class="accept" onClick={() => answerFile(conversationId, file.id, true)}>
              Accept file
            </button>
            <button type="button" onClick={() => answerFile(conversationId, file.id, false)}>
              Decline file
            </button>
          </>
        )}
        {(file.state === 'offered' || file.state === 'transferring') && !(incoming && file.state === 'offered') && (
          <button type="button" onClick={() => cancelFile(conversationId, file.id)}>
            Cancel
          </button>
        )}
        {file.blob && <SaveLink blob={file.blob} name={file.name} />}
      </div>
    </li>
  );
}
