import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { InitialSchema1764400000000 } from '../src/database/migrations/1764400000000-initial-schema';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { PERIOD, startRollupApp, syntheticValues, waitForRollups, writeReport } from './support/rollup-fixtures';
import { createTestDatabase, createTestSqliteDatabase, DATABASES, infra, startTestApp, TestApp, type DatabaseKind } from './support/test-app';

const CLI = path.resolve(__dirname, '../dist/cli.js');
/** The oldest schema this release upgrades from: the first migration. */
const OLDEST = [InitialSchema1764400000000];
/** Tables of that schema; users is copied apart (its role column became roles). */
const OLD_TABLES = ['admin_units', 'periods', 'reports', 'report_values', 'report_comments', 'report_snapshots', 'audit_log', 'summaries', 'summary_coverage', 'rollup_state'];
const COMMUNES = ['99101', '99102', '99103', '99104', '99201', '99202', '99203', '98001', '98002', '98003'];
const STATUSES = ['approved', 'approved', 'submitted', 'returned', 'approved', 'draft', 'approved', 'approved', 'submitted', 'approved'] as const;

/** What the API answers about every report, summary and score of the test tree, as an admin reads it. */
async function everything(t: TestApp): Promise<Record<string, unknown>> {
  const admin = await t.login('admin', 'secret-pass');
  const out: Record<string, unknown> = {};
  const get = async (url: string) => {
    const r = await t.request<Record<string, unknown>>('GET', url, { token: admin });
    expect({ url, status: r.status }).toEqual({ url, status: 200 });
    return r.body;
  };
  for (const c of COMMUNES) {
    const r = await get(`/api/reports/${c}/${PERIOD}`);
    out[`report ${c}`] = { status: r['status'], version: r['version'], values: r['values'], notes: r['notes'], narrative: r['narrative'], submittedAt: r['submittedAt'], approvedAt: r['approvedAt'], returnComment: r['returnComment'] };
  }
  for (const u of ['99', '991', '992', '98']) {
    const s = await get(`/api/summaries/${u}/${PERIOD}`);
    // When it was computed is not a figure: an upgrade may recompute it.
    const { asOf: _asOf, ...coverage } = s['coverage'] as Record<string, unknown>;
    out[`summary ${u}`] = { indicators: s['indicators'], coverage };
  }
  for (const u of ['99', '991', '98']) {
    const r = await get(`/api/rankings/${u}/${PERIOD}`);
    out[`ranking ${u}`] = r['rows'] ?? r;
  }
  return out;
}

/**
 * A database at the oldest schema, on either product database: created, filled with `copy` (the
 * reference database's rows in the old tables' columns), migrated by the CLI, then served by this release.
 */
interface OldDatabase {
  /** How the release is pointed at it (environment). */
  env: Record<string, string | undefined>;
  createOldestSchema(): Promise<void>;
  /** Every column the old table has, copied from the reference database; users with their old single role. */
  copyFrom(reference: TestApp): Promise<{ reports: number; summaries: number }>;
  drop(): Promise<void>;
}

const ADMIN_AS_OLD_USER = (from: string) =>
  `INSERT INTO users (id, username, password_hash, display_name, role, unit_code, active, created_at)
   SELECT id, username, password_hash, display_name, 'admin', unit_code, active, created_at FROM ${from}.users WHERE username = 'admin'`;

async function oldMysql(): Promise<OldDatabase> {
  const old = await createTestDatabase('old');
  return {
    env: { DATABASE_URL: old.url, REDIS_URL: infra.redisUrl },
    async createOldestSchema() {
      const ds = await new DataSource({ type: 'mysql', url: old.url, timezone: 'Z', charset: 'utf8mb4_unicode_ci', migrations: OLDEST }).initialize();
      await ds.runMigrations();
      await ds.destroy();
    },
    async copyFrom(reference) {
      // Same server: the reference database is read across databases.
      const c = await createConnection(old.url);
      try {
        for (const table of OLD_TABLES) {
          const [cols] = (await c.query('SELECT column_name AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position', [table])) as unknown as [Array<{ n: string }>];
          const list = cols.map((x) => `\`${x.n}\``).join(', ');
          await c.query(`INSERT INTO \`${table}\` (${list}) SELECT ${list} FROM \`${reference.dbName}\`.\`${table}\``);
        }
        await c.query(ADMIN_AS_OLD_USER(`\`${reference.dbName}\``));
        const [[reports]] = (await c.query('SELECT COUNT(*) AS n FROM reports')) as unknown as [Array<{ n: number }>];
        const [[summaries]] = (await c.query('SELECT COUNT(*) AS n FROM summaries')) as unknown as [Array<{ n: number }>];
        return { reports: Number(reports.n), summaries: Number(summaries.n) };
      } finally {
        await c.end();
      }
    },
    drop: () => old.drop(),
  };
}

function oldSqlite(): OldDatabase {
  const old = createTestSqliteDatabase('old');
  return {
    env: { DATABASE_URL: undefined, SQLITE_PATH: old.path, REDIS_URL: undefined },
    async createOldestSchema() {
      const ds = await new DataSource({ type: 'better-sqlite3', database: old.path, migrations: OLDEST }).initialize();
      await ds.runMigrations();
      await ds.destroy();
    },
    async copyFrom(reference) {
      if (reference.config.database.type !== 'sqlite') throw new Error('the reference must be on SQLite too');
      // The reference file attached: its committed rows are read through its WAL while it stays open.
      const db = new Database(old.path);
      try {
        db.prepare('ATTACH DATABASE ? AS ref').run(reference.config.database.path);
        for (const table of OLD_TABLES) {
          const cols = db.prepare(`SELECT name AS n FROM pragma_table_info('${table}') ORDER BY cid`).all() as Array<{ n: string }>;
          const list = cols.map((x) => `"${x.n}"`).join(', ');
          db.exec(`INSERT INTO main."${table}" (${list}) SELECT ${list} FROM ref."${table}"`);
        }
        db.exec(ADMIN_AS_OLD_USER('ref'));
        const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM main.${table}`).get() as { n: number }).n;
        return { reports: count('reports'), summaries: count('summaries') };
      } finally {
        db.close();
      }
    },
    drop: () => old.drop(),
  };
}

describe.each(DATABASES)('upgrade: a database at the oldest supported migration, with data, migrates with every figure intact (%s)', (database: DatabaseKind) => {
  let reference: TestApp;
  let old: OldDatabase;
  let upgraded: TestApp | null = null;
  // Each database in its deployed shape: MariaDB with BullMQ, SQLite with jobs in-process.
  const shape = database === 'sqlite' ? { REDIS_URL: undefined } : {};

  beforeAll(async () => {
    // The figures as this release computes them: reports in every state, rolled up (summaries, scores, ranks).
    ({ t: reference } = await startRollupApp(shape, { database }));
    for (const [i, c] of COMMUNES.entries()) await writeReport(reference.app, c, syntheticValues(i + 1), STATUSES[i]);
    await waitForRollups(reference.app);
    old = database === 'sqlite' ? oldSqlite() : await oldMysql();
  });
  afterAll(async () => {
    await upgraded?.close();
    await reference?.close();
    await old?.drop();
  });

  it('db:migrate brings the old schema up to date, and every report, value, summary and score reads the same', async () => {
    const before = await everything(reference);
    expect(Object.keys(before)).toHaveLength(COMMUNES.length + 7);

    // The old schema (only the first migration) holding the same data as it held it: every column it
    // had, copied from the reference database; accounts with their old single role; no stored scores
    // (that table did not exist), no template versions (the form was code).
    await old.createOldestSchema();
    const copied = await old.copyFrom(reference);
    expect(copied.reports).toBe(COMMUNES.length);
    expect(copied.summaries).toBeGreaterThan(0);

    // `npm run db:migrate`, as an operator runs it.
    const env: Record<string, string | undefined> = { ...process.env, REDIS_URL: '', LOG_LEVEL: 'error', DEMO_MODE: 'false', ...old.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const migrate = spawnSync(process.execPath, [CLI, 'migrate'], { env, encoding: 'utf8' });
    expect({ status: migrate.status, out: `${migrate.stdout}${migrate.stderr}`.trim() }).toEqual({ status: 0, out: 'migrations are up to date' });

    // The upgraded database served by this release (its own queue; the reconciler re-runs what the upgrade marked owed).
    upgraded = await startTestApp({ ...old.env, RECONCILE_INTERVAL_MS: '200' }, { database });
    const states = upgraded.app.get(DataSource).getRepository(RollupState);
    for (let i = 0; i < 600 && (await states.count({ where: { dirty: true } })) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await states.count({ where: { dirty: true } })).toBe(0);
    await waitForRollups(upgraded.app);

    expect(await everything(upgraded)).toEqual(before);
    // The template-versions migration stored the built-in form and bound the existing period to it.
    const admin = await upgraded.login('admin', 'secret-pass');
    const versions = await upgraded.request<Array<{ version: string; status: string }>>('GET', '/api/templates', { token: admin });
    expect(versions.body.map((v) => [v.version, v.status])).toEqual([['2023.1', 'published']]);
    expect((await upgraded.request<{ templateVersion: string }>('GET', `/api/periods/${PERIOD}`, { token: admin })).body.templateVersion).toBe('2023.1');
    const report = await upgraded.request<{ templateVersion: string }>('GET', `/api/reports/${COMMUNES[0]}/${PERIOD}`, { token: admin });
    expect(report.body.templateVersion).toBe('2023.1');
  });
});
