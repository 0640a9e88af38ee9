import 'reflect-metadata';
import { ChildProcess, fork, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import IORedis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { TEMPLATE_2023, valueNodes } from '@cchc/shared';
import { AppModule } from '../app.module';
import { testInfraFromProcess, type AppConfig } from '../config/config.schema';
import { PeriodsService } from '../modules/periods/periods.service';
import { ReportStore } from '../modules/reports/report.store';
import { RollupOutboxService } from '../modules/rollups/rollup-outbox.service';
import { UnitsLoaderService } from '../modules/units/units-loader.service';
import { JobQueueService } from '../queue/queue.service';
import { CpuMeter, RoundTripMeter, benchConfig, databaseServerPid, numberArg, percentile, redisServerPid, seedApprovedReports, syntheticCommuneValues, withBenchDatabase } from './bench-support';
import type { SaveBenchResult } from './save-bench';

/**
 * Rollup benchmark: one period for the whole country (the 2024 tree, every commune with a full
 * synthetic approved report) in a fresh MariaDB database, then
 *   (a) the national rollup through the job pipeline: every district marked stale → all district and
 *       province summaries done, with the worker processes this bench starts;
 *   (b) the floor: one INSERT … SELECT … GROUP BY per level over the same rows;
 * and the latency from one commune's approval (outbox + job, as the approve path does) to the
 * updated province summary, over 200 approvals. Drops its database and queue keys at the end.
 *
 * With `withSaves` (`--with-saves`, or `npm run bench -- --only=combined`) the save bench runs in its own
 * processes (its client and its API, on its own database of the same MariaDB server) after the alone
 * approvals, and as many approvals again are timed while its save loop runs: issue #21 asks for the
 * approval → province p95 under that load, and for the save figures of the same run.
 *
 *   node dist/bench/rollup-bench.js [--worker-processes=1] [--concurrency=4] [--approvals=200] [--batch-min=N (0: no batched passes)]
 *     [--with-saves [--communes=200] [--seconds=30] [--connections=32]]
 */

const PERIOD = '2023';

/**
 * Worker processes the bench starts unless told: one on a 2-core machine that also runs MariaDB, Redis, the
 * API and this client. Two did the same national recompute in about the same wall time for 20–38 % more CPU
 * (each warms its own JIT and caches), and held the cores an approval's job waits for under the save load
 * (docs/benchmarks.md, sixth round).
 */
export const DEFAULT_WORKER_PROCESSES = 1;

export interface RollupBenchOptions {
  workerProcesses: number;
  concurrency: number;
  approvals: number;
  /** ROLLUP_BATCH_MIN for the workers (0: one pass per unit, as before batching). */
  batchMin?: number;
  /** Also time approvals while the save bench's load runs (its options). */
  withSaves?: { communes: number; seconds: number; connections: number };
}

export interface RollupBenchResult {
  communes: number;
  districts: number;
  provinces: number;
  values: number;
  seedMs: number;
  pipelineMs: number;
  floorMs: number[];
  ratio: number;
  /** CPU ms used during the pipeline by the worker processes, the database server and this process (null: not readable here). */
  pipelineCpuMs: Record<string, number | null>;
  /** SQL statements and Redis commands the servers ran during the pipeline (RoundTripMeter). */
  pipelineRoundTrips: { statements: number; redisCommands: number | null };
  latencyMs: { median: number; p95: number; max: number; n: number };
  /** SQL statements (the bench's polling left out) and Redis commands per approval of `latencyMs` (RoundTripMeter). */
  approvalRoundTrips: { statements: number; redisCommands: number | null };
  /** The same approvals timed while the save load ran, and that load's own figures (withSaves only). */
  underSaveLoad?: { latencyMs: { median: number; p95: number; max: number; n: number }; save: SaveBenchResult };
  /** os.loadavg() at the start, after the pipeline, and at the end. */
  loadAverage: { start: number[]; afterPipeline: number[]; end: number[] };
  machine: string;
}

const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** The save bench in its own process tree (its HTTP client must not share this process's event loop with the approval timer). */
function startSaveLoad(opts: NonNullable<RollupBenchOptions['withSaves']>): { started: Promise<void>; ended: Promise<void>; result: Promise<SaveBenchResult>; child: ChildProcess } {
  const child = fork(path.join(__dirname, 'save-bench.js'), ['--ipc', `--communes=${opts.communes}`, `--seconds=${opts.seconds}`, `--connections=${opts.connections}`], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let onStart!: () => void;
  let onEnd!: () => void;
  const started = new Promise<void>((r) => (onStart = r));
  const ended = new Promise<void>((r) => (onEnd = r));
  const result = new Promise<SaveBenchResult>((resolve, reject) => {
    child.on('message', (m: { phase?: string; result?: SaveBenchResult }) => {
      if (m.phase === 'start') onStart();
      if (m.phase === 'end') onEnd();
      if (m.result) resolve(m.result);
    });
    child.once('exit', (code) => {
      onEnd();
      reject(new Error(`save bench exited (${code}) before its result`));
    });
  });
  // Never left unhandled: the caller awaits it after the timed approvals.
  result.catch(() => undefined);
  return { started, ended, result, child };
}

async function until(check: () => Promise<boolean>, pollMs: number, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

function startWorker(config: AppConfig, concurrency: number, batchMin: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'worker.js')], {
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      DATABASE_URL: config.database.type === 'mysql' ? config.database.url : '',
      REDIS_URL: config.redisUrl ?? '',
      QUEUE_PREFIX: config.queuePrefix,
      JWT_SECRET: config.jwtSecret,
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: String(concurrency),
      RECONCILE_INTERVAL_MS: '0',
      ROLLUP_BATCH_MIN: String(batchMin),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (/worker \d+ started/.test(out)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b: Buffer) => {
      out += b.toString();
      process.stderr.write(b);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${out}`)));
  });
}

/** "workers 5.6 s, database 1.8 s, self 0.7 s: 8.1 s on 2 cores, no less than 4.1 s of wall time". */
function cpuLine(cpu: Record<string, number | null>): string {
  const parts = Object.entries(cpu).map(([role, ms]) => `${role} ${ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`}`);
  const known = Object.values(cpu).filter((ms): ms is number => ms !== null);
  const sum = known.reduce((a, b) => a + b, 0);
  const cores = os.cpus().length;
  return `${parts.join(', ')}: ${(sum / 1000).toFixed(2)} s on ${cores} cores, so no less than ${(sum / 1000 / cores).toFixed(2)} s of wall time`;
}

export function runRollupBench(opts: RollupBenchOptions): Promise<RollupBenchResult> {
  return withBenchDatabase('rollup', (url) => rollupBench(url, opts));
}

async function rollupBench(url: string, opts: RollupBenchOptions): Promise<RollupBenchResult> {
  const config = benchConfig(url, {
    REDIS_URL: testInfraFromProcess().redisUrl,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `bench_rollup_${process.pid}`,
    RUN_WORKERS: opts.workerProcesses > 0 ? 'false' : 'true',
    WORKER_CONCURRENCY: String(opts.concurrency),
    ...(opts.batchMin === undefined ? {} : { ROLLUP_BATCH_MIN: String(opts.batchMin) }),
  });
  let app: INestApplicationContext | null = null;
  const workers: ChildProcess[] = [];
  /** The round-trip meter's Redis connection (closed in `finally`, also when the pipeline times out). */
  let redis: IORedis | null = null;
  const log = (s: string) => console.log(`[rollup] ${s}`);
  const loadAtStart = load();
  log(`load average at start: ${loadAtStart.join(' ')}`);
  try {
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
    const ds = app.get(DataSource);
    const outbox = app.get(RollupOutboxService);
    await app.get(UnitsLoaderService).loadFile(config.unitsFile);
    await app.get(PeriodsService).upsert(PERIOD);

    // --- seed ---------------------------------------------------------------------------------
    const units = await ds.query<Array<{ code: string; level: string; parent_code: string | null; path: string }>>(
      'SELECT code, level, parent_code, path FROM admin_units',
    );
    const communes = units.filter((u) => u.level === 'commune');
    const districts = units.filter((u) => u.level === 'district');
    const provinces = units.filter((u) => u.level === 'province');
    const nodes = valueNodes(TEMPLATE_2023, 'commune');
    const seedStarted = Date.now();
    const valuesOf = (n: number) => syntheticCommuneValues(n + 1, nodes);
    const { ids: idOf, values } = await seedApprovedReports(app, communes, PERIOD, valuesOf);
    const db = await createConnection({ uri: config.database.type === 'mysql' ? config.database.url : '', multipleStatements: false });
    await db.query('ANALYZE TABLE reports, report_values, admin_units');
    const seedMs = Date.now() - seedStarted;
    log(`seeded ${communes.length} commune reports, ${values} values in ${(seedMs / 1000).toFixed(1)} s`);

    // --- (b) floor --------------------------------------------------------------------------------
    await db.query(
      'CREATE TABLE floor_summaries (unit_code VARCHAR(10) NOT NULL, indicator_code VARCHAR(16) NOT NULL, n INT NOT NULL, s DOUBLE NOT NULL, mn DOUBLE NULL, mx DOUBLE NULL, PRIMARY KEY (unit_code, indicator_code))',
    );
    const floor = async (): Promise<number> => {
      await db.query('TRUNCATE TABLE floor_summaries');
      const t0 = Date.now();
      // Level 1: communes → their parent (district, or province in a two-tier tree).
      await db.query(
        `INSERT INTO floor_summaries (unit_code, indicator_code, n, s, mn, mx)
         SELECT u.parent_code, v.indicator_code, COUNT(v.value), SUM(v.value), MIN(v.value), MAX(v.value)
         FROM report_values v JOIN reports r ON r.id = v.report_id JOIN admin_units u ON u.code = r.unit_code
         WHERE r.period_id = ? AND r.status = 'approved' AND v.value IS NOT NULL
         GROUP BY u.parent_code, v.indicator_code`,
        [PERIOD],
      );
      // Level 2: districts → provinces.
      await db.query(
        `INSERT INTO floor_summaries (unit_code, indicator_code, n, s, mn, mx)
         SELECT d.parent_code, f.indicator_code, SUM(f.n), SUM(f.s), MIN(f.mn), MAX(f.mx)
         FROM floor_summaries f JOIN admin_units d ON d.code = f.unit_code
         WHERE d.level = 'district'
         GROUP BY d.parent_code, f.indicator_code`,
      );
      return Date.now() - t0;
    };
    const floorMs = [await floor()];
    log(`floor (INSERT … SELECT … GROUP BY per level): ${floorMs[0]} ms`);

    // --- (a) the pipeline -------------------------------------------------------------------------
    for (let i = 0; i < opts.workerProcesses; i++) workers.push(await startWorker(config, opts.concurrency, opts.batchMin ?? config.rollupBatchMin));
    const parents = [...new Set(communes.map((c) => c.parent_code!))];
    const dirty = async () => Number((await ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM rollup_state WHERE dirty = 1'))[0].n);
    const dbPid = databaseServerPid();
    redis = new IORedis(config.redisUrl ?? '', { maxRetriesPerRequest: 1 });
    const trips = await RoundTripMeter.start(db, redis);
    const redisPid = redisServerPid();
    const meter = new CpuMeter({ workers: workers.map((w) => w.pid!), ...(dbPid ? { database: [dbPid] } : {}), ...(redisPid ? { redis: [redisPid] } : {}) });
    const t0 = Date.now();
    await ds.transaction(async (em) => {
      for (const p of parents) await outbox.markStale(em, p, PERIOD);
    });
    for (let i = 0; i < parents.length; i += 50) {
      await Promise.all(parents.slice(i, i + 50).map((p) => outbox.kick(p, PERIOD)));
    }
    await until(async () => (await dirty()) === 0, 20, 30 * 60_000, 'the national rollup');
    const pipelineMs = Date.now() - t0;
    const pipelineCpuMs = meter.read();
    const pipelineRoundTrips = await trips.read();
    log(`pipeline (load ${load().join(' ')}) (${parents.length} stale parents → ${districts.length} districts + ${provinces.length} provinces done, ${opts.workerProcesses || 'in-process'} worker process(es) × concurrency ${opts.concurrency}): ${pipelineMs} ms`);
    log(`CPU during the pipeline: ${cpuLine(pipelineCpuMs)}`);
    log(`round trips during the pipeline: ${pipelineRoundTrips.statements} SQL statements, ${pipelineRoundTrips.redisCommands} Redis commands (those its scripts run included; this bench's polling too)`);
    floorMs.push(await floor());
    log(`floor again: ${floorMs[1]} ms`);

    // Sanity: the pipeline's province figures agree with the floor's on count and sum.
    const mismatch = await ds.query<Array<{ n: number }>>(
      `SELECT COUNT(*) AS n FROM summaries s JOIN floor_summaries f ON f.unit_code = s.unit_code AND f.indicator_code = s.indicator_code
       WHERE s.period_id = ? AND (s.count <> f.n OR ABS(s.sum - f.s) > 1e-6 * GREATEST(1, ABS(f.s)))`,
      [PERIOD],
    );
    const compared = await ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM summaries WHERE period_id = ?', [PERIOD]);
    log(`check: ${compared[0].n} summary rows, ${mismatch[0].n} differ from the floor on count/sum`);
    if (Number(mismatch[0].n) > 0) throw new Error('pipeline and floor disagree');

    // --- latency: one approval → updated province summary ----------------------------------------
    const store = app.get(ReportStore);
    // The value each re-approval raises by one, as a reviewer's correction would.
    const bumped = new Map<string, number>();
    const byCode = new Map(communes.map((c) => [c.code, c]));
    const indexOf = new Map(communes.map((c, i) => [c.code, i]));
    const summarize = (xs: number[]) => {
      xs.sort((a, b) => a - b);
      return { median: percentile(xs, 50), p95: percentile(xs, 95), max: xs[xs.length - 1] ?? 0, n: xs.length };
    };
    /** The bench's own polling queries, left out of the statements an approval costs. */
    let polls = 0;
    /** Approvals one after another from `from`, each timed until its district and province are clean; stops early when `stop()` says so. */
    const approvals = async (from: number, n: number, stop: () => boolean = () => false): Promise<number[]> => {
      const out: number[] = [];
      for (let i = from; i < from + n && !stop(); i++) {
        const c = byCode.get(communes[(i * 7919) % communes.length].code)!;
        const code = c.code;
        const provinceCode = c.path.split('/')[1];
        const start = Date.now();
        const changed = (bumped.get(code) ?? valuesOf(indexOf.get(code)!)['1.1.1']) + 1;
        bumped.set(code, changed);
        await ds.transaction(async (em) => {
          await store.reviseSeed(em, idOf.get(code)!, { approvedAt: new Date() }, { '1.1.1': changed });
          await outbox.markStale(em, c.parent_code!, PERIOD);
        });
        await outbox.kick(c.parent_code!, PERIOD);
        // Done when the district is clean and the province has absorbed the district's write.
        await until(
          async () => {
            polls++;
            const r = await ds.query<Array<{ unit_code: string; dirty: number }>>(
              'SELECT unit_code, dirty FROM rollup_state WHERE period_id = ? AND unit_code IN (?, ?)',
              [PERIOD, c.parent_code, provinceCode],
            );
            return r.length > 0 && r.every((x) => Number(x.dirty) === 0);
          },
          2,
          60_000,
          `approval of ${code}`,
        );
        out.push(Date.now() - start);
      }
      return out;
    };
    const loadAfterPipeline = load();
    const approvalTrips = await RoundTripMeter.start(db, redis);
    polls = 0;
    const latencyMs = summarize(await approvals(0, opts.approvals));
    const trips1 = await approvalTrips.read();
    const approvalRoundTrips = {
      statements: Math.round(((trips1.statements - polls) / latencyMs.n) * 10) / 10,
      redisCommands: trips1.redisCommands === null ? null : Math.round((trips1.redisCommands / latencyMs.n) * 10) / 10,
    };
    log(`approval → province summary over ${latencyMs.n} approvals (load ${load().join(' ')}): median ${latencyMs.median} ms, p95 ${latencyMs.p95} ms, max ${latencyMs.max} ms`);
    log(
      `round trips per approval (its transaction and kick, the province's job, which rolls up the district and the province; the bench's polling left out, the workers' heartbeats in): ${approvalRoundTrips.statements} SQL statements, ${approvalRoundTrips.redisCommands} Redis commands`,
    );

    let underSaveLoad: RollupBenchResult['underSaveLoad'];
    if (opts.withSaves) {
      const saves = startSaveLoad(opts.withSaves);
      try {
        await saves.started;
        let ended = false;
        void saves.ended.then(() => (ended = true));
        log(`save load running (${opts.withSaves.communes} communes, ${opts.withSaves.connections} connections, ${opts.withSaves.seconds} s; load ${load().join(' ')}): timing approvals`);
        const lat = summarize(await approvals(opts.approvals, opts.approvals, () => ended));
        if (ended) log(`the save load ended after ${lat.n} of ${opts.approvals} approvals`);
        const save = await saves.result;
        underSaveLoad = { latencyMs: lat, save };
        log(`approval → province summary while saving, over ${lat.n} approvals: median ${lat.median} ms, p95 ${lat.p95} ms, max ${lat.max} ms (goal p95 ≤ 40)`);
        log(`saves in the same run: ${save.savesPerSecond}/s, p50 ${save.latencyMs.p50}, p95 ${save.latencyMs.p95}, p99 ${save.latencyMs.p99} ms, ${save.failures} failures (goal ≥ 500/s, p95 ≤ 100 ms); load at its end ${save.loadAverage.join(' ')}`);
        const c = save.cpuPerSave;
        log(`CPU per save: API ${c.api ?? 'n/a'} ms, client ${c.client} ms, database ${c.database ?? 'n/a'} ms: at most ${c.ceilingPerSecond ?? 'n/a'} saves/s on this machine's cores; ${save.statementsPerSave} SQL statements per save`);
      } finally {
        if (saves.child.exitCode === null) await new Promise((r) => saves.child.once('exit', r));
      }
    }

    const bestFloor = Math.min(...floorMs);
    const ratio = pipelineMs / bestFloor;
    log(`ratio pipeline / floor = ${ratio.toFixed(2)} (goal ≤ 2.0, issue #21)`);
    await db.end();
    return {
      communes: communes.length,
      districts: districts.length,
      provinces: provinces.length,
      values,
      seedMs,
      pipelineMs,
      floorMs,
      ratio,
      pipelineCpuMs,
      pipelineRoundTrips,
      latencyMs,
      approvalRoundTrips,
      ...(underSaveLoad ? { underSaveLoad } : {}),
      loadAverage: { start: loadAtStart, afterPipeline: loadAfterPipeline, end: load() },
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    };
  } finally {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((r) => {
            w.removeAllListeners('exit');
            w.once('exit', () => r());
            w.kill('SIGTERM');
          }),
      ),
    );
    redis?.disconnect();
    // Leave nothing in Redis: the bench's queue prefix is its own.
    for (const q of app?.get(JobQueueService).bullQueues() ?? []) await q.obliterate({ force: true }).catch(() => undefined);
    await app?.close();
  }
}

if (require.main === module) {
  runRollupBench({
    workerProcesses: numberArg('worker-processes', DEFAULT_WORKER_PROCESSES),
    concurrency: numberArg('concurrency', 4),
    approvals: numberArg('approvals', 200),
    batchMin: process.argv.some((a) => a.startsWith('--batch-min=')) ? numberArg('batch-min', 4) : undefined,
    ...(process.argv.includes('--with-saves') ? { withSaves: { communes: numberArg('communes', 200), seconds: numberArg('seconds', 30), connections: numberArg('connections', 32) } } : {}),
  })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((e: Error) => {
      console.error(`rollup bench failed: ${e.stack ?? e.message}`);
      process.exit(1);
    });
}
