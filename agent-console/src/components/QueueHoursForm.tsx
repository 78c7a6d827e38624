import type { Queue, Weekday } from '@beckon/protocol';
import { useEffect, useState } from 'preact/hooks';
import { reason } from '../format.ts';
import { hoursFromText, hoursToText, weekdayNames, type HoursText } from '../hours-text.ts';
import { useOpenedForm } from './use-opened-form.ts';
import { loadQueueHours, saveQueueHours } from '../stores/queues.ts';
import { FormActions } from './FormActions.tsx';

/**
 * A queue's business hours and maximum wait: outside the hours, or past the
 * wait, visitors are offered to leave a message or be called back.
 * @example <QueueHoursForm queue={queue} onDone={close} />
 */
export function QueueHoursForm({ queue, onDone }: { queue: Queue; onDone(): void }) {
  const [text, setText] = useState<HoursText | null>(null);
  const form = useOpenedForm();
  const [always, setAlways] = useState(true);
  const [maxWait, setMaxWait] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    loadQueueHours(queue.id).then(
      (answer) => {
        setText(hoursToText(answer.hours, Intl.DateTimeFormat().resolvedOptions().timeZone));
        setAlways(answer.hours === null);
        setMaxWait(answer.maxWaitSeconds === null ? '' : String(answer.maxWaitSeconds / 60));
      },
      (error: unknown) => setProblem(`Could not load the hours: ${reason(error)}`),
    );
  }, [queue.id]);
  const title = `Hours of the queue ${queue.name}`;
  if (!text) return <p role={problem ? 'alert' : 'status'}>{problem ?? 'Loading the hours…'}</p>;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    try {
      const hours = always ? null : hoursFromText(text);
      const saved = await saveQueueHours(queue.id, { hours, maxWaitSeconds: maxWait.trim() ? Math.round(Number(maxWait) * 60) : null });
      if (saved) onDone();
    } catch (error) {
      setProblem(reason(error));
    }
  };
  return (
    <form ref={form} class="admin-form" aria-label={title} onSubmit={submit}>
      <h3>{title}</h3>
      {problem && <p role="alert" class="error">{problem}</p>}
      <label>
        <input type="checkbox" checked={always} onChange={(e) => setAlways(e.currentTarget.checked)} />
        Open around the clock
      </label>
      {!always && (
        <>
          <label>
            Time zone
            <input value={text.timeZone} required onInput={(e) => setText({ ...text, timeZone: e.currentTarget.value })} />
          </label>
          {(Object.keys(weekdayNames) as Weekday[]).map((day) => (
            <label key={day}>
              {weekdayNames[day]}
              <input
                value={text.days[day]}
                placeholder="Closed, or 09:00-17:00"
                onInput={(e) => setText({ ...text, days: { ...text.days, [day]: e.currentTarget.value } })}
              />
            </label>
          ))}
          <label>
            Closed on (YYYY-MM-DD, separated by commas)
            <input value={text.closedOn} onInput={(e) => setText({ ...text, closedOn: e.currentTarget.value })} />
          </label>
        </>
      )}
      <label>
        Longest wait before offering a message or a callback (minutes; empty for no limit)
        <input type="number" min="1" step="any" value={maxWait} onInput={(e) => setMaxWait(e.currentTarget.value)} />
      </label>
      <FormActions submit="Save hours" onCancel={onDone} />
    </form>
  );
}
