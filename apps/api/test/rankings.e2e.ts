import { SCORING_2023, schemeMax, type Criterion } from '@cchc/shared';
import { insertReport, rollUpAll, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Row {
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  unit: { code: string };
  status: string;
  scored: number;
  expected: number;
  total: { points: number; max: number; percent: number } | null;
  domains: Array<{ code: string; points: number; rank: number | null }>;
}

/** The scheme's criterion that reads these inputs, so the hand computation follows the scheme's points. */
function criterionOn(kind: Criterion['rule']['kind'], input: string): Criterion & { domain: string } {
  for (const d of SCORING_2023.domains) {
    for (const c of d.criteria) {
      const r = c.rule;
      const inputs = r.kind === 'ratio' ? [r.numerator, r.denominator].flat() : [r.input].flat();
      if (r.kind === kind && inputs.includes(input)) return { ...c, domain: d.code };
    }
  }
  throw new Error(`no ${kind} criterion on ${input}`);
}

describe('rankings', () => {
  let t: TestApp;
  const plan = criterionOn('ratio', '1.1.2'); // 1.1.2 / 1.1.1 × max
  const dialogue = criterionOn('yesno', '1.5');
  const MAX = schemeMax(SCORING_2023, 'commune');
  // Huyện Quảng Điền (477): Sịa, Quảng Thái, Quảng Ngạn, Quảng Lợi, Quảng Công, Quảng Phước (+5 others without reports).
  const A = '19870';
  const B = '19873';
  const C = '19876';
  const D = '19867';
  const E = '19879'; // no report at all
  const F = '19882'; // a draft: not ranked on the approved basis
  const OTHER = '19822'; // Xã Điền Hương, Huyện Phong Điền (476)

  beforeAll(async () => {
    // Every district here is partly reported: rank them all (the coverage threshold has its own suite).
    t = await startTestApp({ REDIS_URL: undefined, RANKING_MIN_COVERAGE: '0' });
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2022', '2023']);
    const v = (planned: number, done: number, dialogueHeld: 0 | 1) => ({ '1.1.1': planned, '1.1.2': done, '1.5': dialogueHeld });
    await insertReport(t, A, '2023', 'approved', v(10, 10, 1));
    await insertReport(t, B, '2023', 'approved', v(10, 5, 1));
    await insertReport(t, C, '2023', 'approved', v(4, 2, 1));
    await insertReport(t, D, '2023', 'approved', v(10, 0, 0));
    await insertReport(t, F, '2023', 'draft', v(10, 10, 1));
    await insertReport(t, OTHER, '2023', 'approved', v(8, 8, 1));
    // A year earlier B led and A followed.
    await insertReport(t, A, '2022', 'approved', v(10, 5, 1));
    await insertReport(t, B, '2022', 'approved', v(10, 10, 1));
    // Rankings read the scores the rollup passes store.
    await rollUpAll(t, ['2022', '2023']);
  });
  afterAll(() => t.close());

  it("ranks a district's communes by hand-computed scores: ties share a rank, the unranked come last", async () => {
    const token = await t.login('huyen.477');
    const res = await t.request<{ rows: Row[]; previousPeriod: string }>('GET', '/api/rankings/477/2023', { token });
    expect(res.status).toBe(200);
    const pts: Record<string, number> = {
      [A]: plan.maxPoints + dialogue.maxPoints,
      [B]: plan.maxPoints * 0.5 + dialogue.maxPoints,
      [C]: plan.maxPoints * 0.5 + dialogue.maxPoints,
      [D]: 0,
    };
    const rows = res.body.rows;
    expect(rows.map((r) => [r.unit.code, r.rank])).toEqual([
      [A, 1],
      [B, 2],
      [C, 2],
      [D, 4],
      // 11 communes in 477: the 7 without an approved report follow, by code.
      ...['19867', '19870', '19873', '19876', '19879', '19882', '19885', '19888', '19891', '19894', '19897']
        .filter((c) => ![A, B, C, D].includes(c))
        .map((c) => [c, null]),
    ]);
    for (const code of [A, B, C, D]) {
      const r = rows.find((x) => x.unit.code === code)!;
      expect(r.total!.points).toBeCloseTo(pts[code], 4);
      expect(r.total!.percent).toBeCloseTo((pts[code] / MAX) * 100, 4);
      expect(r.domains.find((d) => d.code === plan.domain)!.rank).toBe(r.rank);
    }
    expect(rows.find((r) => r.unit.code === E)!.status).toBe('missing');
    expect(rows.find((r) => r.unit.code === F)!.status).toBe('draft');
    expect(rows.find((r) => r.unit.code === F)!.total).toBeNull();
    // Change since 2022: A 2 → 1 (+1), B 1 → 2 (−1), C was unranked.
    expect(res.body.previousPeriod).toBe('2022');
    expect(rows.find((r) => r.unit.code === A)).toMatchObject({ previousRank: 2, rankChange: 1 });
    expect(rows.find((r) => r.unit.code === B)).toMatchObject({ previousRank: 1, rankChange: -1 });
    expect(rows.find((r) => r.unit.code === C)).toMatchObject({ previousRank: null, rankChange: null });
  });

  it('ranks on submitted reports too when asked (the draft still is not)', async () => {
    const token = await t.login('huyen.477');
    const res = await t.request<{ rows: Row[] }>('GET', '/api/rankings/477/2023?basis=submitted', { token });
    expect(res.status).toBe(200);
    expect(res.body.rows.find((r) => r.unit.code === F)!.rank).toBeNull();
  });

  it("ranks a province's districts by the mean score of their scored communes, with coverage", async () => {
    const token = await t.login('tinh.46');
    const res = await t.request<{ rows: Row[] }>('GET', '/api/rankings/46/2023', { token });
    expect(res.status).toBe(200);
    const rows = res.body.rows;
    const q = rows.find((r) => r.unit.code === '477')!;
    const p = rows.find((r) => r.unit.code === '476')!;
    // A full plan, two half plans and a zero; three dialogues held, one not.
    const mean477 = (2 * plan.maxPoints + 3 * dialogue.maxPoints) / 4;
    expect(p).toMatchObject({ rank: 1, scored: 1, expected: 16, status: 'partial' });
    expect(p.total!.points).toBeCloseTo(plan.maxPoints + dialogue.maxPoints, 4);
    expect(q).toMatchObject({ rank: 2, scored: 4, expected: 11, status: 'partial' });
    expect(q.total!.points).toBeCloseTo(mean477, 4);
    expect(rows.filter((r) => r.rank === null).every((r) => r.status === 'none' && r.total === null)).toBe(true);
    expect(rows.slice(2).every((r) => r.rank === null)).toBe(true);

    const all = await t.request<{ rows: Row[] }>('GET', '/api/rankings/46/2023?scope=communes', { token });
    expect(all.body.rows.slice(0, 5).map((r) => [r.unit.code, r.rank])).toEqual([
      [OTHER, 1],
      [A, 1],
      [B, 3],
      [C, 3],
      [D, 5],
    ]);
  });

  it("explains a commune's score criterion by criterion, and tells its rank among its district's communes", async () => {
    const token = await t.login('xa.19870');
    const res = await t.request<{
      rank: number;
      rankedAmong: number;
      total: { points: number };
      domains: Array<{ criteria: Array<{ code: string; points: number; reason: { vi: string }; inputs: Array<{ code: string; value: number | null }> }> }>;
    }>('GET', `/api/rankings/${A}/2023/breakdown`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rank: 1, rankedAmong: 4 });
    const crit = res.body.domains.flatMap((d) => d.criteria);
    const c = crit.find((x) => x.code === plan.code)!;
    expect(c.points).toBe(plan.maxPoints);
    expect(c.inputs).toEqual(expect.arrayContaining([{ code: '1.1.2', value: 10, title: expect.any(String), unit: expect.any(String) }]));
    const blank = crit.find((x) => x.points === 0 && x.inputs.some((i) => i.value === null))!;
    expect(blank.reason.vi).toMatch(/thiếu số liệu/);
  });

  it('refuses what the caller may not see: other districts, neighbours, unknown units and periods', async () => {
    const reviewer = await t.login('huyen.476');
    expect((await t.request('GET', '/api/rankings/477/2023', { token: reviewer })).status).toBe(403);
    expect((await t.request('GET', `/api/rankings/${A}/2023/breakdown`, { token: reviewer })).status).toBe(403);
    const commune = await t.login('xa.19870');
    expect((await t.request('GET', '/api/rankings/477/2023', { token: commune })).status).toBe(403);
    expect((await t.request('GET', `/api/rankings/${B}/2023/breakdown`, { token: commune })).status).toBe(403);
    const admin = await t.login('admin');
    expect((await t.request('GET', '/api/rankings/99999/2023', { token: admin })).status).toBe(404);
    expect((await t.request('GET', '/api/rankings/477/2031', { token: admin })).status).toBe(404);
    expect((await t.request('GET', `/api/rankings/${E}/2023/breakdown`, { token: admin })).status).toBe(404);
    expect((await t.request('GET', '/api/rankings/477/2023?basis=draft', { token: admin })).status).toBe(400);
  });
});
