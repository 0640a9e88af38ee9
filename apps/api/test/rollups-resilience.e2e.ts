import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportValues } from '@cchc/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config.schema';
import { JobQueueService } from '../src/queue/queue.service';
import { RollupReconcilerService } from '../src/modules/rollups/rollup-reconciler.service';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { Summary } from '../src/modules/rollups/entities/summary.entity';
import { deleteQueueKeys, infra, startTestApp, TestApp } from './support/test-app';
import { ApiSummary, PERIOD, createUsers, expectSummariesEqual, loadTestTree, startRollupApp, syntheticValues, waitFor, waitForRollups, writeReport } from './support/rollup-fixtures';

const WORKER = path.resolve(__dirname, '../dist/worker.js');

interface SummaryBody {
  coverage: { reported: number; stale: boolean };
  indicators: ApiSummary[];
}

async function summaryOf(t: TestApp, token: string, code: string): Promise<SummaryBody> {
  const r = await t.request<SummaryBody>('GET', `/api/summaries/${code}/${PERIOD}`, { token });
  expect(r.status).toBe(200);
  return r.body;
}

/** A real `node dist/worker.js` on the test's database and queue prefix; resolves once it is consuming. */
async function startWorker(t: TestApp): Promise<ChildProcess> {
  if (!fs.existsSync(WORKER)) {
    throw new Error(`${WORKER} is missing: build the API first (npm test at the root does; or "npx tsc -p tsconfig.build.json" in apps/api)`);
  }
  const child = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      DATABASE_URL: t.config.database.type === 'mysql' ? t.config.database.url : '',
      REDIS_URL: t.config.redisUrl ?? '',
      QUEUE_PREFIX: t.config.queuePrefix,
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: '4',
      RECONCILE_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (/worker \d+ started/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}: ${out}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

describe('no lost update: Redis down at approval time', () => {
  it('an approval committed while Redis is unreachable is rolled up by the reconciler of a process that has Redis', async () => {
    // The approving API points at a closed port: the shared Redis of other suites is never touched.
    const down = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', RECONCILE_INTERVAL_MS: '0' });
    let healthy: NestFastifyApplication | null = null;
    try {
      await loadTestTree(down.app);
      await createUsers(down.app);
      const admin = await down.login('admin', 'secret-pass');
      const values: Record<string, ReportValues> = { '99101': syntheticValues(1), '99102': syntheticValues(2), '99201': syntheticValues(3) };
      await Promise.all(Object.entries(values).map(([c, v]) => writeReport(down.app, c, v)));
      // Committed, owed, visible as stale — and nothing computed.
      const before = await summaryOf(down, admin, '99');
      expect(before.coverage).toMatchObject({ reported: 0, stale: true });
      const owed = await down.app.get(DataSource).getRepository(RollupState).find({ where: { dirty: true } });
      expect(owed.map((r) => r.unitCode).sort()).toEqual(['991', '992']);
      expect((await down.request('GET', '/api/health')).status).toBe(503);
      const queueHealth = await down.app.get(JobQueueService).health();
      expect(queueHealth).toMatchObject({ up: false, backlog: { rollup: { dirty: 2, failed: 0 } } });

      // Redis "comes back": another process on the same database, with Redis, reconciles at start-up.
      healthy = await createApp(
        loadConfig({
          NODE_ENV: 'test',
          DATABASE_URL: down.config.database.type === 'mysql' ? down.config.database.url : undefined,
          REDIS_URL: infra.redisUrl,
          JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
          LOG_LEVEL: 'error',
          QUEUE_PREFIX: `${down.config.queuePrefix}_up`,
          RECONCILE_INTERVAL_MS: '300',
        }),
      );
      await healthy.init();
      await waitForRollups(healthy);
      const after = await summaryOf(down, admin, '99');
      expect(after.coverage).toMatchObject({ reported: 3, stale: false });
      expectSummariesEqual(after.indicators, Object.values(values));
      expectSummariesEqual((await summaryOf(down, admin, '991')).indicators, [values['99101'], values['99102']]);
    } finally {
      await healthy?.close();
      await deleteQueueKeys(infra.redisUrl, `${down.config.queuePrefix}_up`);
      await down.close();
    }
  });
});

describe('separate worker processes (node dist/worker.js)', () => {
  let t: TestApp;
  let admin: string;
  const workers: ChildProcess[] = [];
  const values: Record<string, ReportValues> = {};
  let changes = 0;

  beforeAll(async () => {
    ({ t, admin } = await startRollupApp({ RUN_WORKERS: 'false', RECONCILE_INTERVAL_MS: '0' }));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorker(w, 'SIGKILL')));
    await t?.close();
  });

  const approveAll = async (codes: string[]) => {
    codes.forEach((c, i) => (values[c] ??= syntheticValues(200 + i)));
    await Promise.all(codes.map((c) => writeReport(t.app, c, values[c])));
  };

  const snapshot = async () =>
    (await t.app.get(DataSource).getRepository(Summary).find({ where: { periodId: PERIOD }, order: { unitCode: 'ASC', indicatorCode: 'ASC' } })).map(
      (s) => ({ ...s, sum: Number(s.sum.toPrecision(12)), weightedSum: Number(s.weightedSum.toPrecision(12)) }),
    );

  it('two worker processes on one Redis give the same summaries as one', async () => {
    workers.push(await startWorker(t));
    const codes = ['99101', '99102', '99103', '99201', '99202', '99301'];
    await approveAll(codes);
    await waitForRollups(t.app);
    const one = await snapshot();
    expectSummariesEqual((await summaryOf(t, admin, '99')).indicators, codes.map((c) => values[c]));

    // Reopen everything, then approve again with two workers sharing the queue.
    await Promise.all(codes.map((c) => writeReport(t.app, c, values[c], 'submitted')));
    await waitForRollups(t.app);
    expect((await summaryOf(t, admin, '99')).coverage.reported).toBe(0);
    workers.push(await startWorker(t));
    await approveAll(codes);
    await waitForRollups(t.app);
    expect(await snapshot()).toEqual(one);
  });

  /**
   * Holds the province's rollup_state row so that the worker rolling up district 991 blocks at the end
   * of its transaction (summaries already replaced, uncommitted), then SIGKILLs that worker.
   */
  const killMidRollup = async (commune: string): Promise<void> => {
    while (workers.length) await stopWorker(workers.pop()!);
    const victim = await startWorker(t);
    const lock = await createConnection(`${infra.mysqlUrl.replace(/\/$/, '')}/${t.dbName}`);
    try {
      await lock.query('BEGIN');
      await lock.query("SELECT * FROM rollup_state WHERE unit_code = '99' AND period_id = ? FOR UPDATE", [PERIOD]);
      values[commune] = syntheticValues(300 + ++changes);
      await writeReport(t.app, commune, values[commune]);
      await waitFor(async () => {
        const [rows] = await lock.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'INSERT INTO%rollup_state%'",
          [t.dbName],
        );
        return Number((rows as Array<{ n: number }>)[0].n) > 0;
      }, 'the worker to block inside its rollup transaction');
      await stopWorker(victim, 'SIGKILL');
      await lock.query('ROLLBACK');
    } finally {
      await lock.end();
    }
    // The killed transaction rolled back: district 991 still shows the old figures and is owed.
    const state = await t.app.get(DataSource).getRepository(RollupState).findOneByOrFail({ unitCode: '991', periodId: PERIOD });
    expect(state.dirty).toBe(true);
    expect((await summaryOf(t, admin, '991')).coverage.stale).toBe(true);
  };

  it('a worker killed mid-rollup: the reconciler re-enqueues, another worker finishes', async () => {
    await killMidRollup('99104');
    // Lose the dead worker's job too (as if Redis had lost it), so BullMQ's own stalled-job
    // recovery cannot finish the work before the reconciler is asked: only the outbox remains.
    for (const q of t.app.get(JobQueueService).bullQueues()) await q.obliterate({ force: true });
    workers.push(await startWorker(t));
    // The reconciler leaves rows younger than its grace period (their job is likely in flight) and
    // gives up an enqueue that Redis does not answer in time: ask again until it has enqueued.
    let n = 0;
    for (let i = 0; i < 20 && n === 0; i++) {
      await new Promise((r) => setTimeout(r, 300));
      n = await t.app.get(RollupReconcilerService).reconcile();
    }
    if (n === 0) {
      const dirty = await t.app.get(DataSource).getRepository(RollupState).find({ where: { dirty: true } });
      throw new Error(`the reconciler enqueued nothing; dirty rows: ${JSON.stringify(dirty)}`);
    }
    expect(n).toBeGreaterThan(0);
    await waitForRollups(t.app, 30_000);
    expectSummariesEqual((await summaryOf(t, admin, '991')).indicators, ['99101', '99102', '99103', '99104'].map((c) => values[c]));
    expectSummariesEqual((await summaryOf(t, admin, '99')).indicators, Object.values(values));
  });

  it('a worker killed mid-rollup with no reconciler: BullMQ hands the stalled job to another worker', async () => {
    await killMidRollup('99104');
    workers.push(await startWorker(t));
    // BullMQ's stalled-job check: the dead worker's lock (30 s) expires and the job runs again.
    await waitForRollups(t.app, 100_000);
    expectSummariesEqual((await summaryOf(t, admin, '991')).indicators, ['99101', '99102', '99103', '99104'].map((c) => values[c]));
    expectSummariesEqual((await summaryOf(t, admin, '99')).indicators, Object.values(values));
  }, 150_000);
});
