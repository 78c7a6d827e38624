import { useStore } from '@beckon/ui';
import { $screen, clearDrawings, stopSharing } from '../stores/screen.ts';
import { AnnotatedVideo } from './AnnotatedVideo.tsx';

/**
 * Screens shared in the conversation: the agent's, large, to point and draw
 * on; and the visitor's own, small, with what the agent draws on it and a
 * one-click stop.
 * @example <ScreenArea agent="Ann" />
 */
export function ScreenArea({ agent }: { agent: string }) {
  const { sharing, agentScreen } = useStore($screen);
  return (
    <>
      {agentScreen && (
        <section class="shared" aria-label={`${agent}'s screen`}>
          <AnnotatedVideo stream={agentScreen} label={`${agent}'s shared screen`} draw />
          <p class="agent">Point or draw on it with the mouse, or with the arrow keys and Enter: {agent} sees it too.</p>
          <div class="actions">
            <button type="button" onClick={clearDrawings}>
              Clear drawings
            </button>
          </div>
        </section>
      )}
      {/* Always present, so assistive technology hears the share start. */}
      <p class="title" aria-live="polite">
        {sharing ? 'You are sharing your screen' : ''}
      </p>
      {sharing && (
        <section class="sharing" aria-label="Your screen">
          <AnnotatedVideo stream={sharing} label="Your shared screen" draw={false} />
          <div class="actions">
            <button type="button" class="danger" onClick={stopSharing}>
              Stop sharing
            </button>
          </div>
        </section>
      )}
    </>
  );
}
