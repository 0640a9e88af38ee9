import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { loadConfig, REPO_ROOT } from '../src/config/config.schema';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { LineageUnmatched } from '../src/modules/lineage/entities/lineage-unmatched.entity';
import { UnitLineage } from '../src/modules/lineage/entities/unit-lineage.entity';
import { LineageFile, LineageLoaderService } from '../src/modules/lineage/lineage-loader.service';
import type { UnitHistoryResponseDto } from '../src/modules/figures/current-tree/dto/unit-history-response.dto';
import { LineageService } from '../src/modules/lineage/lineage.service';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { UnitsLoaderService } from '../src/modules/units/units-loader.service';
import { UnitsService } from '../src/modules/units/units.service';
import { aggregateReports, ReportValues } from '@cchc/shared';
import { PeriodsService } from '../src/modules/periods/periods.service';
import type { ReportStatus } from '../src/modules/reports/entities/report.entity';
import { createUsers, TEMPLATE, validValues } from './support/reports-fixtures';
import { seedReportAsOfPeriod } from './support/report-seed';
import { createTestDatabase, startTestApp, TestApp } from './support/test-app';

const REF = (f: string) => path.join(REPO_ROOT, 'data/reference', f);
const UNITS_2024 = REF('vn-admin-units-2024.json');
const UNITS_2025 = REF('vn-admin-units-2025.json');
const LINEAGE = REF('vn-admin-lineage-2025.json');
const lineageFile = JSON.parse(fs.readFileSync(LINEAGE, 'utf8')) as LineageFile;
const tree2025 = JSON.parse(fs.readFileSync(UNITS_2025, 'utf8')) as { provinces: Array<{ code: string; communes: unknown[] }> };

describe('both unit trees and the 2025 lineage on MariaDB', () => {
  let t: TestApp;
  let ds: DataSource;
  let units: UnitsService;
  beforeAll(async () => {
    // Start-up (main.ts) loads what the configuration names into the empty database: both trees, then the lineage.
    t = await startTestApp({ UNITS_FILES: `${UNITS_2024}, ${UNITS_2025}`, LINEAGE_FILE: LINEAGE });
    await t.app.get(BootstrapService).prepare();
    ds = t.app.get(DataSource);
    units = t.app.get(UnitsService);
    await createUsers(t.app, [['lineage-admin', ['administrator'], null]]);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const countLevels = async (tree: string) => {
    const rows: Array<{ level: string; n: string }> = await ds.query('SELECT level, COUNT(*) AS n FROM admin_units WHERE tree = ? GROUP BY level', [tree]);
    return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
  };

  it('holds the 2024 tree (63/700/10,595) and the 2025 tree (34/3,321), each dated by its validity', async () => {
    expect(await countLevels('2024')).toEqual({ province: 63, district: 700, commune: 10595 });
    expect(await countLevels('2025')).toEqual({ province: 34, commune: 3321 });
    const validity: Array<{ tree: string; vf: string; vt: string | null; n: string }> = await ds.query(
      'SELECT tree, valid_from AS vf, valid_to AS vt, COUNT(*) AS n FROM admin_units GROUP BY tree, valid_from, valid_to ORDER BY tree',
    );
    expect(validity.map((v) => ({ ...v, n: Number(v.n) }))).toEqual([
      { tree: '2024', vf: '2008-01-01', vt: '2025-06-30', n: 63 + 700 + 10595 },
      { tree: '2025', vf: '2025-07-01', vt: null, n: 34 + 3321 },
    ]);
  });

  it('stores one edge per old → new pair, the unmatched units with their reasons, and a second load of everything changes nothing', async () => {
    const expectedEdges = lineageFile.communes.reduce((n, c) => n + c.new.length, 0);
    expect(await ds.getRepository(UnitLineage).count()).toBe(expectedEdges);
    expect(await ds.getRepository(LineageUnmatched).count({ where: { side: 'old' } })).toBe(lineageFile.unmatched.old.length);
    expect(await ds.getRepository(LineageUnmatched).count({ where: { side: 'new' } })).toBe(lineageFile.unmatched.new.length);

    const loader = t.app.get(UnitsLoaderService);
    for (const r of await loader.loadFiles([UNITS_2024, UNITS_2025])) expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: r.total });
    const again = await t.app.get(LineageLoaderService).loadFile(LINEAGE);
    expect(again.edges).toEqual({ total: expectedEdges, inserted: 0, updated: 0, deleted: 0, unchanged: expectedEdges });
    expect(again.unmatched).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(again.skipped).toBe(0);
    expect(again.source).toContain('Administrative data provided by VietMap');
    expect(await countLevels('2024')).toEqual({ province: 63, district: 700, commune: 10595 });
    expect(await ds.getRepository(UnitLineage).count()).toBe(expectedEdges);
  });

  it("familiesOf leaves resolve's answer for each unit it read, the one resolve picks on that date in either tree", async () => {
    for (const date of ['2024-06-01', '2026-01-15']) {
      units.forget();
      const fresh = await units.resolve('01', date);
      units.forget();
      const families = await units.familiesOf(['01', '79'], date);
      // The very objects of the families: no second read (a read builds new ones).
      expect(await units.resolve('01', date)).toBe(families.get('01')!.unit);
      expect(await units.resolve('79', date)).toBe(families.get('79')!.unit);
      expect(families.get('01')!.unit).toEqual(fresh);
    }
    units.forget();
    expect((await units.familiesOf(['01'], '2026-01-15')).get('01')!.unit.tree).toBe('2025');
    expect((await units.resolve('01', '2024-06-01'))!.tree).toBe('2024');
  });

  it('resolves a reused code by date: 19867 is Thị trấn Sịa in 2023 and Xã Quảng Điền in 2026', async () => {
    expect(await units.resolve('19867', '2023-12-14')).toMatchObject({ name: 'Thị trấn Sịa', tree: '2024', parentCode: '477', path: '/46/477/19867/' });
    expect(await units.resolve('19867', '2026-06-30')).toMatchObject({ name: 'Xã Quảng Điền', tree: '2025', parentCode: '46', path: '/46/19867/' });
    // The last day of the old tree and the first of the new one.
    expect((await units.resolve('19867', '2025-06-30'))?.tree).toBe('2024');
    expect((await units.resolve('19867', '2025-07-01'))?.tree).toBe('2025');
    // No date: today's unit.
    expect(await units.findByCode('46')).toMatchObject({ name: 'Thành phố Huế', tree: '2025' });
    expect(await units.resolve('46', '2023-12-31')).toMatchObject({ name: 'Tỉnh Thừa Thiên Huế', tree: '2024' });
    // A district exists only in the old tree; today it is the last one known.
    expect(await units.findByCode('477')).toMatchObject({ name: 'Huyện Quảng Điền', tree: '2024', validTo: '2025-06-30' });
    expect(await units.resolve('19867', '2001-01-01')).toBeNull();
  });

  it('reads the units asked for together in one query per date, each the one resolve picks alone', async () => {
    const asks: Array<[string, string]> = [
      ['19867', '2023-12-14'],
      ['46', '2023-12-14'],
      ['477', '2023-12-14'],
      ['no-such-unit', '2023-12-14'],
      ['19867', '2026-06-30'],
      ['46', '2026-06-30'],
      ['477', '2026-06-30'],
    ];
    const alone: Array<AdminUnit | null> = [];
    for (const [code, date] of asks) {
      units.forget();
      alone.push(await units.resolve(code, date));
    }
    units.forget();
    const find = jest.spyOn(ds.getRepository(AdminUnit), 'find');
    try {
      // A batch's kicks and the reconciler ask like this: all in one synchronous burst.
      const together = await Promise.all(asks.map(([code, date]) => units.resolve(code, date)));
      expect(find).toHaveBeenCalledTimes(2);
      expect(together).toEqual(alone);
      expect(together.map((u) => u?.tree ?? null)).toEqual(['2024', '2024', '2024', null, '2025', '2025', '2024']);
      // Kept like a lone answer: asked again, no read.
      await units.resolve('19867', '2026-06-30');
      expect(find).toHaveBeenCalledTimes(2);
    } finally {
      find.mockRestore();
    }
  });

  it('never mixes the trees in a subtree: 46 in 2023 is the old province only, 46 today the new city only', async () => {
    const old46 = await units.getOrThrow('46', '2023-06-30');
    const oldSubtree = await units.subtree(old46);
    expect(oldSubtree).toHaveLength(1 + 9 + 141);
    expect(new Set(oldSubtree.map((u) => u.tree))).toEqual(new Set(['2024']));
    expect(await units.communesUnder(old46)).toHaveLength(141);
    expect((await units.children(old46)).map((u) => u.level)).toEqual(Array(9).fill('district'));

    const new46 = await units.getOrThrow('46');
    const hueCommunes = tree2025.provinces.find((p) => p.code === '46')!.communes.length;
    expect(await units.communesUnder(new46)).toHaveLength(hueCommunes);
    expect((await units.subtree(new46)).every((u) => u.tree === '2025')).toBe(true);
    // The child list of a code follows the date the code is resolved at.
    expect(await units.children('46', '2023-06-30')).toHaveLength(9);
    expect(await units.children('46')).toHaveLength(hueCommunes);
    expect((await units.ancestors((await units.resolve('19894', '2023-12-14'))!)).map((u) => u.name)).toEqual(['Tỉnh Thừa Thiên Huế', 'Huyện Quảng Điền']);
  });

  it('lists the predecessors of new 19867 as the file says: 19867, 19882, 19888, 19894 of the 2024 tree', async () => {
    const fromFile = lineageFile.communes.filter((c) => c.new.includes('19867')).map((c) => c.old).sort();
    expect(fromFile).toEqual(['19867', '19882', '19888', '19894']);
    const preds = await t.app.get(LineageService).predecessorsOf('19867', '2026-06-30');
    expect(preds.map((p) => p.code)).toEqual(fromFile);
    expect(preds.map((p) => p.name)).toEqual(['Thị trấn Sịa', 'Xã Quảng Phước', 'Xã Quảng An', 'Xã Quảng Thọ']);
    expect(preds.every((p) => p.tree === '2024' && !p.split && p.share === 1)).toBe(true);
  });

  it('keeps an unmatched old commune with its reason, and marks a split without a share', async () => {
    const miss = lineageFile.unmatched.old[0];
    const stored = await ds.getRepository(LineageUnmatched).findOneByOrFail({ side: 'old', code: miss.old, validFrom: '2008-01-01' });
    expect(stored).toMatchObject({ name: miss.oldName, reason: miss.reason });
    expect(await ds.getRepository(UnitLineage).count({ where: { oldCode: miss.old } })).toBe(0);

    const split = lineageFile.communes.find((c) => c.split)!;
    const edges = await ds.getRepository(UnitLineage).find({ where: { oldCode: split.old }, order: { newCode: 'ASC' } });
    expect(edges.map((e) => e.newCode)).toEqual([...split.new].sort());
    expect(edges.every((e) => e.split && e.share === null)).toBe(true);
    expect(lineageFile.communes.filter((c) => c.split)).toHaveLength(286);
    expect(await ds.getRepository(UnitLineage).count({ where: { split: true } })).toBe(
      lineageFile.communes.filter((c) => c.split).reduce((n, c) => n + c.new.length, 0),
    );
  });

  it('answers over HTTP by date, and lineage answers carry the VietMap attribution', async () => {
    const token = await t.login('lineage-admin', 'secret-pass');
    const old = await t.request<{ name: string; tree: string; children: unknown[] }>('GET', '/api/units/19867?at=2023-12-14', { token });
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ name: 'Thị trấn Sịa', tree: '2024' });
    const now = await t.request<{ name: string }>('GET', '/api/units/19867', { token });
    expect(now.body.name).toBe('Xã Quảng Điền');
    const bad = await t.request<{ field: string; message: string }>('GET', '/api/units/19867?at=2023-02-30', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('at');

    const lin = await t.request<{ predecessors: Array<{ code: string }>; attribution: { text: string } }>('GET', '/api/units/19867/lineage', { token });
    expect(lin.status).toBe(200);
    expect(lin.body.predecessors.map((p) => p.code)).toEqual(['19867', '19882', '19888', '19894']);
    expect(lin.body.attribution.text).toBe('Administrative data provided by VietMap');
    const back = await t.request<{ successors: Array<{ code: string; name: string }> }>('GET', '/api/units/19894/lineage?at=2023-12-14', { token });
    expect(back.body.successors).toEqual([expect.objectContaining({ code: '19867', name: 'Xã Quảng Điền' })]);
  });
});


describe('history on the current tree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ UNITS_FILES: `${UNITS_2024},${UNITS_2025}`, LINEAGE_FILE: LINEAGE });
    await t.app.get(BootstrapService).prepare();
    await createUsers(t.app, [['history-admin', ['administrator'], null]]);
    for (const id of ['2023', '2024', '2025']) await t.app.get(PeriodsService).upsert(id);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  /** A report as the workflow leaves it, through the store's seed path (this suite only reads them). */
  const putReport = (unitCode: string, periodId: string, status: ReportStatus, values: ReportValues) => seedReportAsOfPeriod(t.app, unitCode, periodId, status, values);

  it("gives new 19867 the aggregate of the approved 2023 reports of old 19867, 19882, 19888, 19894 — nothing else", async () => {
    const counted: ReportValues[] = [];
    for (const code of ['19867', '19882', '19888', '19894']) {
      const v = validValues(`hist-${code}`);
      counted.push(v);
      await putReport(code, '2023', 'approved', v);
    }
    // Not counted: another period, a report not yet approved, a commune that went elsewhere.
    await putReport('19882', '2024', 'approved', validValues('hist-2024'));
    const elsewhere = lineageFile.communes.find((c) => c.oldDistrict === '477' && !c.new.includes('19867') && !c.split)!;
    await putReport(elsewhere.old, '2023', 'approved', validValues('hist-elsewhere'));
    const pending = lineageFile.communes.find((c) => c.oldDistrict === '477' && !c.new.includes('19867') && c.old !== elsewhere.old)!;
    await putReport(pending.old, '2023', 'submitted', validValues('hist-pending'));

    const token = await t.login('history-admin', 'secret-pass');
    const h = (await t.request<UnitHistoryResponseDto>('GET', '/api/units/19867/history?period=2023', { token })).body;
    expect(h.unit).toMatchObject({ code: '19867', name: 'Xã Quảng Điền', tree: '2025' });
    expect(h.coverage).toEqual({ expected: 4, reported: 4, placed: 4 });
    expect(h.notPlaced).toEqual([]);
    const expected = aggregateReports(TEMPLATE, counted);
    expect(Object.keys(h.indicators).sort()).toEqual(Object.keys(expected).sort());
    for (const [code, s] of Object.entries(expected)) {
      expect(h.indicators[code].count).toBe(s.count);
      expect(h.indicators[code].sum).toBeCloseTo(s.sum, 9);
      if (s.headline === null) expect(h.indicators[code].headline).toBeNull();
      else expect(h.indicators[code].headline).toBeCloseTo(s.headline, 9);
      expect(h.indicators[code].optionCounts).toEqual(s.optionCounts);
    }
    // A plain count, summed by hand.
    const byHand = counted.reduce((n, v) => n + (v['1.1.1'] ?? 0), 0);
    expect(h.indicators['1.1.1'].headline).toBe(byHand);
    expect(h.attribution.text).toBe('Administrative data provided by VietMap');

    const res = await t.request<{ coverage: unknown; attribution: { text: string } }>('GET', '/api/units/19867/history?period=2023', { token });
    expect(res.status).toBe(200);
    expect(res.body.coverage).toEqual({ expected: 4, reported: 4, placed: 4 });
    expect(res.body.attribution.text).toBe('Administrative data provided by VietMap');
    const after = await t.request<{ field: string }>('GET', '/api/units/19867/history?period=2025', { token });
    expect(after.status).toBe(400);
    expect(after.body.field).toBe('periodId');
    const missing = await t.request<{ field: string }>('GET', '/api/units/19867/history', { token });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('period');
  });
});

describe('an existing single-tree database', () => {
  /** Both storages: the migration uses the Table API, which rebuilds the table on SQLite. */
  const storages: Array<[string, () => Promise<{ env: Record<string, string>; drop(): Promise<void> }>]> = [
    ['MariaDB', async () => {
      const db = await createTestDatabase('unitmig');
      return { env: { DATABASE_URL: db.url }, drop: () => db.drop() };
    }],
    ['SQLite', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-unitmig-'));
      return { env: { SQLITE_PATH: path.join(dir, 'db.sqlite') }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    }],
  ];
  it.each(storages)('on %s is dated from its shape by the migration: with districts → the 2024 tree, without → the 2025 tree', async (_name, open) => {
    for (const [file, tree, validFrom, validTo] of [
      [UNITS_2024, '2024', '2008-01-01', '2025-06-30'],
      [UNITS_2025, '2025', '2025-07-01', null],
    ] as const) {
      const db = await open();
      const base = dataSourceOptions(loadConfig(db.env));
      const before = new DataSource({ ...base, entities: [], migrations: MIGRATIONS.slice(0, 1) });
      await before.initialize();
      try {
        await before.runMigrations();
        // Rows as the first schema stored them: a code alone, no tree, no dates.
        const rows = UnitsLoaderService.flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof UnitsLoaderService.flatten>[0]).filter((r) => r.path.startsWith('/46/'));
        for (const r of rows) {
          await before.query('INSERT INTO admin_units (code, name, level, parent_code, path, depth) VALUES (?, ?, ?, ?, ?, ?)', [r.code, r.name, r.level, r.parentCode, r.path, r.depth]);
        }
        await before.destroy();
        const after = new DataSource(base);
        await after.initialize();
        try {
          await after.runMigrations();
          const stored = await after.getRepository(AdminUnit).find();
          expect(stored).toHaveLength(rows.length);
          expect(stored.every((u) => u.tree === tree && u.validFrom === validFrom && u.validTo === validTo)).toBe(true);
          // Loading the same tree afterwards finds everything already there.
          expect(await new UnitsLoaderService(after, new UnitsService(after.getRepository(AdminUnit))).load(rows)).toMatchObject({ inserted: 0, updated: 0 });
          expect(await new UnitsService(after.getRepository(AdminUnit)).findByCode('19867')).toMatchObject({ tree });
          // The other tree and the lineage go in beside it (Huế only, so most lineage entries are skipped).
          const other = file === UNITS_2024 ? UNITS_2025 : UNITS_2024;
          await new UnitsLoaderService(after, new UnitsService(after.getRepository(AdminUnit))).load(UnitsLoaderService.flatten(JSON.parse(fs.readFileSync(other, 'utf8')) as Parameters<typeof UnitsLoaderService.flatten>[0]).filter((r) => r.path.startsWith('/46/')));
          const lin = await new LineageLoaderService(after).load(lineageFile);
          expect(lin.skipped).toBeGreaterThan(9000);
          expect((await new LineageLoaderService(after).load(lineageFile)).edges).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
          const unitsSvc = new UnitsService(after.getRepository(AdminUnit));
          const lineage = new LineageService(unitsSvc, after.getRepository(AdminUnit), after.getRepository(UnitLineage), after.getRepository(LineageUnmatched));
          const preds = await lineage.predecessorsOf('19867');
          expect(preds.map((p) => p.code)).toEqual(['19867', '19882', '19888', '19894']);
          // Booleans and doubles come back as such on both drivers.
          expect(preds.every((p) => p.split === false && p.share === 1)).toBe(true);
          expect((await unitsSvc.resolve('19867', '2023-12-14'))?.name).toBe('Thị trấn Sịa');
        } finally {
          await after.destroy();
        }
      } finally {
        if (before.isInitialized) await before.destroy();
        await db.drop();
      }
    }
  });
});
