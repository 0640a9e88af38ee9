import { parse } from 'csv-parse/sync';
import { SCORING_2023, TEMPLATE_2023, meanScore, scoreReport, type ReportValues } from '@cchc/shared';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { UnitsService } from '../src/modules/units/units.service';
import { insertReport, rollUpAll, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { getFirstSheet } from './support/xlsx';

interface Row {
  rank: number | null;
  ranked: boolean;
  belowCoverage: boolean;
  unit: { code: string; name: string };
  district: { code: string; name: string } | null;
  status: string;
  scored: number;
  expected: number;
  coverage: number;
  total: { points: number; max: number; percent: number } | null;
}

/** The coverage threshold at its strictest (RANKING_MIN_COVERAGE=1, not the default): only fully scored districts are ranked. */
describe('rankings: coverage threshold, ties, communes across a province, files', () => {
  let t: TestApp;
  const good: ReportValues = { '1.1.1': 10, '1.1.2': 10, '1.5': 1 };
  const half: ReportValues = { '1.1.1': 10, '1.1.2': 5, '1.5': 0 };
  let units: Record<string, AdminUnit[]>;

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined, RANKING_MIN_COVERAGE: '1' });
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2023']);
    const svc = t.app.get(UnitsService);
    units = {};
    for (const code of ['477', '479', '480']) units[code] = await svc.communesUnder(await svc.getOrThrow(code));
    // 479 and 480: every commune approved with the same values (a tie). 477: 5 of 11 (4 good, 1 half).
    for (const c of [...units['479'], ...units['480'], ...units['477'].slice(0, 4)]) await insertReport(t, c.code, '2023', 'approved', good);
    await insertReport(t, units['477'][4].code, '2023', 'approved', half);
    // Rankings read the scores the rollup passes store.
    await rollUpAll(t, ['2023']);
  });
  afterAll(() => t.close());

  const mean = (vals: ReportValues[]) => meanScore(SCORING_2023, vals.map((v) => scoreReport(SCORING_2023, TEMPLATE_2023, v, 'commune')))!;

  it('ranks only districts that scored all their communes; the rest follow, marked, with their coverage', async () => {
    const token = await t.login('tinh.46');
    const res = await t.request<{ minCoverage: number; rows: Row[] }>('GET', '/api/rankings/46/2023', { token });
    expect(res.status).toBe(200);
    expect(res.body.minCoverage).toBe(1);
    const rows = res.body.rows;
    const byCode = (c: string) => rows.find((r) => r.unit.code === c)!;
    const m479 = mean(units['479'].map(() => good));
    const m480 = mean(units['480'].map(() => good));
    const m477 = mean([good, good, good, good, half]);
    expect(byCode('479').total!.points).toBeCloseTo(m479.total, 4);
    expect(byCode('480').total!.points).toBeCloseTo(m480.total, 4);
    expect(byCode('477').total!.points).toBeCloseTo(m477.total, 4);

    const ranked = rows.filter((r) => r.ranked);
    expect(ranked.map((r) => r.unit.code).sort()).toEqual(['479', '480']);
    expect(rows.slice(0, 2).every((r) => r.ranked)).toBe(true);
    // 477 has a score but covers 5 of 11: listed right after the ranked, without a rank.
    expect(rows[2]).toMatchObject({ unit: { code: '477' }, rank: null, ranked: false, belowCoverage: true, scored: 5, expected: 11 });
    expect(rows[2].coverage).toBeCloseTo(5 / 11, 10);
    expect(rows.slice(3).every((r) => r.rank === null && !r.belowCoverage && r.total === null)).toBe(true);
    // Equal figures, equal rank.
    expect(ranked[0].total).toEqual(ranked[1].total);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('equal figures share a rank (1, 1, …, 24) among communes, and each commune across the province names its district', async () => {
    const token = await t.login('tinh.46');
    const res = await t.request<{ scope: string; rows: Row[] }>('GET', '/api/rankings/46/2023?scope=communes', { token });
    expect(res.status).toBe(200);
    const rows = res.body.rows.filter((r) => r.rank !== null);
    const goods = [...units['477'].slice(0, 4), ...units['479'], ...units['480']];
    expect(rows).toHaveLength(goods.length + 1);
    expect(rows.slice(0, goods.length).every((r) => r.rank === 1)).toBe(true);
    expect(new Set(rows.slice(0, goods.length).map((r) => r.total!.percent)).size).toBe(1);
    expect(rows[goods.length]).toMatchObject({ unit: { code: units['477'][4].code }, rank: goods.length + 1 });
    for (const r of res.body.rows) {
      const district = ['477', '479', '480'].find((d) => units[d].some((c) => c.code === r.unit.code));
      if (district) expect(r.district?.code).toBe(district);
      expect(r.district).not.toBeNull();
    }
  });

  it('exports the ranking as CSV (2 decimals) and XLSX (full value, 2-decimal format), same rows and marks', async () => {
    const token = await t.login('tinh.46');
    const json = await t.request<{ rows: Row[] }>('GET', '/api/rankings/46/2023', { token });
    const csv = await t.request('GET', '/api/exports/rankings/46/2023.csv', { token });
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows: string[][] = parse(csv.raw, { bom: true });
    const head = rows[0];
    expect(rows.length).toBe(1 + json.body.rows.length);
    const col = (name: string) => head.indexOf(name);
    expect(rows.slice(1).map((r) => r[col('Mã đơn vị')])).toEqual(json.body.rows.map((r) => r.unit.code));
    const r477 = rows.find((r) => r[col('Mã đơn vị')] === '477')!;
    expect(r477[col('Hạng')]).toBe('');
    expect(r477[col('Xếp hạng')]).toContain('chưa đủ độ phủ');
    expect(r477[col('Độ phủ (%)')]).toBe('45.45');
    for (const r of rows.slice(1)) {
      for (const cell of r) if (/^-?\d+\.\d+$/.test(cell)) expect(cell.split('.')[1].length).toBeLessThanOrEqual(2);
    }

    const ws = await getFirstSheet(t, '/api/exports/rankings/46/2023.xlsx', token);
    const xHead = (ws.getRow(2).values as unknown[]).slice(1);
    const cov = xHead.indexOf('Độ phủ (%)') + 1;
    const code = xHead.indexOf('Mã đơn vị') + 1;
    let found = false;
    ws.eachRow((row, n) => {
      if (n > 2 && row.getCell(code).value === '477') {
        found = true;
        expect(row.getCell(cov).value).toBeCloseTo((5 / 11) * 100, 10);
        expect(row.getCell(cov).numFmt).toBe('#,##0.00');
      }
    });
    expect(found).toBe(true);

    const communes = await t.request('GET', '/api/exports/rankings/46/2023.csv?scope=communes', { token });
    const cRows: string[][] = parse(communes.raw, { bom: true });
    expect(cRows[0]).toContain('Huyện');
    expect((await t.request('GET', '/api/exports/rankings/46/2023.pdf', { token })).status).toBe(400);
    expect((await t.request('GET', '/api/exports/rankings/46/2023.csv', { token: await t.login('xa.19870') })).status).toBe(403);
  });
});
