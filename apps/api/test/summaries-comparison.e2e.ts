import { RollupsService } from '../src/modules/rollups/rollups.service';
import { insertReport, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Side {
  period: string;
  reported: number;
  expected: number;
}
interface Comparison {
  current: Side;
  previous: Side;
  childrenExpected: number;
  common: Array<{ code: string }>;
  onlyCurrent: Array<{ code: string }>;
  onlyPrevious: Array<{ code: string }>;
  indicators: Array<{ code: string; current: { count: number; headline: number | null } | null; previous: { count: number; headline: number | null } | null; change: number | null }>;
}

/** Comparing two periods counts only the children present in both, and says how many. */
describe('summary comparison between periods', () => {
  let t: TestApp;
  // Huyện Quảng Điền (477) communes; 476 is Huyện Phong Điền, 479 Thị xã Hương Thủy.
  const [A, B, C, D] = ['19870', '19873', '19876', '19867'];
  const OTHER_476 = '19822';
  const ONLY_2022_479 = '19960';

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2022', '2023']);
    await insertReport(t, A, '2023', 'approved', { '1.1.1': 100 }); // only this year
    await insertReport(t, B, '2023', 'approved', { '1.1.1': 10 });
    await insertReport(t, C, '2023', 'approved', { '1.1.1': 20, '1.5': 1 });
    await insertReport(t, B, '2022', 'approved', { '1.1.1': 4 });
    await insertReport(t, C, '2022', 'approved', { '1.1.1': 6, '1.5': 0 });
    await insertReport(t, D, '2022', 'approved', { '1.1.1': 50 }); // only last year
    await insertReport(t, D, '2023', 'draft', { '1.1.1': 999 }); // not counted
    await insertReport(t, OTHER_476, '2023', 'approved', { '1.1.1': 7 });
    await insertReport(t, ONLY_2022_479, '2022', 'approved', { '1.1.1': 1 });
    // The districts' stored summaries, as their rollup jobs would write them.
    const rollups = t.app.get(RollupsService);
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

  it('a province: only the districts counted in both periods, with their communes', async () => {
    const token = await t.login('tinh.46');
    const res = await t.request<Comparison>('GET', '/api/summaries/46/2023/comparison?with=2022', { token });
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.common.map((x) => x.code)).toEqual(['477']);
    expect(c.onlyCurrent.map((x) => x.code)).toEqual(['476']);
    expect(c.onlyPrevious.map((x) => x.code)).toEqual(['479']);
    expect(c.childrenExpected).toBe(9);
    // 477's whole stored summary on each side (3 communes this year, 3 last year), 11 communes expected.
    expect(c.current).toEqual({ period: '2023', reported: 3, expected: 11 });
    expect(c.previous).toEqual({ period: '2022', reported: 3, expected: 11 });
    const i111 = c.indicators.find((i) => i.code === '1.1.1')!;
    expect(i111.current).toMatchObject({ count: 3, headline: 130 });
    expect(i111.previous).toMatchObject({ count: 3, headline: 60 });
  });

  it('refuses a commune, an unknown period and the same period', async () => {
    const token = await t.login('tinh.46');
    expect((await t.request('GET', `/api/summaries/${A}/2023/comparison`, { token })).status).toBe(400);
    expect((await t.request('GET', '/api/summaries/46/2023/comparison?with=2031', { token })).status).toBe(404);
    const same = await t.request<{ field: string }>('GET', '/api/summaries/46/2023/comparison?with=2023', { token });
    expect(same.status).toBe(400);
    expect(same.body.field).toBe('with');
  });
});
