// Bundle sizes of what a host page loads: the loader before any intent, the
// call UI (with the chunks it imports) after it, and a conversation's
// data-channel features (real-time text, annotations, files), loaded when a
// conversation starts. Sizes are deterministic, so budgets are asserted.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildAll, distDir } from '../scripts/build.ts';
import { printTable, saveResults, type BenchOptions } from './report.ts';

export const budgets = { 'widget.js': 3 * 1024, 'call UI': 30 * 1024, 'conversation features': 8 * 1024 } as const;

export interface BundleSize { bundle: keyof typeof budgets; files: string[]; bytes: number; gzip: number; brotli: number; budgetGzip: number }

/**
 * Builds the bundles and measures each part raw, gzip -9 and brotli (a part
 * of several files counts each file compressed on its own, as they are sent).
 * @example const sizes = await measureBundles(); sizes[0].gzip // 2251
 */
export async function measureBundles(): Promise<BundleSize[]> {
  await buildAll();
  const callUi = await withStaticImports('widget-ui.js');
  const features = new Set<string>();
  for (const file of callUi) for (const lazy of await imports(file, 'dynamic')) for (const part of await withStaticImports(lazy)) if (!callUi.includes(part)) features.add(part);
  const parts: [keyof typeof budgets, string[]][] = [['widget.js', ['widget.js']], ['call UI', callUi], ['conversation features', [...features]]];
  return Promise.all(
    parts.map(async ([bundle, files]) => {
      const contents = await Promise.all(files.map((file) => readFile(`${distDir}/${file}`)));
      const sum = (size: (content: Buffer) => number) => contents.reduce((total, content) => total + size(content), 0);
      return {
        bundle,
        files,
        bytes: sum((content) => content.length),
        gzip: sum((content) => gzipSync(content, { level: 9 }).length),
        brotli: sum((content) => brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
        budgetGzip: budgets[bundle],
      };
    }),
  );
}

// The chunks a bundle imports, statically (loaded with it) or dynamically (loaded later).
async function imports(file: string, kind: 'static' | 'dynamic'): Promise<string[]> {
  const code = await readFile(`${distDir}/${file}`, 'utf8');
  const pattern = kind === 'static' ? /from\s*"\.\/(widget-chunk-[A-Za-z0-9]+\.js)"/g : /import\(\s*"\.\/(widget-chunk-[A-Za-z0-9]+\.js)"\s*\)/g;
  return [...code.matchAll(pattern)].map((match) => match[1]!);
}

async function withStaticImports(file: string, seen: string[] = []): Promise<string[]> {
  if (seen.includes(file)) return seen;
  seen.push(file);
  for (const next of await imports(file, 'static')) await withStaticImports(next, seen);
  return seen;
}

/**
 * Measures the bundles, prints their table and writes bench/results/sizes.json;
 * false when a bundle is over its budget.
 * @example if (!(await runSizes({ quick: false }))) process.exitCode = 1;
 */
export async function runSizes(options: BenchOptions): Promise<boolean> {
  const sizes = await measureBundles();
  printTable('Sizes: what a host page loads (budgets asserted)', sizes.map((size) => ({
    bundle: size.bundle,
    files: size.files.length,
    'raw (B)': size.bytes,
    'gzip (B)': size.gzip,
    'brotli (B)': size.brotli,
    'gzip budget (B)': size.budgetGzip,
    within: size.gzip <= size.budgetGzip ? 'yes' : 'NO',
  })));
  await saveResults('sizes', { sizes }, options);
  return sizes.every((size) => size.gzip <= size.budgetGzip);
}
