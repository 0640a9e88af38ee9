import { DataSource } from 'typeorm';
import { TEMPLATE_2023, aggregateReports, countedStatuses, type ReportBasis, type ReportStatus, type ReportValues } from '@cchc/shared';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { RollupPassService } from '../src/modules/rollups/rollup-pass.service';
import { insertReport, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Side {
  period: string;
  reported: number;
  expected: number;
}
interface Comparison {
  basis: ReportBasis;
  current: Side;
  previous: Side;
  childrenExpected: number;
  common: Array<{ code: string }>;
  onlyCurrent: Array<{ code: string }>;
  onlyPrevious: Array<{ code: string; parentName: string | null }>;
  communesExpected: number;
  communesInBoth: number;
  communesCurrent: number;
  communesPrevious: number;
  ownExpected: number;
  ownInBoth: Array<{ code: string }>;
  ownOnlyCurrent: Array<{ code: string }>;
  ownOnlyPrevious: Array<{ code: string }>;
  indicators: Array<{ code: string; source: string; current: { count: number; headline: number | null } | null; previous: { count: number; headline: number | null } | null; change: number | null }>;
}

/** Comparing two periods counts only the children present in both, and says how many. */
describe('summary comparison between periods', () => {
  let t: TestApp;
  // Huyện Quảng Điền (477) communes; 476 is Huyện Phong Điền, 479 Thị xã Hương Thủy.
  const [A, B, C, D] = ['19870', '19873', '19876', '19867'];
  const OTHER_476 = '19822';
  const ONLY_2022_479 = '19960';
  const BOTH_476 = '19819';
  const [BOTH_479, SUBMITTED_2022_479] = ['19966', '19969'];
  // Every report of the fixture, so the province test can compute its expectation from them.
  const reports: Array<[string, string, ReportStatus, ReportValues]> = [
    [A, '2023', 'approved', { '1.1.1': 100 }], // only this year
    [B, '2023', 'approved', { '1.1.1': 10 }],
    [C, '2023', 'approved', { '1.1.1': 20, '1.5': 1 }],
    [B, '2022', 'approved', { '1.1.1': 4 }],
    [C, '2022', 'approved', { '1.1.1': 6, '1.5': 0 }],
    [D, '2022', 'approved', { '1.1.1': 50 }], // only last year
    [D, '2023', 'draft', { '1.1.1': 999 }], // not counted
    [OTHER_476, '2023', 'approved', { '1.1.1': 7 }],
    [ONLY_2022_479, '2022', 'approved', { '1.1.1': 1 }],
    // Province-only fixtures: 476 and 479 each count communes in both periods, 479 one more this year.
    [BOTH_476, '2023', 'approved', { '1.1.1': 3, '1.5': 1 }],
    [BOTH_476, '2022', 'approved', { '1.1.1': 2, '1.5': 1 }],
    [BOTH_479, '2023', 'approved', { '1.1.1': 40 }],
    [BOTH_479, '2022', 'approved', { '1.1.1': 30 }],
    [SUBMITTED_2022_479, '2023', 'approved', { '1.1.1': 500 }],
    [SUBMITTED_2022_479, '2022', 'submitted', { '1.1.1': 5 }],
    // Districts' own reports: 4.1.1 is a row only districts report.
    ['477', '2023', 'approved', { '4.1.1': 12 }],
    ['477', '2022', 'approved', { '4.1.1': 10 }],
    ['479', '2023', 'approved', { '4.1.1': 7 }],
    ['479', '2022', 'approved', { '4.1.1': 9 }],
    ['476', '2023', 'approved', { '4.1.1': 100 }], // only this year
  ];

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2022', '2023']);
    for (const [unit, period, status, values] of reports) await insertReport(t, unit, period, status, values);
    // The districts' stored summaries, as their rollup jobs would write them.
    const rollups = t.app.get(RollupPassService);
    for (const p of ['2022', '2023']) for (const d of ['476', '477', '479']) await rollups.rollupOnce(d, p);
  });
  afterAll(() => t.close());

  it("a district: only the communes counted in both periods, per-row counts, the others named", async () => {
    const token = await t.login('huyen.477');
    const res = await t.request<Comparison>('GET', '/api/summaries/477/2023/comparison', { token });
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.common.map((x) => x.code).sort()).toEqual([B, C].sort());
    expect(c.onlyCurrent.map((x) => x.code)).toEqual([A]);
    expect(c.onlyPrevious.map((x) => x.code)).toEqual([D]);
    expect(c.onlyPrevious[0].parentName).toBeNull();
    expect(c.communesInBoth).toBe(2);
    expect(c.communesExpected).toBe(11);
    // A district has no units between it and its communes: its own rows are not compared here.
    expect(c.ownExpected).toBe(0);
    expect(c.current).toEqual({ period: '2023', reported: 2, expected: 2 });
    expect(c.previous).toEqual({ period: '2022', reported: 2, expected: 2 });
    const i111 = c.indicators.find((i) => i.code === '1.1.1')!;
    expect(i111.current).toMatchObject({ count: 2, headline: 30 });
    expect(i111.previous).toMatchObject({ count: 2, headline: 10 });
    expect(i111.change).toBe(20);
    const i15 = c.indicators.find((i) => i.code === '1.5')!;
    expect(i15.current).toMatchObject({ count: 1, headline: 1 });
    expect(i15.previous).toMatchObject({ count: 1, headline: 0 });
    expect(c.indicators.find((i) => i.code === '3.4.3')).toMatchObject({ current: null, previous: null, change: null });
  });

  it('a province: the communes of every district counted in both periods, and the districts\' own rows counted in both', async () => {
    const token = await t.login('tinh.46');
    const res = await t.request<Comparison>('GET', '/api/summaries/46/2023/comparison?with=2022', { token });
    expect(res.status).toBe(200);
    const c = res.body;

    // The independent computation: which units the basis counts in each period, from the fixture itself.
    const levels = new Map(
      (await t.app.get(DataSource).getRepository(AdminUnit).find({ select: { code: true, level: true } })).map((u) => [u.code, u.level]),
    );
    const countedIn = (period: string, level: string) =>
      new Map(
        reports
          .filter(([u, p, status]) => p === period && levels.get(u) === level && countedStatuses(c.basis).includes(status))
          .map(([u, , , values]) => [u, values]),
      );
    const inBoth = (level: string) => {
      const [now, before] = [countedIn('2023', level), countedIn('2022', level)];
      const both = [...now.keys()].filter((u) => before.has(u)).sort();
      return { both, now: both.map((u) => now.get(u)!), before: both.map((u) => before.get(u)!), onlyNow: [...now.keys()].filter((u) => !before.has(u)).sort(), onlyBefore: [...before.keys()].filter((u) => !now.has(u)).sort() };
    };
    const communes = inBoth('commune');
    const districts = inBoth('district');
    // The point of the test: 477 and 479 each count different communes in the two periods.
    expect(communes.onlyNow.length).toBeGreaterThan(0);
    expect(communes.onlyBefore.length).toBeGreaterThan(0);

    expect(c.common.map((x) => x.code).sort()).toEqual(communes.both);
    expect(c.onlyCurrent.map((x) => x.code).sort()).toEqual(communes.onlyNow);
    expect(c.onlyPrevious.map((x) => x.code).sort()).toEqual(communes.onlyBefore);
    // A left-out commune is named with its district.
    expect(c.onlyPrevious.find((x) => x.code === D)?.parentName).toBe('Huyện Quảng Điền');
    expect(c.communesInBoth).toBe(communes.both.length);
    expect(c.communesCurrent).toBe(communes.both.length + communes.onlyNow.length);
    expect(c.communesPrevious).toBe(communes.both.length + communes.onlyBefore.length);
    expect(c.current).toEqual({ period: '2023', reported: communes.both.length, expected: communes.both.length });
    expect(c.previous).toEqual({ period: '2022', reported: communes.both.length, expected: communes.both.length });
    expect(c.childrenExpected).toBe(9);
    expect(c.communesExpected).toBe([...levels.entries()].filter(([, l]) => l === 'commune').length);
    expect(c.ownInBoth.map((x) => x.code).sort()).toEqual(districts.both);
    expect(c.ownOnlyCurrent.map((x) => x.code)).toEqual(districts.onlyNow);
    expect(c.ownOnlyPrevious.map((x) => x.code)).toEqual(districts.onlyBefore);

    const expectedNow = aggregateReports(TEMPLATE_2023, communes.now);
    const expectedBefore = aggregateReports(TEMPLATE_2023, communes.before);
    for (const code of ['1.1.1', '1.5']) {
      const row = c.indicators.find((i) => i.code === code)!;
      expect(row.source).toBe('communes');
      expect(row.current).toMatchObject({ count: expectedNow[code].count, headline: expectedNow[code].headline });
      expect(row.previous).toMatchObject({ count: expectedBefore[code].count, headline: expectedBefore[code].headline });
      expect(row.change).toBe(expectedNow[code].headline! - expectedBefore[code].headline!);
    }
    // A district-level row: the own reports of the districts counted in both, nothing from 476's only-this-year report.
    const ownNow = aggregateReports(TEMPLATE_2023, districts.now)['4.1.1'];
    const ownBefore = aggregateReports(TEMPLATE_2023, districts.before)['4.1.1'];
    const i411 = c.indicators.find((i) => i.code === '4.1.1')!;
    expect(i411.source).toBe('own');
    expect(i411.current).toMatchObject({ count: districts.both.length, headline: ownNow.headline });
    expect(i411.previous).toMatchObject({ count: districts.both.length, headline: ownBefore.headline });
    expect(i411.change).toBe(ownNow.headline! - ownBefore.headline!);
  });

  it('refuses a commune, an unknown period, the same period and a unit outside the caller\'s subtree', async () => {
    const token = await t.login('tinh.46');
    expect((await t.request('GET', `/api/summaries/${A}/2023/comparison`, { token })).status).toBe(400);
    expect((await t.request('GET', '/api/summaries/46/2023/comparison?with=2031', { token })).status).toBe(404);
    const same = await t.request<{ field: string }>('GET', '/api/summaries/46/2023/comparison?with=2023', { token });
    expect(same.status).toBe(400);
    expect(same.body.field).toBe('with');
    // Another district's reviewer reads neither 477's comparison nor the province's.
    const other = await t.login('huyen.476');
    expect((await t.request('GET', '/api/summaries/477/2023/comparison', { token: other })).status).toBe(403);
    expect((await t.request('GET', '/api/summaries/46/2023/comparison', { token: other })).status).toBe(403);
  });
});
