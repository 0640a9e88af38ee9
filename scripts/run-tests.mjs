#!/usr/bin/env node
// `npm test`: build what the tests run against, run every workspace's Jest suites one
// workspace at a time (they share MariaDB and Redis), then print one closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const run = (args) => spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;

let status = run(['turbo', 'run', 'build', '--filter=@cchc/api...', '--filter=@cchc/web', '--output-logs=errors-only']);
if (status === 0) status = run(['turbo', 'run', 'test', '--concurrency=1', '--continue']);

let passed = 0;
let failed = 0;
let suitesFailed = 0;
for (const f of existsSync(results) ? readdirSync(results) : []) {
  const r = JSON.parse(readFileSync(join(results, f), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  suitesFailed += r.numFailedTestSuites;
  console.log(`  ${f.replace(/\.json$/, '').padEnd(8)} ${r.numPassedTests} passed, ${r.numFailedTests} failed (${r.numTotalTestSuites} suites)`);
}
if (status !== 0 && failed === 0) failed += Math.max(1, suitesFailed);
// CI runs this on two runtimes; say which one this was.
console.log(`runtime: Node.js ${process.version} (${process.execPath})`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
