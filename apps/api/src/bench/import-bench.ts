import 'reflect-metadata';
import { NEXT, PERIOD, runSeededCases, type ExportBenchCase, type ExportBenchResult } from './export-bench';

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
  return runSeededCases('import', opts.cases ?? IMPORT_CASES, []);
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
