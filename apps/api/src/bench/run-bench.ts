import 'reflect-metadata';
import { DEFAULT_WORKER_PROCESSES, runRollupBench } from './rollup-bench';
import { runExportBench } from './export-bench';
import { runImportBench } from './import-bench';
import { runImportLimitsBench } from './import-limits-bench';
import { runSaveBench } from './save-bench';
import { runReadsBench } from './reads-bench';
import { runWebLoadBench } from './web-load-bench';

/**
 * `npm run bench`: every benchmark in turn, each on its own fresh database (never part of npm test).
 *   --only=rollup|combined|export|import|import-limits|save|reads   run one of them (combined: the rollup bench with approvals also timed while the save bench runs, and that run's save figures — issue #21's three goals in one run; takes the rollup and save options) (import-limits: hostile XLSX layouts and bombs, RSS and health latency); save options: --communes=200 --seconds=30 --connections=32; rollup options: --worker-processes=2 --concurrency=4 --approvals=200 --batch-min=N (0: no batched passes);
 *   export option: --heap-cap=96 (caps the exporting process's old space, in MB, to show what memory is really held);
 *   reads options: --read-seconds=10 --read-connections=20 --db=NAME (reuse a seeded database and keep it)
 *   web-load (needs the built web app; Chromium, throttled): --runs=3 --down-kbps=1600 --up-kbps=800 --rtt-ms=150
 */
function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

async function main(): Promise<void> {
  const only = arg('only');
  if (!only || only === 'rollup' || only === 'combined') {
    const r = await runRollupBench({
      workerProcesses: Number(arg('worker-processes') ?? DEFAULT_WORKER_PROCESSES),
      concurrency: Number(arg('concurrency') ?? 4),
      approvals: Number(arg('approvals') ?? 200),
      batchMin: arg('batch-min') === undefined ? undefined : Number(arg('batch-min')),
      ...(only === 'combined'
        ? { withSaves: { communes: Number(arg('communes') ?? 200), seconds: Number(arg('seconds') ?? 30), connections: Number(arg('connections') ?? 32) } }
        : {}),
    });
    console.log(JSON.stringify({ rollup: r }, null, 2));
  }
  if (!only || only === 'export') {
    const cap = arg('heap-cap');
    const r = await runExportBench({ heapCapMb: cap ? Number(cap) : undefined });
    console.log(JSON.stringify({ export: r }, null, 2));
  }
  if (!only || only === 'import') {
    const r = await runImportBench();
    console.log(JSON.stringify({ import: r }, null, 2));
  }
  if (!only || only === 'import-limits') {
    const r = await runImportLimitsBench();
    console.log(JSON.stringify({ importLimits: r }, null, 2));
  }
  if (!only || only === 'save') {
    const r = await runSaveBench({
      communes: Number(arg('communes') ?? 200),
      seconds: Number(arg('seconds') ?? 30),
      connections: Number(arg('connections') ?? 32),
    });
    console.log(JSON.stringify({ save: r }, null, 2));
  }
  if (!only || only === 'reads') {
    const r = await runReadsBench({ seconds: Number(arg('read-seconds') ?? 10), connections: Number(arg('read-connections') ?? 20), db: arg('db') });
    console.log(JSON.stringify({ reads: r }, null, 2));
  }
  if (!only || only === 'web-load') {
    const r = await runWebLoadBench({
      runs: Number(arg('runs') ?? 3),
      downKbps: Number(arg('down-kbps') ?? 1600),
      upKbps: Number(arg('up-kbps') ?? 800),
      rttMs: Number(arg('rtt-ms') ?? 150),
    });
    console.log(JSON.stringify({ 'web-load': r }, null, 2));
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`bench failed: ${e.stack ?? e.message}`);
    process.exit(1);
  },
);
