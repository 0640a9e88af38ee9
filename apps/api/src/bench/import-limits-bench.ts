import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { createApp } from '../app.factory';
import { PeriodsService } from '../modules/periods/periods.service';
import { UsersService } from '../modules/users/users.service';
import { BENCH_PASSWORD, benchConfig, withBenchDatabase } from './bench-support';
import { concatenated, hiddenAfterTinyEntry, hiddenBetweenEntries, hiddenInsideEntry, pack, zeroBomb, zipOf } from './hostile-zips';

/**
 * `npm run bench -- --only=import-limits`: hostile XLSX uploads against a production-mode server, each in
 * a fresh process. For each: the answer, how long it took, the server's peak RSS over its baseline
 * (VmHWM, the kernel's own high-water mark, so no peak falls between samples), and the slowest
 * /api/health answer while the upload was being handled (polled every 50 ms over HTTP).
 * Targets: each refused within a few seconds, peak ≤ +300 MB, health within 1 s throughout.
 */

export interface ImportLimitCase {
  label: string;
  file: string;
}

export interface ImportLimitResult {
  label: string;
  bytes: number;
  status: number;
  error: string;
  ms: number;
  baseRssMb: number;
  peakRssMb: number;
  healthMaxMs: number;
  healthPolls: number;
}

const PERIOD = '2031';

/** A workbook whose sheet XML unzips far past the limit yet zips small: the "normal layout" file. */
async function compressibleWorkbook(file: string, unzippedLimit: number): Promise<void> {
  const cols = 100;
  const cell = '9'.repeat(900);
  const rows = Math.ceil((unzippedLimit / (cols * 940)) * 1.1);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Data');
  ws.addRow(['Mã đơn vị', '1.1.1']).commit();
  const values = Array.from({ length: cols }, () => cell);
  for (let i = 0; i < rows; i++) ws.addRow(values).commit();
  ws.commit();
  await wb.commit();
}

async function buildCases(dir: string, unzippedLimit: number): Promise<ImportLimitCase[]> {
  const normal = path.join(dir, 'normal.xlsx');
  await compressibleWorkbook(normal, unzippedLimit);
  const workbook = readFileSync(normal);
  const decoy = zipOf([pack('[Content_Types].xml', '<?xml version="1.0"?><Types/>')]);
  const write = (name: string, bytes: Buffer) => {
    const f = path.join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };
  return [
    { label: 'normal layout (too large once unzipped)', file: normal },
    { label: 'hidden entry after a tiny listed one', file: write('hidden-after.xlsx', hiddenAfterTinyEntry(workbook)) },
    { label: 'hidden inside a listed entry', file: write('hidden-inside.xlsx', hiddenInsideEntry(workbook)) },
    { label: 'hidden between entry and directory', file: write('hidden-between.xlsx', hiddenBetweenEntries(workbook)) },
    { label: 'concatenated zips (workbook + decoy)', file: write('concatenated.xlsx', concatenated(workbook, decoy)) },
    { label: 'concatenated zips (decoy + workbook)', file: write('concatenated-2.xlsx', concatenated(decoy, workbook)) },
    { label: 'plain bomb, 1 GiB of zeros, size declared', file: write('bomb.xlsx', await zeroBomb(2 ** 30)) },
    { label: 'plain bomb, 1 GiB of zeros, size understated', file: write('bomb-lying.xlsx', await zeroBomb(2 ** 30, 1000)) },
  ];
}

/** Child side: serve the API, upload one file to it while polling its health, report the figures. */
async function child(url: string, label: string, file: string): Promise<void> {
  const app = await createApp({ ...benchConfig(url), migrateOnStart: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const call = (method: string, p: string, body?: string | Buffer, token?: string, type = 'application/json') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: p, method, headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const login = await call('POST', '/api/auth/login', JSON.stringify({ username: 'bench.admin', password: BENCH_PASSWORD }));
  const token = (JSON.parse(login.body) as { accessToken: string }).accessToken;
  const bytes = readFileSync(file);
  // Warm up the import path (module loading, pool) on a tiny CSV first.
  await call('POST', `/api/imports/VN/${PERIOD}?dryRun=true`, 'Mã đơn vị,1.1.1\r\n', token, 'text/csv');
  await call('GET', '/api/health');
  (global as { gc?: () => void }).gc?.();
  const baseRss = process.memoryUsage().rss;
  let finished = false;
  let healthMax = 0;
  let polls = 0;
  const poller = (async () => {
    while (!finished) {
      const t0 = process.hrtime.bigint();
      await call('GET', '/api/health');
      healthMax = Math.max(healthMax, Number(process.hrtime.bigint() - t0) / 1e6);
      polls += 1;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const started = process.hrtime.bigint();
  const res = await call('POST', `/api/imports/VN/${PERIOD}?dryRun=true`, bytes, token, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  finished = true;
  await poller;
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
  await app.close();
  const error = errorCode(res.body);
  const result: ImportLimitResult = {
    label,
    bytes: bytes.length,
    status: res.status,
    error,
    ms,
    baseRssMb: baseRss / 2 ** 20,
    peakRssMb: Math.max(hwm, baseRss) / 2 ** 20,
    healthMaxMs: healthMax,
    healthPolls: polls,
  };
  process.send?.(result);
}

function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: string }).error ?? '';
  } catch {
    return body.slice(0, 80);
  }
}

function runChild(url: string, c: ImportLimitCase): Promise<ImportLimitResult> {
  return new Promise((resolve, reject) => {
    const p = fork(__filename, ['--child', url, c.label, c.file], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    p.once('message', (m) => resolve(m as ImportLimitResult));
    p.once('exit', (code) => (code ? reject(new Error(`${c.label}: child exited with ${code}`)) : undefined));
  });
}

export async function runImportLimitsBench(): Promise<ImportLimitResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cchc-import-limits-'));
  try {
    return await withBenchDatabase('importlimits', async (url) => {
      const config = { ...benchConfig(url), migrateOnStart: true };
      const app = await createApp(config);
      await app.init();
      await app.get(PeriodsService).upsert(PERIOD);
      await app.get(UsersService).create({ username: 'bench.admin', password: BENCH_PASSWORD, displayName: 'Bench', roles: ['administrator'], unitCode: null });
      await app.close();
      const cases = await buildCases(dir, config.imports.maxUnzippedBytes);
      const results: ImportLimitResult[] = [];
      for (const c of cases) {
        const r = await runChild(url, c);
        results.push(r);
        console.log(
          `${r.label.padEnd(48)} ${(r.bytes / 2 ** 20).toFixed(1).padStart(6)} MB → ${r.status} ${r.error.padEnd(22)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  ` +
            `RSS ${r.baseRssMb.toFixed(0)} → peak ${r.peakRssMb.toFixed(0)} MB (+${(r.peakRssMb - r.baseRssMb).toFixed(0)})  health max ${r.healthMaxMs.toFixed(0)} ms over ${r.healthPolls} polls`,
        );
      }
      return results;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4], process.argv[5]).then(
    () => process.exit(0),
    (e: Error) => {
      console.error(e.stack ?? e.message);
      process.exit(1);
    },
  );
}
