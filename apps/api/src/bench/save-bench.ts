import 'reflect-metadata';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { TEMPLATE_2023, evaluateReport, parseAppendixText, valueNodes, type ReportValues } from '@cchc/shared';
import { createApp } from '../app.factory';
import type { AppConfig } from '../config/config.schema';
import { PeriodsService } from '../modules/periods/periods.service';
import { AdminUnit } from '../modules/units/entities/admin-unit.entity';
import { UnitsLoaderService } from '../modules/units/units-loader.service';
import { UsersService } from '../modules/users/users.service';
import { BENCH_PASSWORD, CpuMeter, RoundTripMeter, benchConfig, databaseServerPid, numberArg, percentile, withBenchDatabase } from './bench-support';

/**
 * Save-load benchmark (deadline day): N communes of a fresh MariaDB database each save their full
 * commune report (every commune-level value, 77) over real HTTP to the built API in its own
 * process, in a closed loop with a fixed number of connections, for a fixed time; meanwhile one
 * reviewer loop picks a commune at random, has it submitted, then approves (and reopens) or
 * returns it. A commune whose save meets a 409 re-reads its version and goes on: a stale version
 * (the reviewer moved the report) and "under review" are counted apart from real failures.
 *
 *   node dist/bench/save-bench.js [--communes=200] [--seconds=30] [--connections=32]
 */

const PERIOD = '2023';
const SEED_FILE = path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt');

export interface SaveBenchOptions {
  communes: number;
  seconds: number;
  connections: number;
  /** Told when the timed save loop starts and ends (the combined rollup bench times approvals in between). */
  onLoad?: (phase: 'start' | 'end') => void;
}

export interface SaveBenchResult {
  communes: number;
  seconds: number;
  connections: number;
  valuesPerSave: number;
  saves: number;
  savesPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Answers other than 2xx and the expected 409s below: must be 0. */
  failures: number;
  failureSamples: string[];
  /** 409 because the reviewer changed the report since the commune read it (stale version). */
  stale409: number;
  /** 409 because the report was submitted/approved at that moment (not editable). */
  underReview409: number;
  reviewer: { submitted: number; approved: number; returned: number; reopened: number; failures: number };
  /**
   * CPU ms per save during the timed loop (the reviewer's requests included) of the API process, this
   * client and the database server, and the saves/s this machine's cores could give at that cost: the
   * ceiling a faster figure would have to raise (null where /proc is not readable).
   */
  cpuPerSave: { api: number | null; client: number; database: number | null; ceilingPerSecond: number | null };
  /** SQL statements the database answered per save during the timed loop (the reviewer's and every other client's included). */
  statementsPerSave: number;
  loadAverage: number[];
  machine: string;
}

function saveBenchConfig(url: string): AppConfig {
  return benchConfig(url, {
    QUEUE_PREFIX: `bench_save_${process.pid}`,
    // 200 officers log in from one address at the start.
    LOGIN_THROTTLE_LIMIT: '10000',
  });
}

/** The real Quảng Thọ report with its two 130 % rows corrected and its blanks as 0, if that keeps it error-free. */
function fullReport(): Record<string, number | null> {
  const nodes = valueNodes(TEMPLATE_2023, 'commune');
  const seed = parseAppendixText(fs.readFileSync(SEED_FILE, 'utf8'), TEMPLATE_2023).values;
  seed['3.4.3'] = 95;
  seed['3.4.4'] = 95;
  const withZeros: ReportValues = {};
  const asIs: ReportValues = {};
  for (const n of nodes) {
    withZeros[n.code] = seed[n.code] ?? 0;
    asIs[n.code] = seed[n.code] ?? null;
  }
  for (const v of [withZeros, asIs]) if (evaluateReport(TEMPLATE_2023, v, { level: 'commune' }).errorCount === 0) return v as Record<string, number | null>;
  throw new Error('the bench report has errors: submissions would be refused');
}

/** Child side: the built API on a real socket; tells the parent its port. */
async function serve(url: string): Promise<void> {
  const app = await createApp({ ...saveBenchConfig(url), migrateOnStart: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (app.getHttpServer().address() as AddressInfo).port });
  process.on('message', (m) => {
    if (m === 'stop') void app.close().then(() => process.exit(0));
  });
}

interface Answer {
  status: number;
  body: string;
}

function client(port: number, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections + 4 });
  return (method: string, p: string, token?: string, body?: unknown): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        { host: '127.0.0.1', port, path: p, method, agent, headers: { ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(data);
    });
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export function runSaveBench(opts: SaveBenchOptions): Promise<SaveBenchResult> {
  return withBenchDatabase('save', (url) => saveBench(url, opts));
}

async function saveBench(url: string, opts: SaveBenchOptions): Promise<SaveBenchResult> {
  let server: ReturnType<typeof fork> | null = null;
  try {
    // Seed: units, the period, one officer per commune and one reviewer per district involved.
    const config = saveBenchConfig(url);
    const setup = await createApp(config);
    await setup.init();
    await setup.get(UnitsLoaderService).loadFile(config.unitsFile);
    await setup.get(PeriodsService).upsert(PERIOD);
    const communes = await setup.get(DataSource).getRepository(AdminUnit).find({ where: { level: 'commune' }, order: { path: 'ASC' }, take: opts.communes });
    const users = setup.get(UsersService);
    const passwordHash = await UsersService.hash(BENCH_PASSWORD);
    for (const c of communes) await users.create({ username: `xa.${c.code}`, passwordHash, displayName: c.name, roles: ['officer'], unitCode: c.code });
    const districts = [...new Set(communes.map((c) => c.parentCode as string))];
    for (const d of districts) await users.create({ username: `huyen.${d}`, passwordHash, displayName: d, roles: ['reviewer'], unitCode: d });
    await setup.close();

    server = fork(__filename, ['--serve', url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      server!.once('message', (m) => resolve((m as { port: number }).port));
      server!.once('exit', (code) => reject(new Error(`API process exited with ${code}`)));
    });
    const call = client(port, opts.connections);
    const tokens = new Map<string, string>();
    await pool([...communes.map((c) => `xa.${c.code}`), ...districts.map((d) => `huyen.${d}`)], 4, async (username) => {
      const r = await call('POST', '/api/auth/login', undefined, { username, password: BENCH_PASSWORD });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body.slice(0, 200)}`);
      tokens.set(username, (JSON.parse(r.body) as { accessToken: string }).accessToken);
    });

    const values = fullReport();
    const reportPath = (code: string) => `/api/reports/${code}/${PERIOD}`;
    const version = new Map<string, number>(communes.map((c) => [c.code, 0]));
    const reread = async (code: string) => {
      const r = await call('GET', reportPath(code), tokens.get(`xa.${code}`));
      if (r.status === 200) version.set(code, (JSON.parse(r.body) as { version: number }).version);
      return r;
    };
    const latencies: number[] = [];
    const failureSamples: string[] = [];
    let failures = 0;
    let stale409 = 0;
    let underReview409 = 0;
    const reviewer = { submitted: 0, approved: 0, returned: 0, reopened: 0, failures: 0 };
    const fail = (what: string, r: Answer) => {
      failures += 1;
      if (failureSamples.length < 5) failureSamples.push(`${what}: ${r.status} ${r.body.slice(0, 200)}`);
    };

    // Every commune saves once first, so each has a report the reviewer can act on.
    await pool(communes, opts.connections, async (c) => {
      const r = await call('PUT', reportPath(c.code), tokens.get(`xa.${c.code}`), { values, version: 0 });
      if (r.status !== 200) fail(`first save ${c.code}`, r);
      else version.set(c.code, (JSON.parse(r.body) as { version: number }).version);
    });

    const end = Date.now() + opts.seconds * 1000;
    let round = 0;
    // Connection k cycles through communes k, k + connections, …: a closed loop per connection.
    const savers = Array.from({ length: opts.connections }, async (_, k) => {
      const mine = communes.filter((_, i) => i % opts.connections === k);
      for (let i = 0; Date.now() < end && mine.length > 0; i++) {
        const c = mine[i % mine.length];
        const t0 = process.hrtime.bigint();
        const r = await call('PUT', reportPath(c.code), tokens.get(`xa.${c.code}`), { values, notes: { '1.1.1': `lần lưu ${round++}` }, version: version.get(c.code) });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (r.status === 200) {
          latencies.push(ms);
          version.set(c.code, (JSON.parse(r.body) as { version: number }).version);
        } else if (r.status === 409) {
          const code = (JSON.parse(r.body) as { error?: string }).error;
          if (code === 'stale_version') stale409 += 1;
          else underReview409 += 1;
          await reread(c.code);
        } else fail(`save ${c.code}`, r);
      }
    });
    const review = (async () => {
      while (Date.now() < end) {
        const c = communes[Math.floor(Math.random() * communes.length)];
        const officer = tokens.get(`xa.${c.code}`);
        const boss = tokens.get(`huyen.${c.parentCode}`);
        const cur = await reread(c.code);
        if (cur.status !== 200) {
          reviewer.failures += 1;
          continue;
        }
        const sub = await call('POST', `${reportPath(c.code)}/submit`, officer, { version: version.get(c.code) });
        if (sub.status === 409) continue; // the commune saved in between: pick again
        if (sub.status !== 200) {
          reviewer.failures += 1;
          if (failureSamples.length < 5) failureSamples.push(`submit ${c.code}: ${sub.status} ${sub.body.slice(0, 200)}`);
          continue;
        }
        reviewer.submitted += 1;
        let v = (JSON.parse(sub.body) as { version: number }).version;
        const approve = Math.random() < 0.5;
        const act = await call('POST', `${reportPath(c.code)}/${approve ? 'approve' : 'return'}`, boss, approve ? { version: v } : { version: v, comment: 'Đề nghị rà soát lại.' });
        if (act.status !== 200) {
          reviewer.failures += 1;
          if (failureSamples.length < 5) failureSamples.push(`${approve ? 'approve' : 'return'} ${c.code}: ${act.status} ${act.body.slice(0, 200)}`);
          continue;
        }
        v = (JSON.parse(act.body) as { version: number }).version;
        if (approve) {
          reviewer.approved += 1;
          // Reopened so the commune can go on saving (the approving level may reopen).
          const re = await call('POST', `${reportPath(c.code)}/reopen`, boss, { version: v, reason: 'Mở lại để sửa (bench).' });
          if (re.status === 200) reviewer.reopened += 1;
          else reviewer.failures += 1;
        } else reviewer.returned += 1;
      }
    })();
    const started = Date.now();
    const dbPid = databaseServerPid();
    const counter = await createConnection({ uri: url });
    const trips = await RoundTripMeter.start(counter);
    const meter = new CpuMeter({ api: [server.pid!], ...(dbPid ? { database: [dbPid] } : {}) });
    opts.onLoad?.('start');
    await Promise.all([...savers, review]);
    const elapsed = (Date.now() - started) / 1000;
    const cpu = meter.read();
    const { statements } = await trips.read();
    await counter.end();
    opts.onLoad?.('end');

    latencies.sort((a, b) => a - b);
    const r2 = (n: number) => Math.round(n * 100) / 100;
    const perSave = (ms: number | null | undefined) => (ms === null || ms === undefined || latencies.length === 0 ? null : r2(ms / latencies.length));
    const cpuPerSave = { api: perSave(cpu['api']), client: perSave(cpu['self']) ?? 0, database: perSave(cpu['database']) };
    const total = cpuPerSave.api === null || cpuPerSave.database === null ? null : cpuPerSave.api + cpuPerSave.client + cpuPerSave.database;
    return {
      communes: communes.length,
      seconds: r2(elapsed),
      connections: opts.connections,
      valuesPerSave: Object.keys(values).length,
      saves: latencies.length,
      savesPerSecond: r2(latencies.length / elapsed),
      latencyMs: { p50: r2(percentile(latencies, 50)), p95: r2(percentile(latencies, 95)), p99: r2(percentile(latencies, 99)), max: r2(latencies[latencies.length - 1] ?? 0) },
      failures,
      failureSamples,
      stale409,
      underReview409,
      reviewer,
      cpuPerSave: { ...cpuPerSave, ceilingPerSecond: total ? Math.round((os.cpus().length * 1000) / total) : null },
      statementsPerSave: latencies.length === 0 ? 0 : r2(statements / latencies.length),
      loadAverage: os.loadavg().map(r2),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    };
  } finally {
    if (server && server.exitCode === null) {
      server.send('stop');
      await new Promise((r) => server!.once('exit', r));
    }
  }
}

if (require.main === module) {
  const [flag, url] = process.argv.slice(2);
  // --ipc: forked by the combined rollup bench, which is told when the load starts and ends and gets the result.
  const ipc = process.argv.includes('--ipc') && !!process.send;
  const run =
    flag === '--serve' && url
      ? serve(url)
      : runSaveBench({
          communes: numberArg('communes', 200),
          seconds: numberArg('seconds', 30),
          connections: numberArg('connections', 32),
          ...(ipc ? { onLoad: (phase: 'start' | 'end') => process.send!({ phase }) } : {}),
        }).then((r) => {
          if (ipc) process.send!({ result: r }, () => process.exit(0));
          else {
            console.log(JSON.stringify({ save: r }, null, 2));
            process.exit(0);
          }
        });
  run.catch((e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  });
}
