import 'reflect-metadata';
import { fork } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { combineStats, statsFromValues, TEMPLATE_2023, valueNodes, type IndicatorStats } from '@cchc/shared';
import { createApp } from '../app.factory';
import type { AppConfig } from '../config/config.schema';
import { PeriodsService } from '../modules/periods/periods.service';
import { Summary } from '../modules/rollups/entities/summary.entity';
import { SummaryCoverage } from '../modules/rollups/entities/summary-coverage.entity';
import { AdminUnit } from '../modules/units/entities/admin-unit.entity';
import { UnitsLoaderService } from '../modules/units/units-loader.service';
import { UsersService } from '../modules/users/users.service';
import { BENCH_PASSWORD, benchConfig as sharedBenchConfig, seedApprovedReports, syntheticCommuneValues, withBenchDatabase } from './bench-support';

/**
 * Export benchmark: seeds one period for the whole country (every commune with a full approved
 * report), then runs each export in a fresh child process (the API listening on a real socket,
 * a client reading and discarding) and reports its time, size and the server process's peak RSS.
 * Flat memory means: the country costs the same RSS as one province.
 *
 *   node dist/bench/export-bench.js [--heap-cap=96]   (server: TEST_MYSQL_URL or mysql://root@127.0.0.1:3306;
 *                                                     --heap-cap caps the exporting process's old space, in MB)
 */

export const PERIOD = '2023';
export const NEXT = '2024';

export interface ExportBenchCase {
  label: string;
  /** GET this export; or, with `importFrom`, POST the file downloaded from `importFrom` here. */
  path: string;
  importFrom?: string;
}

export interface ExportBenchResult extends ExportBenchCase {
  ms: number;
  bytes: number;
  baseRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  peakExternalMb: number;
}

/** The export and import benches' server config (the shared one, its own queue prefix). */
export function benchConfig(url: string): AppConfig {
  return sharedBenchConfig(url, { QUEUE_PREFIX: 'bench_export' });
}

/** Units, one approved report per commune with every value, and the provinces' summaries. */
export async function seedNation(ds: DataSource, app: INestApplicationContext, config: AppConfig): Promise<{ communes: number; values: number }> {
  await app.get(UnitsLoaderService).loadFile(config.unitsFile);
  await app.get(PeriodsService).upsert(PERIOD);
  await app.get(PeriodsService).upsert(NEXT);
  await app.get(UsersService).create({ username: 'bench.admin', password: BENCH_PASSWORD, displayName: 'Bench', roles: ['administrator'], unitCode: null });
  const units = await ds.getRepository(AdminUnit).find({ where: { level: 'commune' }, order: { path: 'ASC' } });
  const nodes = valueNodes(TEMPLATE_2023, 'commune');
  const seeded = await seedApprovedReports(app, units, PERIOD, (i) => syntheticCommuneValues(i, nodes));
  const byProvince = new Map<string, { stats: Map<string, IndicatorStats>; n: number }>();
  for (const [i, u] of units.entries()) {
    const v = syntheticCommuneValues(i, nodes);
    const province = u.path.split('/')[1];
    const p = byProvince.get(province) ?? { stats: new Map<string, IndicatorStats>(), n: 0 };
    byProvince.set(province, p);
    p.n += 1;
    for (const n of nodes) {
      const s = statsFromValues(n, [{ value: v[n.code], weight: n.weightCode ? v[n.weightCode] : undefined }]);
      const cur = p.stats.get(n.code);
      p.stats.set(n.code, cur ? combineStats(cur, s) : s);
    }
  }
  const now = new Date();
  for (const [code, p] of byProvince) {
    await ds.getRepository(Summary).insert([...p.stats.values()].map((s) => ({ unitCode: code, periodId: PERIOD, indicatorCode: s.code, count: s.count, sum: s.sum, min: s.min, max: s.max, weightedSum: s.weightedSum, weightSum: s.weightSum, optionCounts: s.optionCounts })));
    await ds.getRepository(SummaryCoverage).insert({ unitCode: code, periodId: PERIOD, expected: p.n, reported: p.n, childrenExpected: 0, childrenReported: 0, missingChildren: [], basis: 'approved', asOf: now });
  }
  return { communes: units.length, values: seeded.values };
}

/** Child side: serve the API, download one export over HTTP, report time and RSS. */
async function child(url: string, path: string, importFrom?: string): Promise<void> {
  const app = await createApp({ ...benchConfig(url), migrateOnStart: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const call = (method: string, p: string, body?: string | Buffer, token?: string, type = 'application/json') =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: p, method, headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) } }, resolve);
      req.on('error', reject);
      req.end(body);
    });
  const readBytes = async (res: http.IncomingMessage) => {
    const parts: Buffer[] = [];
    for await (const c of res) parts.push(c as Buffer);
    return Buffer.concat(parts);
  };
  const readAll = async (res: http.IncomingMessage) => (await readBytes(res)).toString('utf8');
  const login = await call('POST', '/api/auth/login', JSON.stringify({ username: 'bench.admin', password: BENCH_PASSWORD }));
  const token = (JSON.parse(await readAll(login)) as { accessToken: string }).accessToken;
  // Warm up (module loading, connection pool) on a tiny export, then measure from a settled baseline.
  await readAll(await call('GET', `/api/exports/01/${PERIOD}.csv`, undefined, token));
  const file = importFrom ? await readBytes(await call('GET', importFrom, undefined, token)) : null;
  (global as { gc?: () => void }).gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let peakHeap = 0;
  let peakExt = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakExt = Math.max(peakExt, m.external + m.arrayBuffers);
  }, 10);
  const started = process.hrtime.bigint();
  const res = file ? await call('POST', path, file, token, 'application/octet-stream') : await call('GET', path, undefined, token);
  if (res.statusCode !== 200) throw new Error(`${path}: HTTP ${res.statusCode} ${(await readAll(res)).slice(0, 500)}`);
  let bytes = 0;
  for await (const c of res) bytes += (c as Buffer).length;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await app.close();
  process.send?.({ ms, bytes, baseRssMb: baseRss / 2 ** 20, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, peakExternalMb: peakExt / 2 ** 20 });
}

export function runChild(url: string, c: ExportBenchCase, nodeArgs: string[]): Promise<ExportBenchResult> {
  return new Promise((resolve, reject) => {
    const p = fork(__filename, ['--child', url, c.path, ...(c.importFrom ? [c.importFrom] : [])], { execArgv: ['--expose-gc', ...nodeArgs], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    p.once('message', (m) => resolve({ ...c, ...(m as Omit<ExportBenchResult, keyof ExportBenchCase>) }));
    p.once('exit', (code) => (code ? reject(new Error(`${c.label}: child exited with ${code}`)) : undefined));
  });
}

export const EXPORT_CASES: ExportBenchCase[] = [
  { label: 'CSV, one province (Hà Nội, all communes)', path: `/api/exports/01/${PERIOD}.csv?scope=communes` },
  { label: 'CSV, whole country (all communes)', path: `/api/exports/VN/${PERIOD}.csv?scope=communes` },
  { label: 'XLSX, one province (Hà Nội, all communes)', path: `/api/exports/01/${PERIOD}.xlsx?scope=communes` },
  { label: 'XLSX, whole country (all communes)', path: `/api/exports/VN/${PERIOD}.xlsx?scope=communes` },
];

/** Seeds a fresh database, runs every case in its own process, drops the database. */
export async function runExportBench(opts: { heapCapMb?: number } = {}): Promise<ExportBenchResult[]> {
  return runSeededCases('export', EXPORT_CASES, opts.heapCapMb ? [`--max-old-space-size=${opts.heapCapMb}`] : []);
}

/** Seeds a fresh database with the nation, runs every case in its own process, drops the database. */
export function runSeededCases(kind: string, cases: ExportBenchCase[], nodeArgs: string[]): Promise<ExportBenchResult[]> {
  return withBenchDatabase(kind, async (url) => {
    const config = benchConfig(url);
    const app = await createApp(config);
    await app.init();
    const t0 = Date.now();
    const seeded = await seedNation(app.get(DataSource), app, config);
    console.log(`seeded ${seeded.communes} communes, ${seeded.values} values in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await app.close();
    const results: ExportBenchResult[] = [];
    for (const c of cases) {
      const r = await runChild(url, c, nodeArgs);
      results.push(r);
      console.log(`${r.label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${(r.bytes / 2 ** 20).toFixed(1).padStart(6)} MB  RSS ${r.baseRssMb.toFixed(0)} → peak ${r.peakRssMb.toFixed(0)} MB (+${(r.peakRssMb - r.baseRssMb).toFixed(0)}), heap peak ${r.peakHeapMb.toFixed(0)} MB, buffers ${r.peakExternalMb.toFixed(0)} MB`);
    }
    return results;
  });
}

if (require.main === module) {
  const [flag, url, path, importFrom] = process.argv.slice(2);
  const cap = /^--heap-cap=(\d+)$/.exec(flag ?? '');
  const run = flag === '--child' && url && path ? child(url, path, importFrom) : runExportBench({ heapCapMb: cap ? Number(cap[1]) : undefined }).then(() => undefined);
  run.then(
    () => process.exit(0),
    (e: Error) => {
      console.error(e.stack ?? e.message);
      process.exit(1);
    },
  );
}
