// `npm run bench`: every benchmark in turn, each printing its table and
// writing bench/results/<name>.json. `--quick` runs the small versions (a CI
// smoke run); `--only <name>` runs one. Size budgets fail the run; timing
// budgets are reported, since timings on shared machines are noisy.
// Runs inside the network namespace of scripts/netns.sh (see package.json).
import { runCallSetup } from './call-setup.ts';
import { runHostPage } from './host-page.ts';
import { runRouting } from './routing.ts';
import { benchOptions } from './report.ts';
import { runSignaling } from './signaling.ts';
import { runSizes } from './sizes.ts';

const args = process.argv.slice(2);
const options = benchOptions(args);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const benchmarks: Record<string, () => Promise<unknown>> = {
  sizes: async () => {
    if (!(await runSizes(options))) process.exitCode = 1;
  },
  'host-page': () => runHostPage(options),
  'call-setup': () => runCallSetup(options),
  signaling: () => runSignaling(options),
  routing: () => runRouting(options),
};
if (only !== undefined && !(only in benchmarks)) throw new Error(`--only takes one of ${Object.keys(benchmarks).join(', ')}`);
for (const [name, run] of Object.entries(benchmarks)) {
  if (only !== undefined && name !== only) continue;
  const started = performance.now();
  await run();
  console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
