import { SaveLink, useStore } from '@beckon/ui';
import { useEffect, useState } from 'preact/hooks';
import { $chat } from '../stores/chat.ts';
import type { ConversationState } from '../stores/conversation.ts';
import { $survey } from '../stores/survey.ts';
import { Composer } from './Composer.tsx';
import { StartButtons } from './CallSetup.tsx';
import { Survey } from './Survey.tsx';
import { Transcript } from './Transcript.tsx';

function Ending({ conversation }: { conversation: ConversationState }) {
  if (conversation.step !== 'ended' && conversation.step !== 'failed') return null;
  const what = conversation.call ? 'call' : 'chat';
  return (
    <div role="status">
      <p class="title">
        {conversation.step === 'failed'
          ? `We could not start the ${what}`
          : `${what === 'call' ? 'Call' : 'Chat'} ${conversation.reason === 'cancelled' ? 'cancelled' : 'ended'}`}
      </p>
      {conversation.step === 'failed' && <p>{conversation.message}</p>}
    </div>
  );
}

/**
 * The panel without a conversation: how the last one ended (and its survey
 * and transcript), then a message box whose first message starts a chat, and
 * the buttons that start a call.
 * @example <Start conversation={{ step: 'idle' }} />
 */
export function Start({ conversation }: { conversation: ConversationState }) {
  const survey = useStore($survey).step;
  const { messages } = useStore($chat);
  const transcript = messages.length > 0;
  const starting = survey !== 'asking' && survey !== 'sending';
  const agent = (conversation.step === 'ended' && conversation.agent) || 'Support';
  // The chat of the conversation that ended, to keep: made by code that loads only then.
  const ended = transcript && conversation.step === 'ended';
  const [file, setFile] = useState<Blob | null>(null);
  useEffect(() => {
    setFile(null);
    if (ended) void import('../transcript-file.ts').then(({ transcriptText }) => setFile(new Blob([transcriptText(messages, agent)], { type: 'text/plain' })));
  }, [ended, messages, agent]);
  return (
    <>
      {/* Only the middle scrolls: on a small screen the message box and the call buttons stay in view. */}
      <div class="middle">
        <Ending conversation={conversation} />
        <Survey />
        {transcript && <Transcript agent={agent} />}
        {/* A paragraph of its own: inline, it ran into the words below as if part of them. */}
        {ended && file && (
          <p>
            <SaveLink blob={file} name="support-chat.txt" />
          </p>
        )}
        {starting && <p>Write to our support team, or talk to us by video or audio right from your browser. No app to install.</p>}
      </div>
      {starting && (
        <div class="foot">
          <Composer />
          <StartButtons />
        </div>
      )}
    </>
  );
}
