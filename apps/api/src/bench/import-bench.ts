import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { testInfraFromProcess } from '../config/config.schema';
import { benchConfig, NEXT, PERIOD, runChild, seedNation, type ExportBenchCase, type ExportBenchResult } from './export-bench';

/**
 * Import benchmark: the national data set of the export benchmark, exported as CSV and XLSX and
 * taken back into next year's drafts, each case in a fresh server process (the file downloaded
 * first; time and RSS measured over the import request alone). Goal: the national XLSX dry run
 * within 300 MB of RSS above the baseline, because the file is read as a stream.
 *
 *   node dist/bench/import-bench.js   (server: TEST_MYSQL_URL or mysql://root@127.0.0.1:3306)
 */

export const IMPORT_CASES: ExportBenchCase[] = [
  { label: 'import CSV, whole country, dry run', path: `/api/imports/VN/${NEXT}?dryRun=true`, importFrom: `/api/exports/VN/${PERIOD}.csv?scope=communes` },
  { label: 'import XLSX, whole country, dry run', path: `/api/imports/VN/${NEXT}?dryRun=true`, importFrom: `/api/exports/VN/${PERIOD}.xlsx?scope=communes` },
  { label: 'import CSV, whole country, written', path: `/api/imports/VN/${NEXT}`, importFrom: `/api/exports/VN/${PERIOD}.csv?scope=communes` },
];

export async function runImportBench(opts: { cases?: ExportBenchCase[] } = {}): Promise<ExportBenchResult[]> {
  const root = testInfraFromProcess().mysqlUrl.replace(/\/$/, '');
  const name = `cchc_bench_import_${process.pid}`;
  const conn = await createConnection(root);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = `${root}/${name}`;
  try {
    const config = benchConfig(url);
    const app = await createApp(config);
    await app.init();
    const t0 = Date.now();
    const seeded = await seedNation(app.get(DataSource), app, config);
    console.log(`seeded ${seeded.communes} communes, ${seeded.values} values in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await app.close();
    const results: ExportBenchResult[] = [];
    for (const c of opts.cases ?? IMPORT_CASES) {
      const r = await runChild(url, c, []);
      results.push(r);
      console.log(`${r.label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  RSS ${r.baseRssMb.toFixed(0)} → peak ${r.peakRssMb.toFixed(0)} MB (+${(r.peakRssMb - r.baseRssMb).toFixed(0)}), heap peak ${r.peakHeapMb.toFixed(0)} MB, buffers ${r.peakExternalMb.toFixed(0)} MB`);
    }
    return results;
  } finally {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  }
}

if (require.main === module) {
  const dryOnly = process.argv.includes('--dry-run-only');
  runImportBench({ cases: dryOnly ? IMPORT_CASES.slice(0, 2) : undefined }).then(
    () => process.exit(0),
    (e: Error) => {
      console.error(e.stack ?? e.message);
      process.exit(1);
    },
  );
}
