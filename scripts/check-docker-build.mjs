#!/usr/bin/env node
// Docker does not run on the development machines, so this runs the Dockerfile's build steps without it:
// every stage in its own clean directory (standing for the stage's filesystem), the build context made
// with .dockerignore's exclusions, COPY/WORKDIR/ENV/RUN as written (apt-get lines skipped: the base image's
// packages), on Node.js 24 from the registry (the image's base). Then it starts the API from the runtime
// stage's files — production modules only — runs the HEALTHCHECK command against it, and stops it with
// SIGTERM. Usage: node scripts/check-docker-build.mjs (prints each step; exits non-zero on the first failure).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const node24 = execFileSync('bash', [join(root, 'scripts/install-node24.sh')], { encoding: 'utf8' }).trim();
const work = mkdtempSync(join(tmpdir(), 'cchc-docker-check-'));
const keep = process.argv.includes('--keep');
const log = (m) => console.log(`[docker-check] ${m}`);
// The image's `node` user does not exist here: chown is a no-op that says what it would do.
const shims = join(work, 'shims');
mkdirSync(shims);
writeFileSync(join(shims, 'chown'), '#!/bin/sh\necho "[docker-check] (chown $* not emulated)"\n', { mode: 0o755 });
const env = { ...process.env, PATH: `${shims}:${node24}/bin:${process.env.PATH}`, npm_config_nodedir: node24 };

function cleanup() {
  if (!keep) rmSync(work, { recursive: true, force: true });
}

try {
  // The build context: the tree minus what .dockerignore excludes ("!" lines put back afterwards).
  const context = join(work, 'context');
  mkdirSync(context);
  const ignore = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const excludes = ignore.filter((l) => !l.startsWith('!')).map((l) => `--exclude=${l.replace(/^\*\*\//, '').includes('/') ? `./${l}` : l.replace(/^\*\*\//, '')}`);
  execFileSync('sh', ['-c', `tar -C "$1" -cf - ${excludes.map((e) => `'${e}'`).join(' ')} . | tar -C "$2" -xf -`, 'sh', root, context]);
  for (const back of ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1))) {
    if (existsSync(join(root, back))) cpSync(join(root, back), join(context, back));
  }

  // The Dockerfile's instructions, continuation lines joined.
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args = {};
  const stages = {};
  let stage = null;
  const sub = (s) => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => stage?.env[a ?? b] ?? args[a ?? b] ?? '');
  const inStage = (p) => join(stage.dir, p.startsWith('/') ? p : join(stage.workdir, p));
  let healthcheck = null;
  let cmd = null;
  for (const line of lines) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line);
    switch (op.toUpperCase()) {
      case 'ARG': {
        const [k, v] = rest.split('=');
        args[k] = v ?? '';
        break;
      }
      case 'FROM': {
        const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(sub(rest));
        stage = { name: m[2] ?? `stage${Object.keys(stages).length}`, dir: join(work, 'stages', m[2] ?? String(Object.keys(stages).length)), workdir: '/', env: {} };
        stages[stage.name] = stage;
        mkdirSync(stage.dir, { recursive: true });
        log(`FROM ${m[1]} AS ${stage.name} (base image stands for: Node ${execFileSync(join(node24, 'bin/node'), ['-v'], { encoding: 'utf8' }).trim()})`);
        break;
      }
      case 'WORKDIR':
        stage.workdir = resolve(stage.workdir, sub(rest));
        mkdirSync(join(stage.dir, stage.workdir), { recursive: true });
        break;
      case 'ENV':
        for (const m of sub(rest).matchAll(/(\w+)=(\S+)/g)) stage.env[m[1]] = m[2];
        break;
      case 'COPY': {
        const parts = sub(rest).split(/\s+/);
        const from = parts.find((p) => p.startsWith('--from='))?.slice(7);
        const paths = parts.filter((p) => !p.startsWith('--'));
        const dest = paths.pop();
        const srcRoot = from ? stages[from].dir : context;
        const target = inStage(dest);
        for (const src of paths) {
          const s = join(srcRoot, src);
          if (!existsSync(s)) throw new Error(`COPY ${src}: not found in ${from ? `stage ${from}` : 'the build context'}`);
          if (statSync(s).isDirectory()) {
            mkdirSync(target, { recursive: true });
            cpSync(s, target, { recursive: true, verbatimSymlinks: true });
          } else {
            const file = dest.endsWith('/') || paths.length > 1 ? join(target, src.split('/').pop()) : target;
            mkdirSync(dirname(file), { recursive: true });
            cpSync(s, file);
          }
        }
        log(`COPY ${rest}`);
        break;
      }
      case 'RUN': {
        if (/^apt-get\b/.test(rest)) {
          log(`RUN (skipped, a system package of the image): ${rest.slice(0, 80)}`);
          break;
        }
        // Absolute /app paths in a command mean the stage's own directory.
        const command = rest.replace(/(^|\s)\/app\b/g, `$1${stage.dir}/app`);
        log(`RUN ${rest}`);
        const r = spawnSync('sh', ['-c', command], { cwd: join(stage.dir, stage.workdir), env: { ...env, ...stage.env, NODE_ENV: stage.env.NODE_ENV ?? '' }, stdio: 'inherit' });
        if (r.status !== 0) throw new Error(`RUN failed (${r.status}): ${rest}`);
        break;
      }
      case 'HEALTHCHECK':
        healthcheck = JSON.parse(/CMD\s+(\[.*\])$/.exec(rest)[1]);
        break;
      case 'CMD':
        cmd = JSON.parse(rest);
        break;
      default:
        break; // USER, EXPOSE, STOPSIGNAL: not emulated
    }
  }
  if (!cmd || !healthcheck) throw new Error('the Dockerfile needs a CMD and a HEALTHCHECK');

  // The runtime stage as the container runs it: its files only, production modules, SQLite in a scratch file.
  const app = join(stage.dir, stage.workdir);
  const devOnly = ['typescript', 'jest', 'turbo', 'vite'].filter((m) => existsSync(join(app, 'node_modules', m)));
  if (devOnly.length) throw new Error(`development modules in the runtime stage: ${devOnly.join(', ')}`);
  const port = await new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => r(p));
    });
  });
  const runEnv = { ...env, ...stage.env, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: 'docker-check-secret-docker-check-secret', SQLITE_PATH: join(work, 'check.sqlite'), DEMO_MODE: 'false', LOG_LEVEL: 'warn' };
  delete runEnv.DATABASE_URL;
  delete runEnv.REDIS_URL;
  log(`CMD ${cmd.join(' ')} (port ${port})`);
  const api = spawn(cmd[0], cmd.slice(1), { cwd: app, env: runEnv, stdio: 'inherit' });
  let healthy = false;
  for (let i = 0; i < 120 && !healthy && api.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    healthy = spawnSync(healthcheck[0], healthcheck.slice(1), { cwd: app, env: runEnv }).status === 0;
  }
  if (!healthy) {
    api.kill('SIGKILL');
    throw new Error('the HEALTHCHECK command never passed');
  }
  const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
  const web = await fetch(`http://127.0.0.1:${port}/`);
  log(`HEALTHCHECK passed; /api/health/ready ${ready.status}; / ${web.status} ${web.headers.get('content-type')}`);
  const exited = new Promise((r) => api.on('exit', (code) => r(code)));
  api.kill('SIGTERM');
  const code = await exited;
  if (ready.status !== 200 || web.status !== 200 || code !== 0) throw new Error(`ready ${ready.status}, web ${web.status}, exit after SIGTERM ${code}`);
  log('ok: the image builds, carries the web app, starts with production modules only, passes its HEALTHCHECK and stops cleanly on SIGTERM');
  cleanup();
} catch (e) {
  console.error(`[docker-check] FAILED: ${e.message}${keep ? '' : ` (rerun with --keep to inspect ${work})`}`);
  cleanup();
  process.exit(1);
}
