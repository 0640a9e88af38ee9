import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { InitialSchema1764400000000 } from '../src/database/migrations/1764400000000-initial-schema';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { PERIOD, startRollupApp, syntheticValues, waitForRollups, writeReport } from './support/rollup-fixtures';
import { createTestDatabase, infra, startTestApp, TestApp } from './support/test-app';

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

describe('upgrade: a database at the oldest supported migration, with data, migrates with every figure intact (MariaDB)', () => {
  let reference: TestApp;
  let old: Awaited<ReturnType<typeof createTestDatabase>>;
  let upgraded: TestApp | null = null;

  beforeAll(async () => {
    // The figures as this release computes them: reports in every state, rolled up (summaries, scores, ranks).
    ({ t: reference } = await startRollupApp());
    for (const [i, c] of COMMUNES.entries()) await writeReport(reference.app, c, syntheticValues(i + 1), STATUSES[i]);
    await waitForRollups(reference.app);
    old = await createTestDatabase('old');
  });
  afterAll(async () => {
    await upgraded?.close();
    await reference?.close();
    await old?.drop();
  });

  it('db:migrate brings the old schema up to date, and every report, value, summary and score reads the same', async () => {
    const before = await everything(reference);
    expect(Object.keys(before)).toHaveLength(COMMUNES.length + 7);

    // The old schema: only the first migration.
    const ds = await new DataSource({ type: 'mysql', url: old.url, timezone: 'Z', charset: 'utf8mb4_unicode_ci', migrations: OLDEST }).initialize();
    await ds.runMigrations();
    await ds.destroy();

    // The same data as the old schema held it: every column it had, copied from the reference database
    // (same server); accounts with their old single role; no stored scores (that table did not exist).
    const refName = reference.dbName;
    const c = await createConnection(old.url);
    try {
      for (const table of OLD_TABLES) {
        const [cols] = (await c.query('SELECT column_name AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position', [table])) as unknown as [Array<{ n: string }>];
        const list = cols.map((x) => `\`${x.n}\``).join(', ');
        await c.query(`INSERT INTO \`${table}\` (${list}) SELECT ${list} FROM \`${refName}\`.\`${table}\``);
      }
      await c.query(
        `INSERT INTO users (id, username, password_hash, display_name, role, unit_code, active, created_at)
         SELECT id, username, password_hash, display_name, 'admin', unit_code, active, created_at FROM \`${refName}\`.users WHERE username = 'admin'`,
      );
      const [[reports]] = (await c.query('SELECT COUNT(*) AS n FROM reports')) as unknown as [Array<{ n: number }>];
      const [[summaries]] = (await c.query('SELECT COUNT(*) AS n FROM summaries')) as unknown as [Array<{ n: number }>];
      expect(Number(reports.n)).toBe(COMMUNES.length);
      expect(Number(summaries.n)).toBeGreaterThan(0);
    } finally {
      await c.end();
    }

    // `npm run db:migrate`, as an operator runs it.
    const migrate = spawnSync(process.execPath, [CLI, 'migrate'], { env: { ...process.env, DATABASE_URL: old.url, REDIS_URL: '', LOG_LEVEL: 'error' }, encoding: 'utf8' });
    expect({ status: migrate.status, out: `${migrate.stdout}${migrate.stderr}`.trim() }).toEqual({ status: 0, out: 'migrations are up to date' });

    // The upgraded database served by this release (its own queue; the reconciler re-runs what the upgrade marked owed).
    upgraded = await startTestApp({ DATABASE_URL: old.url, REDIS_URL: infra.redisUrl, RECONCILE_INTERVAL_MS: '200' });
    const states = upgraded.app.get(DataSource).getRepository(RollupState);
    for (let i = 0; i < 600 && (await states.count({ where: { dirty: true } })) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await states.count({ where: { dirty: true } })).toBe(0);
    await waitForRollups(upgraded.app);

    expect(await everything(upgraded)).toEqual(before);
  });
});
