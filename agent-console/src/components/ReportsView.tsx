import { outcomes, type Report } from '@beckon/protocol';
import { useStore } from '@beckon/ui';
import { useState } from 'preact/hooks';
import { formatDuration, formatMeasure, outcomeLabels } from '../format.ts';
import { dayStart } from '../local-days.ts';
import { $report, loadReport } from '../stores/reports.ts';

/**
 * How the contacts of some days went, for supervisors: how many, how they
 * ended, how long visitors waited and agents took, hold, wrap-up, surveys,
 * voice quality, and each agent's share. The last 7 days unless chosen.
 * @example <ReportsView />
 */
export function ReportsView() {
  const state = useStore($report);
  const [days, setDays] = useState({ from: state.from, to: state.to });
  const { report } = state;
  return (
    <section class="history" aria-labelledby="reports-title">
      <div class="history-head">
        <h2 id="reports-title">Reports</h2>
      </div>
      <form
        class="admin-form inline"
        aria-label="Days to report"
        onSubmit={(event) => {
          event.preventDefault();
          if (!state.loading) void loadReport(days.from, days.to);
        }}
      >
        {/* To before From cannot be reported: the browser says so before asking. */}
        <label for="report-from">From</label>
        <input id="report-from" type="date" required value={days.from} onInput={(event) => setDays({ ...days, from: event.currentTarget.value })} />
        <label for="report-to">To</label>
        <input id="report-to" type="date" required min={days.from} value={days.to} onInput={(event) => setDays({ ...days, to: event.currentTarget.value })} />
        {/* Not disabled while loading: a disabled button drops the focus to the page, and a screen reader with it. */}
        <button type="submit" aria-disabled={state.loading ? 'true' : undefined}>
          Show
        </button>
      </form>
      {state.error && <p role="alert" class="error">{state.error}</p>}
      {/* Which days the figures are of, said as they come: the fields may since say others. */}
      <p role="status">{report && !state.loading ? `Contacts begun ${shownDay(state.from)} to ${shownDay(state.to)}, both included.` : ''}</p>
      {report && <Figures report={report} />}
    </section>
  );
}

const shownDay = (day: string) => new Date(dayStart(day)).toLocaleDateString(undefined, { dateStyle: 'medium' });
const seconds = (value: number | null) => (value === null ? '—' : formatDuration(value));
const share = (part: number, whole: number) => (whole ? ` (${Math.round((100 * part) / whole)}%)` : '');

function Figures({ report }: { report: Report }) {
  const rows: [string, string][] = [
    ['Contacts', String(report.contacts)],
    ['Still going', String(report.live)],
    ['Answered by an agent', `${report.answered}${share(report.answered, report.contacts)}`],
    ...outcomes.map((outcome): [string, string] => [`Outcome: ${outcomeLabels[outcome]}`, `${report.outcomes[outcome] ?? 0}${share(report.outcomes[outcome] ?? 0, report.contacts)}`]),
    ['Chats', String(report.media.chat ?? 0)],
    ['Voice calls', String(report.media.audio ?? 0)],
    ['Video calls', String(report.media.video ?? 0)],
    ['Average wait', seconds(report.averageWaitSeconds)],
    ['Longest wait', seconds(report.longestWaitSeconds)],
    ['Average handling', seconds(report.averageHandleSeconds)],
    ['Average time on hold (calls)', seconds(report.averageHoldSeconds)],
    ['Average wrap-up', seconds(report.averageWrapUpSeconds)],
    ['Surveys', String(report.surveys)],
    ['Average rating', report.averageRating === null ? '—' : `${formatMeasure(report.averageRating)} of 5`],
    ['Average voice quality (MOS)', formatMeasure(report.averageMos)],
  ];
  return (
    <>
      <table class="report-totals" aria-label="Totals">
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Agents</h3>
      {report.agents.length === 0 ? (
        <p>No contact was answered on these days.</p>
      ) : (
        <table aria-label="Agents">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Answered</th>
              <th scope="col">Average handling</th>
              <th scope="col">Average rating</th>
            </tr>
          </thead>
          <tbody>
            {report.agents.map((agent) => (
              <tr key={agent.id}>
                <th scope="row">{agent.name}</th>
                <td>{agent.answered}</td>
                <td>{seconds(agent.averageHandleSeconds)}</td>
                <td>{formatMeasure(agent.averageRating)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.reasons.length > 0 && (
        <>
          <h3>Wrap-up reasons</h3>
          <table aria-label="Wrap-up reasons">
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Contacts</th>
              </tr>
            </thead>
            <tbody>
              {report.reasons.map((reason) => (
                <tr key={reason.name}>
                  <th scope="row">{reason.name}</th>
                  <td>{reason.contacts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
