import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { createUsers, loadProvince46, openPeriods, validValues } from './support/reports-fixtures';
import { seedReportAsOfPeriod } from './support/report-seed';
import { createTestDatabase, startTestApp, TestApp } from './support/test-app';

const CLI = path.resolve(__dirname, '../dist/cli.js');

/** `npm run backup` / `npm run restore` as an operator runs them (the built CLI), against a given database. */
function cli(args: string[], env: Record<string, string>): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'error', ...env }, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every table's row count and CHECKSUM TABLE (MariaDB computes it over the rows' contents). */
async function fingerprint(url: string): Promise<Record<string, { rows: number; checksum: string }>> {
  const c = await createConnection(url);
  try {
    const [tables] = (await c.query(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
    )) as unknown as [Array<{ t: string }>];
    const out: Record<string, { rows: number; checksum: string }> = {};
    for (const { t } of tables) {
      const [[count]] = (await c.query(`SELECT COUNT(*) AS n FROM \`${t}\``)) as unknown as [Array<{ n: number }>];
      const [[sum]] = (await c.query(`CHECKSUM TABLE \`${t}\``)) as unknown as [Array<{ Checksum: string | number }>];
      out[t] = { rows: Number(count.n), checksum: String(sum.Checksum) };
    }
    return out;
  } finally {
    await c.end();
  }
}

describe('backup and restore (npm run backup / restore on MariaDB)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-backup-test-'));
    t = await startTestApp({ RECONCILE_INTERVAL_MS: '500' });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2022', '2023']);
    await createUsers(t.app, [['admin', ['administrator'], null]]);
    const communes = await t.app.get(DataSource).getRepository(AdminUnit).find({ where: { level: 'commune' }, order: { code: 'ASC' }, take: 12 });
    const statuses = ['draft', 'submitted', 'returned', 'approved'] as const;
    for (const [i, u] of communes.entries()) await seedReportAsOfPeriod(t.app, u.code, '2023', statuses[i % 4], validValues(`backup-${i}`));
    // Summaries and scores exist: roll the districts (and through them the province) up.
    const ds = t.app.get(DataSource);
    const outbox = t.app.get(RollupOutboxService);
    for (const district of new Set(communes.map((u) => u.parentCode!))) {
      await ds.transaction((em) => outbox.markStale(em, district, '2023'));
      await outbox.kick(district, '2023');
    }
    const states = ds.getRepository(RollupState);
    for (let i = 0; i < 600 && (await states.count({ where: { dirty: true } })) > 0; i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores a backup into a fresh database with every table identical, and refuses a non-empty one or a damaged archive', async () => {
    const dbUrl = t.config.database.type === 'mysql' ? t.config.database.url : '';
    const evidence = path.join(dir, 'evidence');
    fs.mkdirSync(path.join(evidence, '19894'), { recursive: true });
    fs.writeFileSync(path.join(evidence, '19894', 'bien-ban.pdf'), 'tài liệu kiểm chứng');
    const before = await fingerprint(dbUrl);
    expect(before['reports'].rows).toBe(12);
    expect(before['summaries']?.rows ?? 0).toBeGreaterThan(0);

    const made = cli(['backup', path.join(dir, 'out')], { DATABASE_URL: dbUrl, PAR_EVIDENCE_DIR: evidence });
    expect(made).toMatchObject({ status: 0 });
    const file = /backup written: (\S+\.tar\.gz)/.exec(made.out)![1];
    expect(path.basename(file)).toMatch(/^cchc-backup-\d{8}T\d{6}Z\.tar\.gz$/);
    // The checksum file is in sha256sum's format: an operator checks it without this tool.
    expect(spawnSync('sha256sum', ['-c', `${path.basename(file)}.sha256`], { cwd: path.dirname(file) }).status).toBe(0);
    expect(cli(['verify-backup', file], {}).status).toBe(0);

    const fresh = await createTestDatabase('restore');
    try {
      const restoredEvidence = path.join(dir, 'evidence-restored');
      const restored = cli(['restore', file], { DATABASE_URL: fresh.url, PAR_EVIDENCE_DIR: restoredEvidence });
      expect(restored).toMatchObject({ status: 0 });
      expect(await fingerprint(fresh.url)).toEqual(before);
      expect(fs.readFileSync(path.join(restoredEvidence, '19894', 'bien-ban.pdf'), 'utf8')).toBe('tài liệu kiểm chứng');

      // Now the database is not empty: a second restore is refused and changes nothing.
      const again = cli(['restore', file], { DATABASE_URL: fresh.url, PAR_EVIDENCE_DIR: path.join(dir, 'evidence-3') });
      expect(again.status).toBe(1);
      expect(again.out).toContain('database is not empty');
      expect(await fingerprint(fresh.url)).toEqual(before);
    } finally {
      await fresh.drop();
    }

    const damaged = path.join(dir, 'damaged.tar.gz');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    fs.copyFileSync(`${file}.sha256`, `${damaged}.sha256`);
    const refused = cli(['restore', damaged], { DATABASE_URL: dbUrl });
    expect(refused.status).toBe(1);
    expect(refused.out).toContain('checksum mismatch');
  });
});
