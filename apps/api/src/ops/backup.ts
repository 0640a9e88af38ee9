import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import type { AppConfig } from '../config/config.schema';

/**
 * `npm run backup` / `npm run restore -- FILE`: one dated .tar.gz holding a consistent dump of the
 * database (mariadb-dump/mysqldump --single-transaction: one snapshot, no locks on InnoDB; SQLite: the
 * online backup API), the evidence files directory when present, and a manifest; beside it a .sha256.
 */

export interface BackupManifest {
  format: 'cchc-backup/1';
  createdAt: string;
  database: 'mysql' | 'sqlite';
  /** Rows per table at dump time (MySQL: counted inside the dump's own snapshot is not possible, so just before). */
  tables: Record<string, number>;
  evidence: boolean;
}

export interface BackupResult {
  file: string;
  sha256: string;
  manifest: BackupManifest;
}

function mysqlParts(url: string): { host: string; port: string; user: string; password: string; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  return { host: u.hostname, port: u.port || '3306', user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password), database };
}

/** The client tools of MariaDB or MySQL, whichever is installed. */
function tool(candidates: string[]): string {
  for (const c of candidates) {
    if (!spawnSync(c, ['--version'], { stdio: 'ignore' }).error) return c;
  }
  throw new Error(`none of ${candidates.join(', ')} is installed (apt-get install -y mariadb-client)`);
}

/**
 * Connection options of the MariaDB/MySQL client tools. The password goes in an option file readable
 * only by this user, never on the command line (ps would show it to everyone on the machine).
 */
function clientArgs(db: ReturnType<typeof mysqlParts>, dir: string): string[] {
  const file = path.join(dir, 'client.cnf');
  fs.writeFileSync(file, `[client]\nuser=${db.user}\npassword="${db.password.replace(/(["\\])/g, '\\$1')}"\nhost=${db.host}\nport=${db.port}\n`, { mode: 0o600 });
  // --defaults-extra-file must come first.
  return [`--defaults-extra-file=${file}`];
}

function run(cmd: string, args: string[], io: { stdin?: string; stdout?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [io.stdin ? 'pipe' : 'ignore', io.stdout ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const streams: Promise<void>[] = [];
    if (io.stdout) streams.push(pipeline(child.stdout!, fs.createWriteStream(io.stdout)));
    if (io.stdin) streams.push(pipeline(fs.createReadStream(io.stdin), child.stdin!));
    child.on('error', reject);
    child.on('close', (code) => {
      Promise.all(streams).then(
        () => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${stderr.trim().slice(0, 500)}`))),
        reject,
      );
    });
  });
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

async function mysqlTableCounts(url: string): Promise<Record<string, number>> {
  const c = await createConnection(url);
  try {
    const [tables] = await c.query<Array<{ t: string } & import('mysql2').RowDataPacket>>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const out: Record<string, number> = {};
    for (const { t } of tables) {
      const [[row]] = await c.query<Array<{ n: number } & import('mysql2').RowDataPacket>>(`SELECT COUNT(*) AS n FROM \`${t}\``);
      out[t] = Number(row.n);
    }
    return out;
  } finally {
    await c.end();
  }
}

function sqliteTableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The evidence files directory: PAR evidence on the local driver (an S3 bucket is backed up by its own means). */
function evidenceDir(config: AppConfig): string | null {
  return config.parEvidence.driver === 'local' ? config.parEvidence.dir : null;
}

export async function backup(config: AppConfig, outDir = config.backupDir, now = new Date()): Promise<BackupResult> {
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-backup-'));
  try {
    let tables: Record<string, number>;
    if (config.database.type === 'mysql') {
      const db = mysqlParts(config.database.url);
      tables = await mysqlTableCounts(config.database.url);
      await run(
        tool(['mariadb-dump', 'mysqldump']),
        [
          ...clientArgs(db, work),
          '--single-transaction', // one consistent snapshot without locking InnoDB tables
          '--quick',
          '--routines',
          '--triggers',
          '--hex-blob',
          '--no-tablespaces',
          '--default-character-set=utf8mb4',
          db.database,
        ],
        { stdout: path.join(work, 'database.sql') },
      );
    } else {
      const src = new Database(config.database.path, { readonly: true });
      try {
        await src.backup(path.join(work, 'database.sqlite'));
      } finally {
        src.close();
      }
      tables = sqliteTableCounts(path.join(work, 'database.sqlite'));
    }
    const dir = evidenceDir(config);
    const evidence = !!dir && fs.existsSync(dir) && fs.statSync(dir).isDirectory();
    if (evidence) fs.cpSync(dir, path.join(work, 'evidence'), { recursive: true });
    const manifest: BackupManifest = { format: 'cchc-backup/1', createdAt: now.toISOString(), database: config.database.type, tables, evidence };
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));

    const file = path.join(outDir, `cchc-backup-${stamp(now)}.tar.gz`);
    fs.rmSync(path.join(work, 'client.cnf'), { force: true });
    await run('tar', ['-czf', file, '-C', work, '.'], {});
    const sum = await sha256(file);
    // The `sha256sum -c` format, so a backup can be checked without this tool.
    fs.writeFileSync(`${file}.sha256`, `${sum}  ${path.basename(file)}\n`);
    return { file, sha256: sum, manifest };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export class RestoreRefused extends Error {}

/** Checks a backup: its .sha256 matches and its manifest is readable. Returns the manifest. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  const sumFile = `${file}.sha256`;
  if (!fs.existsSync(sumFile)) throw new RestoreRefused(`${sumFile} is missing: cannot check the archive`);
  const expected = fs.readFileSync(sumFile, 'utf8').trim().split(/\s+/)[0];
  const actual = await sha256(file);
  if (expected !== actual) throw new RestoreRefused(`checksum mismatch: ${path.basename(file)} is damaged (expected ${expected}, got ${actual})`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-verify-'));
  try {
    await run('tar', ['-xzf', file, '-C', work, './manifest.json'], {});
    return JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8')) as BackupManifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Restores an archive into the configured database, which must be empty (no tables) unless `force`:
 * restoring over live data would mix two states of the system.
 */
export async function restore(config: AppConfig, file: string, opts: { force?: boolean } = {}): Promise<BackupManifest> {
  const manifest = await verifyBackup(file);
  if (manifest.database !== config.database.type) {
    throw new RestoreRefused(`the archive holds a ${manifest.database} database, the configured one is ${config.database.type}`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-restore-'));
  try {
    await run('tar', ['-xzf', file, '-C', work], {});
    if (config.database.type === 'mysql') {
      const present = Object.keys(await mysqlTableCounts(config.database.url));
      if (present.length && !opts.force) {
        throw new RestoreRefused(`database is not empty (${present.length} tables, e.g. ${present[0]}): restore into an empty database, or pass --force`);
      }
      const db = mysqlParts(config.database.url);
      await run(tool(['mariadb', 'mysql']), [...clientArgs(db, work), '--default-character-set=utf8mb4', db.database], { stdin: path.join(work, 'database.sql') });
    } else {
      const target = config.database.path;
      if (fs.existsSync(target) && Object.keys(sqliteTableCounts(target)).length && !opts.force) {
        throw new RestoreRefused(`${target} is not empty: restore into a new file (SQLITE_PATH), or pass --force`);
      }
      for (const ext of ['', '-wal', '-shm']) fs.rmSync(`${target}${ext}`, { force: true });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(work, 'database.sqlite'), target);
    }
    const dir = evidenceDir(config);
    if (manifest.evidence && dir) {
      if (fs.existsSync(dir) && fs.readdirSync(dir).length && !opts.force) {
        throw new RestoreRefused(`${dir} is not empty: database restored, evidence files not (pass --force to overwrite)`);
      }
      fs.cpSync(path.join(work, 'evidence'), dir, { recursive: true });
    } else if (manifest.evidence) {
      throw new RestoreRefused('the archive holds evidence files but PAR_EVIDENCE_DRIVER is not local: database restored, copy evidence/ from the archive into the bucket');
    }
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
