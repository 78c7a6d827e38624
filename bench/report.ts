// What every benchmark shares: percentiles, the JSON it leaves under
// bench/results/, and the table it prints.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const resultsDir = fileURLToPath(new URL('results/', import.meta.url));

/** How a benchmark is asked to run. */
export interface BenchOptions {
  /** A small version for CI smoke runs: fewer samples, seconds instead of minutes. */
  quick: boolean;
}

/**
 * The value below which `p` percent of the samples fall (nearest rank).
 * @example percentile([5, 1, 3], 50) // 3
 */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Rounds to one decimal, the precision every table shows.
 * @example round(12.345) // 12.3
 */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Writes one benchmark's results as bench/results/<name>.json, with when and
 * where they were measured.
 * @example await saveResults('call-setup', { calls }, { quick: false });
 */
export async function saveResults(name: string, results: unknown, options: BenchOptions): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  const body = { measuredAt: new Date().toISOString(), quick: options.quick, ...(results as object) };
  await writeFile(`${resultsDir}${name}.json`, `${JSON.stringify(body, null, 2)}\n`);
}

/**
 * Prints a titled table.
 * @example printTable('Sizes', [{ bundle: 'widget.js', gzip: 1843 }]);
 */
export function printTable(title: string, rows: Record<string, unknown>[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}

/**
 * Whether the command line asks for the quick version.
 * @example const options = benchOptions(process.argv.slice(2));
 */
export function benchOptions(args: string[]): BenchOptions {
  return { quick: args.includes('--quick') };
}
