import { runLoad } from './bench/signaling.ts';
const target = (process.argv[2] ?? 'beckon') as 'beckon' | 'floor';
const run = await runLoad(target, 100, { warmupMs: 2000, measureMs: Number(process.argv[3] ?? 10000) });
console.log(JSON.stringify({ p50: run.p50Ms, p99: run.p99Ms, cpu: run.serverCpuPercent, perMsg: run.serverCpuPercent / 100 * 1e6 / run.achievedPerSecond }));
