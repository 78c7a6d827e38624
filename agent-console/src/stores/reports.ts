// The Reports page: how the contacts of some days went, for supervisors.
import type { Report } from '@beckon/protocol';
import { atom } from 'nanostores';
import { getReport } from '../api.ts';
import { reason } from '../format.ts';
import { dayStart, localDay } from '../local-days.ts';
import { $apiBase } from './api-base.ts';
import { withToken } from './with-token.ts';

/** The days a report covers (YYYY-MM-DD, in the agent's time zone, both included), the report once it came, and why it did not. */
export interface ReportState { from: string; to: string; report: Report | null; loading: boolean; error: string | null }

const lastWeek = (): ReportState => ({ from: localDay(-6), to: localDay(), report: null, loading: false, error: null });
export const $report = atom<ReportState>(lastWeek());
let latest = 0;

/**
 * Fetches the report of these days (the last 7 until today when not given).
 * @example await loadReport('2026-11-01', '2026-11-30');
 */
export async function loadReport(from = $report.get().from, to = $report.get().to): Promise<void> {
  const request = ++latest;
  $report.set({ ...$report.get(), from, to, loading: true, error: null });
  try {
    const report = await withToken((token) => getReport($apiBase.get(), token, dayStart(from), dayStart(to, 1)));
    if (request === latest) $report.set({ from, to, report, loading: false, error: null });
  } catch (error) {
    if (request === latest) $report.set({ ...$report.get(), loading: false, error: `Could not load the report: ${reason(error)}` });
  }
}

/**
 * Forgets the report, e.g. on sign-out.
 * @example resetReport();
 */
export function resetReport(): void {
  latest++;
  $report.set(lastWeek());
}
