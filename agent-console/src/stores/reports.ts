// The Reports page: how the contacts of some days went, for supervisors.
import type { Report } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getReport } from '../api.ts';
import { dayStart, localDay } from '../local-days.ts';
import { latestLoad, type Loading } from './latest-load.ts';

/** The days a report covers (YYYY-MM-DD, in the agent's time zone, both included), the report once it came, and why it did not. */
export interface ReportState extends Loading { from: string; to: string; report: Report | null }

const lastWeek = (): ReportState => ({ from: localDay(-6), to: localDay(), report: null, loading: false, error: null });
export const $report = atom<ReportState>(lastWeek());
const reportLoad = latestLoad($report, 'the report');

/**
 * Fetches the report of these days (the last 7 until today when not given).
 * @example await loadReport('2026-11-01', '2026-11-30');
 */
export function loadReport(from = $report.get().from, to = $report.get().to): Promise<void> {
  return reportLoad.load((apiBase, accessToken) => getReport(apiBase, accessToken, dayStart(from), dayStart(to, 1)), (report) => ({ from, to, report }), { from, to });
}

/**
 * Forgets the report, e.g. on sign-out.
 * @example resetReport();
 */
export function resetReport(): void {
  reportLoad.forget();
  $report.set(lastWeek());
}
