// Bundle sizes of what a host page loads: the loader before any intent, the
// call UI chunk after it. Sizes are deterministic, so budgets are asserted.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildAll, distDir } from '../scripts/build.ts';
import { benchOptions, printTable, saveResults, type BenchOptions } from './report.ts';

export const budgets = { 'widget.js': 3 * 1024, 'widget-ui.js': 30 * 1024 } as const;

export interface BundleSize { file: keyof typeof budgets; bytes: number; gzip: number; brotli: number; budgetGzip: number }

/**
 * Builds the bundles and measures them raw, gzip -9 and brotli.
 * @example const sizes = await measureBundles(); sizes[0].gzip // 1843
 */
export async function measureBundles(): Promise<BundleSize[]> {
  await buildAll();
  return Promise.all(
    (Object.keys(budgets) as (keyof typeof budgets)[]).map(async (file) => {
      const content = await readFile(`${distDir}/${file}`);
      return {
        file,
        bytes: content.length,
        gzip: gzipSync(content, { level: 9 }).length,
        brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        budgetGzip: budgets[file],
      };
    }),
  );
}

/**
 * Measures the bundles, prints their table and writes bench/results/sizes.json;
 * false when a bundle is over its budget.
 * @example if (!(await runSizes({ quick: false }))) process.exitCode = 1;
 */
export async function runSizes(options: BenchOptions): Promise<boolean> {
  const sizes = await measureBundles();
  printTable('Sizes: what a host page loads (budgets asserted)', sizes.map((size) => ({
    bundle: size.file,
    'raw (B)': size.bytes,
    'gzip (B)': size.gzip,
    'brotli (B)': size.brotli,
    'gzip budget (B)': size.budgetGzip,
    within: size.gzip <= size.budgetGzip ? 'yes' : 'NO',
  })));
  await saveResults('sizes', { sizes }, options);
  return sizes.every((size) => size.gzip <= size.budgetGzip);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && !(await runSizes(benchOptions(process.argv.slice(2))))) process.exitCode = 1;
