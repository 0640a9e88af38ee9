import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { createUsers, loadProvince46, openPeriods, PASSWORD, validValues } from './support/reports-fixtures';
import { seedReportAsOfPeriod } from './support/report-seed';
import { startTestApp, TestApp } from './support/test-app';

const DIST = path.resolve(__dirname, '../dist');
const PERIOD = '2023';
const APPROVALS = 30;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A process from the built dist/, as a province runs it; its output is kept for a failing test's message. */
function start(script: 'main.js' | 'worker.js', env: Record<string, string>): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, [path.join(DIST, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout!.on('data', (d: Buffer) => child.output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => child.output.push(d.toString()));
  return child;
}

async function until(check: () => Promise<boolean>, what: string, tries = 600): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Outcome {
  unit: string;
  status: number | 'network';
}

describe('graceful shutdown: SIGTERM to an API and a worker (built dist/) while 30 approvals and their rollups are in flight', () => {
  let t: TestApp;
  let env: Record<string, string>;
  let communes: string[];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The in-process app only prepares the data and reads the result: no workers, no reconciler of its own.
    t = await startTestApp({ RUN_WORKERS: 'false', RECONCILE_INTERVAL_MS: '0' });
    await loadProvince46(t.app);
    await openPeriods(t.app, [PERIOD]);
    await createUsers(t.app, [['admin', ['administrator'], null]]);
    const ds = t.app.get(DataSource);
    const units = await ds.getRepository(AdminUnit).find({ where: { level: 'commune' }, order: { code: 'ASC' } });
    // Communes spread over several districts, so district and province rollups interleave.
    communes = units.filter((_, i) => i % 4 === 0).slice(0, APPROVALS).map((u) => u.code);
    expect(communes).toHaveLength(APPROVALS);
    for (const [i, code] of communes.entries()) await seedReportAsOfPeriod(t.app, code, PERIOD, 'submitted', validValues(`shutdown-${i}`));
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: t.config.database.type === 'mysql' ? t.config.database.url : '',
      REDIS_URL: t.config.redisUrl ?? '',
      QUEUE_PREFIX: t.config.queuePrefix,
      JWT_SECRET: t.config.jwtSecret,
      DEMO_MODE: 'false',
      LOG_LEVEL: 'info',
      RECONCILE_INTERVAL_MS: '500',
      SHUTDOWN_TIMEOUT_MS: '20000',
    };
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t?.close();
  });

  it('every approval is reflected in the summaries after the restart, and no request got a 5xx other than 503', async () => {
    const apiPort = await freePort();
    const metricsPort = await freePort();
    const startApi = () => start('main.js', { ...env, PORT: String(apiPort), HOST: '127.0.0.1', RUN_WORKERS: 'false' });
    const startWorker = () => start('worker.js', { ...env, METRICS_PORT: String(metricsPort), HOST: '127.0.0.1', WORKER_CONCURRENCY: '2' });
    const base = `http://127.0.0.1:${apiPort}`;
    // Bounded: a server that hangs fails the test with its own log (below), not at the test's timeout.
    const ready = async () => (await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(5_000) })).status === 200;

    let api = startApi();
    let worker = startWorker();
    children.push(api, worker);
    await until(ready, `the API to be ready:\n${api.output.join('')}`);
    const token = ((await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json()) as { accessToken: string }).accessToken;

    const approve = async (unit: string): Promise<Outcome> => {
      try {
        const r = await fetch(`${base}/api/reports/${unit}/${PERIOD}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
          signal: AbortSignal.timeout(45_000),
        });
        await r.arrayBuffer();
        return { unit, status: r.status };
      } catch {
        return { unit, status: 'network' }; // refused (the server had stopped listening) or unanswered
      }
    };

    // All 30 at once; the first answer means the rest are in flight or queued: stop both processes then.
    const inFlight = communes.map(approve);
    await Promise.race(inFlight);
    const apiExit = once(api, 'exit');
    const workerExit = once(worker, 'exit');
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    const first = await Promise.all(inFlight);
    const [[apiCode], [workerCode]] = await Promise.all([apiExit, workerExit]);
    // A non-zero exit shows the process's own last lines.
    const tail = (c: { output: string[] }, code: unknown) => (code === 0 ? '' : c.output.join('').slice(-2000));
    expect({ api: apiCode, worker: workerCode, apiLog: tail(api, apiCode), workerLog: tail(worker, workerCode) }).toEqual({ api: 0, worker: 0, apiLog: '', workerLog: '' });

    // Restart; whatever was not answered 200 is asked again.
    api = startApi();
    worker = startWorker();
    children.push(api, worker);
    await until(ready, `the restarted API to be ready:\n${api.output.join('')}`);
    const retried = await Promise.all(first.filter((o) => o.status !== 200).map((o) => approve(o.unit)));
    const all = [...first, ...retried];
    expect(all.filter((o) => typeof o.status === 'number' && o.status >= 500 && o.status !== 503)).toEqual([]);
    const approvedOnce = new Set([...first, ...retried].filter((o) => o.status === 200).map((o) => o.unit));
    expect([...approvedOnce].sort()).toEqual([...communes].sort());

    // Every rollup done, by the restarted worker; its own /metrics shows the jobs it ran.
    const states = t.app.get(DataSource).getRepository(RollupState);
    await until(async () => (await states.count({ where: { periodId: PERIOD, dirty: true } })) === 0, 'the rollups to finish');
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/cchc_job_duration_seconds_count\{[^}]*queue="rollup"[^}]*outcome="completed"[^}]*\} [1-9]/);

    // The province summary counts every approved commune, and each district its own.
    const admin = await t.login('admin', PASSWORD);
    const province = await t.request<{ coverage: { reported: number } }>('GET', `/api/summaries/46/${PERIOD}`, { token: admin });
    expect(province.status).toBe(200);
    expect(province.body.coverage.reported).toBe(APPROVALS);
    const units = await t.app.get(DataSource).getRepository(AdminUnit).find();
    const parentOf = new Map(units.map((u) => [u.code, u.parentCode]));
    const byDistrict = new Map<string, number>();
    for (const c of communes) byDistrict.set(parentOf.get(c)!, (byDistrict.get(parentOf.get(c)!) ?? 0) + 1);
    for (const [district, n] of byDistrict) {
      const d = await t.request<{ coverage: { reported: number } }>('GET', `/api/summaries/${district}/${PERIOD}`, { token: admin });
      expect({ district, reported: d.body.coverage.reported }).toEqual({ district, reported: n });
    }
  });
});
