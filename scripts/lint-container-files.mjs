// The container files, linted with tools from the npm registry (Docker itself does not run here):
// - Dockerfile: dockerfile-utils (the validator behind the VS Code Dockerfile language server): instructions,
//   flags, HEALTHCHECK durations, EXPOSE ports, stage names, parser directives. Any diagnostic fails,
//   warnings too (its own CLI fails on errors only).
// - infra/docker-compose.yml: dclint, which validates it against the Compose specification's JSON schema
//   (with ajv) and applies its best-practice rules (.dclintrc), zero warnings allowed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { validate } = require('dockerfile-utils');

let failed = false;
const severity = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const diagnostics = validate(readFileSync(join(root, 'Dockerfile'), 'utf8'));
for (const d of diagnostics) {
  console.error(`Dockerfile:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity[d.severity] ?? 'problem'}: ${d.message}`);
  failed = true;
}
if (!failed) console.log('Dockerfile: no problem (dockerfile-utils)');

// Its CLI (the package exports no bin path), from the root's node_modules where npm installs it.
const dclint = spawnSync(process.execPath, [join(root, 'node_modules', 'dclint', 'bin', 'dclint.cjs'), 'infra/docker-compose.yml', '--max-warnings', '0', '--no-color'], {
  cwd: root,
  stdio: 'inherit',
});
if (dclint.status !== 0) failed = true;
else console.log('infra/docker-compose.yml: valid against the Compose specification schema, no problem (dclint)');

process.exit(failed ? 1 : 0);
