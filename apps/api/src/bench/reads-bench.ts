import 'reflect-metadata';
import { fork } from 'node:child_process';
import * as os from 'node:os';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { loadConfig, testInfraFromProcess, type AppConfig } from '../config/config.schema';
import { RollupPassService } from '../modules/rollups/rollup-pass.service';
import { AdminUnit } from '../modules/units/entities/admin-unit.entity';
import { UsersService } from '../modules/users/users.service';
import { JobQueueService } from '../queue/queue.service';
import { PERIOD, benchConfig, seedNation } from './export-bench';
import { BENCH_PASSWORD } from './bench-support';

/**
 * Read benchmark: the national data set of the export bench, rolled up through the real rollup passes
 * (district → province summaries, stored scores and ranks), then the API in its own process
 * (MariaDB + Redis, LOG_LEVEL=error) loaded over loopback with autocannon, one read after another in
 * the same run as /api/health, which is the run's ceiling. Every read goes through the real auth path
 * as an analyst of the unit read (the national ranking as the seeded administrator).
 *
 *   node dist/bench/reads-bench.js [--seconds=10] [--connections=20] [--db=NAME (reuse a seeded database, keep it)]
 */

const PASSWORD = 'bench-password-reads';
const PARALLEL_PASSES = 4;

export interface ReadsBenchOptions {
  seconds: number;
  connections: number;
  /** An already seeded and rolled-up database to reuse (kept afterwards); otherwise a fresh one, dropped at the end. */
  db?: string;
}

export interface ReadsBenchRow {
  label: string;
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ratioToHealth: number;
  non2xx: number;
  errors: number;
}

export interface ReadsBenchResult {
  rows: ReadsBenchRow[];
  loadAverage: number[];
  seconds: number;
  connections: number;
  machine: string;
}

function serverConfig(url: string, queuePrefix: string): AppConfig {
  const infra = testInfraFromProcess();
  // The export bench's settings (production, no workers, no web app), with Redis as in production.
  const base = benchConfig(url);
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_URL: infra.redisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: base.jwtSecret,
    LOG_LEVEL: 'error',
    RUN_WORKERS: 'false',
    RECONCILE_INTERVAL_MS: '0',
    DEMO_MODE: 'false',
    WEB_DIST: '/nonexistent/cchc-bench-web',
  });
}

/** The seeded country rolled up as the jobs would: every district, then every province (its passes store scores and ranks). */
async function rollUp(app: { get: <T>(t: new (...a: never[]) => T) => T }): Promise<void> {
  const ds = app.get(DataSource);
  const rollups = app.get(RollupPassService);
  const units = ds.getRepository(AdminUnit);
  for (const level of ['district', 'province'] as const) {
    const codes = (await units.find({ where: { level }, select: { code: true } })).map((u) => u.code);
    for (let i = 0; i < codes.length; i += PARALLEL_PASSES) {
      await Promise.all(codes.slice(i, i + PARALLEL_PASSES).map((c) => rollups.rollupOnce(c, PERIOD)));
    }
  }
}

interface Targets {
  province: AdminUnit;
  district: AdminUnit;
  commune: AdminUnit;
}

/** The largest province (by communes), its largest district, and a commune of it. */
async function pickTargets(ds: DataSource): Promise<Targets> {
  const [p] = await ds.query<Array<{ code: string }>>(
    "SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(path, '/', 2), '/', -1) AS code, COUNT(*) AS n FROM admin_units WHERE level = 'commune' GROUP BY code ORDER BY n DESC, code LIMIT 1",
  );
  const [d] = await ds.query<Array<{ code: string }>>(
    "SELECT parent_code AS code, COUNT(*) AS n FROM admin_units WHERE level = 'commune' AND path LIKE ? AND parent_code <> ? GROUP BY parent_code ORDER BY n DESC, parent_code LIMIT 1",
    [`/${p.code}/%`, p.code],
  );
  const repo = ds.getRepository(AdminUnit);
  const province = await repo.findOneByOrFail({ code: p.code });
  const district = await repo.findOneByOrFail({ code: d.code });
  const commune = (await repo.find({ where: { parentCode: district.code, level: 'commune' }, order: { code: 'ASC' }, take: 1 }))[0];
  return { province, district, commune };
}

/** Child side: the API alone in this process, listening on loopback; tells the parent its port. */
async function serve(url: string, queuePrefix: string): Promise<void> {
  const app = await createApp({ ...serverConfig(url, queuePrefix), migrateOnStart: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (app.getHttpServer().address() as AddressInfo).port });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

function startServer(url: string, queuePrefix: string): Promise<{ port: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const p = fork(__filename, ['--serve', url, queuePrefix], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    p.once('message', (m) => {
      p.removeAllListeners('exit');
      resolve({
        port: (m as { port: number }).port,
        stop: () =>
          new Promise<void>((r) => {
            p.once('exit', () => r());
            p.kill('SIGTERM');
          }),
      });
    });
    p.once('exit', (code) => reject(new Error(`API process exited with ${code}`)));
  });
}

async function login(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function load(base: string, path: string, token: string | null, seconds: number, connections: number): Promise<autocannon.Result> {
  // A first request that must succeed: a bench of 403s or 404s measures nothing.
  const first = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!first.ok) throw new Error(`${path}: HTTP ${first.status} ${(await first.text()).slice(0, 300)}`);
  await first.arrayBuffer();
  // As a browser asks: it always accepts gzip.
  return autocannon({ url: `${base}${path}`, connections, duration: seconds, headers: { 'accept-encoding': 'gzip, deflate, br', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

export async function runReadsBench(opts: ReadsBenchOptions): Promise<ReadsBenchResult> {
  const root = testInfraFromProcess().mysqlUrl.replace(/\/$/, '');
  const name = opts.db ?? `cchc_bench_reads_${process.pid}`;
  const url = `${root}/${name}`;
  const conn = await createConnection(root);
  const log = (s: string) => console.log(`[reads] ${s}`);
  const queuePrefix = `bench_reads_${process.pid}`;
  let stop: (() => Promise<void>) | null = null;
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    const [exists] = await conn.query<Array<{ n: number }> & import('mysql2').RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.schemata WHERE schema_name = ?', [name]);
    const fresh = Number(exists[0].n) === 0;
    if (fresh) await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    app = await createApp(serverConfig(url, queuePrefix));
    await app.init();
    const ds = app.get(DataSource);
    if (fresh) {
      const t0 = Date.now();
      const seeded = await seedNation(ds, app, serverConfig(url, queuePrefix));
      log(`seeded ${seeded.communes} communes, ${seeded.values} values in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const t1 = Date.now();
      await rollUp(app);
      log(`rolled up districts and provinces in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
    const t = await pickTargets(ds);
    const users = app.get(UsersService);
    for (const u of [t.province, t.district]) {
      if (fresh) await users.create({ username: `bench.analyst.${u.code}`, password: PASSWORD, displayName: `Bench ${u.name}`, roles: ['analyst'], unitCode: u.code });
    }

    const server = await startServer(url, queuePrefix);
    stop = server.stop;
    const base = `http://127.0.0.1:${server.port}`;
    const [provinceToken, districtToken] = [await login(base, `bench.analyst.${t.province.code}`), await login(base, `bench.analyst.${t.district.code}`)];
    // The national ranking is for administrators: seedNation's account.
    const adminToken = await login(base, 'bench.admin', BENCH_PASSWORD);
    const cases: Array<{ label: string; path: string; token: string | null }> = [
      { label: 'health (ceiling)', path: '/api/health', token: null },
      { label: `district summary ${t.district.code}`, path: `/api/summaries/${t.district.code}/${PERIOD}`, token: districtToken },
      { label: `province summary ${t.province.code}`, path: `/api/summaries/${t.province.code}/${PERIOD}`, token: provinceToken },
      { label: `district ranking ${t.district.code}`, path: `/api/rankings/${t.district.code}/${PERIOD}`, token: districtToken },
      { label: `province ranking of districts ${t.province.code}`, path: `/api/rankings/${t.province.code}/${PERIOD}`, token: provinceToken },
      { label: `province ranking of all communes ${t.province.code}`, path: `/api/rankings/${t.province.code}/${PERIOD}?scope=communes`, token: provinceToken },
      { label: 'national ranking of provinces', path: `/api/rankings/VN/${PERIOD}`, token: adminToken },
      { label: `one report ${t.commune.code}`, path: `/api/reports/${t.commune.code}/${PERIOD}`, token: districtToken },
    ];
    const rows: ReadsBenchRow[] = [];
    const loadAverage = os.loadavg();
    log(`load average before: ${loadAverage.map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
    for (const c of cases) {
      const r = await load(base, c.path, c.token, opts.seconds, opts.connections);
      const health = rows[0]?.reqPerSec ?? r.requests.average;
      const row: ReadsBenchRow = {
        label: c.label,
        path: c.path,
        reqPerSec: r.requests.average,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        ratioToHealth: r.requests.average / health,
        non2xx: r.non2xx,
        errors: r.errors,
      };
      rows.push(row);
      log(`${row.label.padEnd(44)} ${row.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${String(row.p50Ms).padStart(5)} ms  p99 ${String(row.p99Ms).padStart(5)} ms  ${(row.ratioToHealth * 100).toFixed(0).padStart(3)}% of health${row.non2xx || row.errors ? `  (${row.non2xx} non-2xx, ${row.errors} errors)` : ''}`);
    }
    const after = os.loadavg();
    log(`load average after: ${after.map((x) => x.toFixed(2)).join(' ')}`);
    return {
      rows,
      loadAverage: after,
      seconds: opts.seconds,
      connections: opts.connections,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    };
  } finally {
    await stop?.();
    // Leave nothing in Redis: the prefix is this run's own (the API process opened its queues there).
    for (const q of app?.get(JobQueueService).bullQueues() ?? []) await q.obliterate({ force: true }).catch(() => undefined);
    await app?.close();
    if (!opts.db) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  }
}

if (require.main === module) {
  const argOf = (n: string) => process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1];
  const run =
    process.argv[2] === '--serve' && process.argv[3] && process.argv[4]
      ? serve(process.argv[3], process.argv[4])
      : runReadsBench({ seconds: Number(argOf('seconds') ?? 10), connections: Number(argOf('connections') ?? 20), db: argOf('db') }).then((r) => {
          console.log(JSON.stringify(r, null, 2));
          process.exit(0);
        });
  run.catch((e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  });
}
