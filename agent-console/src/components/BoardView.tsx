import { useStore } from '@beckon/ui';
import type { Board } from '@beckon/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration, formatMeasure } from '../format.ts';
import { $board, listen, reassign, stopListening, whisper } from '../stores/board.ts';
import { $session } from '../stores/session.ts';
import { useStreamSource } from './StreamVideo.tsx';

type BoardAgent = Board['agents'][number];

/**
 * The supervisor's live board: queues, agents, waiting contacts and calls,
 * with whispers to agents and reassigning a waiting contact.
 * @example <BoardView />
 */
export function BoardView() {
  const { board, link, clockOffsetMs, whispers, error, listening } = useStore($board);
  const me = useStore($session)?.agent.id;
  const now = useServerNow(clockOffsetMs);
  if (!board) return <section class="board"><h2>Board</h2><p>{link === 'open' ? 'Loading…' : 'Connecting to the board…'}</p></section>;
  const since = (at: number | null) => (at === null ? '—' : formatDuration((now - at) / 1000));
  const names = new Map(board.agents.map((agent) => [agent.id, agent.name]));
  return (
    <section class="board" aria-labelledby="board-title">
      <h2 id="board-title">Board</h2>
      {link !== 'open' && <p class="link">Reconnecting…</p>}
      {error && <p role="alert" class="error">{error}</p>}
      <h3>Queues</h3>
      <table>
        <thead><tr><th scope="col">Queue</th><th scope="col">Waiting</th><th scope="col">Longest wait</th><th scope="col">Estimated wait</th></tr></thead>
        <tbody>
          {board.queues.map((queue) => (
            <tr key={queue.id}>
              <td>{queue.name}</td>
              <td>{queue.waiting}</td>
              <td>{since(queue.longestWaitingSince)}</td>
              <td>{queue.estimatedWaitSeconds === null ? '—' : formatDuration(queue.estimatedWaitSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Agents</h3>
      <table>
        <thead><tr><th scope="col">Agent</th><th scope="col">Status</th><th scope="col">In status</th><th scope="col">Working on</th><th scope="col">Whisper</th></tr></thead>
        <tbody>
          {board.agents.map((agent) => (
            <tr key={agent.id}>
              <td>{agent.name}</td>
              <td>{statusText(agent)}</td>
              <td>{since(agent.statusSince)}</td>
              <td>{agent.contacts.map((contact) => `${contact.visitor} (${contact.media}, ${since(contact.since)})`).join(', ') || '—'}</td>
              <td>{agent.status !== 'offline' && agent.id !== me && <WhisperForm agent={agent} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Waiting</h3>
      {board.waiting.length === 0 ? <p>Nobody is waiting.</p> : (
        <table>
          <thead><tr><th scope="col">Visitor</th><th scope="col">Queue</th><th scope="col">Media</th><th scope="col">Waiting</th><th scope="col">Ringing</th><th scope="col">Give to</th></tr></thead>
          <tbody>
            {board.waiting.map((contact) => (
              <tr key={contact.id}>
                <td>{contact.visitor}</td>
                <td>{contact.queue}</td>
                <td>{contact.media}</td>
                <td>{since(contact.since)}</td>
                <td>{contact.ringing ? names.get(contact.ringing) : '—'}</td>
                <td>
                  <select
                    aria-label={`Give ${contact.visitor} to`}
                    value={contact.reassignedTo ?? ''}
                    onChange={(e) => e.currentTarget.value && reassign(contact.id, e.currentTarget.value)}
                  >
                    <option value="">Anyone</option>
                    {board.agents.filter((agent) => agent.status !== 'offline').map((agent) => <option key={agent.id} value={agent.id}>{agent.name}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Calls</h3>
      {board.calls.length === 0 ? <p>No calls right now.</p> : (
        <table>
          <thead><tr><th scope="col">Agent</th><th scope="col">Visitor</th><th scope="col">Media</th><th scope="col">Duration</th><th scope="col">MOS (last 30 s)</th><th scope="col">Loss (last 30 s)</th><th scope="col">Listen</th></tr></thead>
          <tbody>
            {board.calls.map((call) => (
              <tr key={call.contactId}>
                <td>{names.get(call.agentId)}</td>
                <td>{call.visitor}</td>
                <td>{call.media}</td>
                <td>
                  {since(call.since)}
                  {call.heldSince !== null && <p class="notes">On hold {since(call.heldSince)}</p>}
                </td>
                <td>{formatMeasure(call.recentMos)}</td>
                <td>{formatMeasure(call.recentLossPercent, '%')}</td>
                <td>
                  {listening?.contactId === call.contactId ? (
                    <button type="button" class="on" onClick={() => stopListening(true)}>
                      Stop listening
                    </button>
                  ) : (
                    <button type="button" aria-label={`Listen to ${call.visitor}`} onClick={() => listen(call.contactId)}>
                      Listen
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {listening && <ListeningAudio stream={listening.stream} />}
      <h3>Whispers</h3>
      <ol class="whispers" aria-live="polite">
        {whispers.map((line) => (
          <li key={`${line.at}-${line.from.id}`}>
            <strong>{line.from.name}</strong> to {names.get(line.to) ?? 'you'}: {line.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

// The call this supervisor listens to; silent monitoring means the supervisor only hears.
function ListeningAudio({ stream }: { stream: MediaStream | null }) {
  const audio = useRef<HTMLAudioElement>(null);
  useStreamSource(audio, stream);
  return (
    <p role="status">
      {stream ? 'Listening to the call.' : 'Connecting to the call…'}
      <audio ref={audio} autoplay aria-label="Call audio" />
    </p>
  );
}

function statusText(agent: BoardAgent): string {
  if (agent.wrappingUp) return 'Wrap-up';
  if (agent.status === 'away') return agent.awayReason === 'missed-offer' ? 'Away (missed a call)' : agent.awayReason === 'connection-lost' ? 'Away (connection lost)' : 'Away';
  return agent.status === 'available' ? 'Available' : 'Offline';
}

function WhisperForm({ agent }: { agent: BoardAgent }) {
  const [text, setText] = useState('');
  return (
    <form
      class="whisper"
      onSubmit={(e) => {
        e.preventDefault();
        whisper(agent.id, text);
        setText('');
      }}
    >
      <input aria-label={`Whisper to ${agent.name}`} value={text} maxLength={4000} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit">Send</button>
    </form>
  );
}

// The server's clock, ticking every second, so times in state move between board updates.
function useServerNow(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 1000);
    return () => clearInterval(timer);
  }, [offsetMs]);
  return now;
}
