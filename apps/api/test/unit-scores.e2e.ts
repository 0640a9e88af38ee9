import { DataSource } from 'typeorm';
import { SCORING_2023, meanScore, rankUnits, scoreReport, type ReportValues, type UnitScore } from '@cchc/shared';
import { UnitScoreRow } from '../src/modules/rollups/entities/unit-score.entity';
import { PERIOD, TEMPLATE, TREE, startRollupApp, syntheticValues, waitForRollups, writeReport } from './support/rollup-fixtures';
import type { TestApp } from './support/test-app';

interface Row {
  rank: number | null;
  ranked: boolean;
  unit: { code: string };
  scored: number;
  expected: number;
  total: { points: number; max: number; percent: number | null } | null;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Stored scores through the real pipeline (outbox, BullMQ jobs, rollup passes): after approvals,
 * returns, reopenings and changed values, every stored score and rank equals what the shared
 * scoring computes from the reports as they now are — computed here independently.
 */
describe('stored unit scores and ranks follow the reports', () => {
  let t: TestApp;
  let admin: string;
  /** The test's own record of every report: status and values. */
  const reports = new Map<string, { status: 'approved' | 'submitted' | 'returned' | 'draft'; values: ReportValues }>();

  const districts = TREE.provinces.flatMap((p) => p.districts ?? []);
  const communesOf = (code: string): string[] => {
    const p = TREE.provinces.find((x) => x.code === code);
    if (p) return [...(p.districts ?? []).flatMap((d) => d.communes), ...(p.communes ?? [])].map((c) => c.code);
    return districts.find((d) => d.code === code)!.communes.map((c) => c.code);
  };
  const childrenOf = (code: string): string[] => {
    const p = TREE.provinces.find((x) => x.code === code);
    if (p) return [...(p.districts ?? []).map((d) => d.code), ...(p.communes ?? []).map((c) => c.code)];
    return communesOf(code);
  };
  const isCommune = (code: string) => !TREE.provinces.some((p) => p.code === code) && !districts.some((d) => d.code === code);
  const scoreOf = (commune: string): UnitScore | null => {
    const r = reports.get(commune);
    return r && r.status === 'approved' ? scoreReport(SCORING_2023, TEMPLATE, r.values, 'commune') : null;
  };
  /** Expected (points, max, scored) of any unit: a commune's own score, else the mean of its scored communes. */
  const expectedOf = (code: string) => {
    if (isCommune(code)) {
      const s = scoreOf(code);
      return s ? { total: s.total, max: s.max, scored: 1, expected: 1 } : null;
    }
    const communes = communesOf(code);
    const m = meanScore(SCORING_2023, communes.map(scoreOf).filter((s): s is UnitScore => !!s));
    return m ? { total: m.total, max: m.max, scored: m.scored, expected: communes.length } : null;
  };

  async function write(code: string, status: 'approved' | 'submitted' | 'returned' | 'draft', seed: number) {
    const values = syntheticValues(seed);
    reports.set(code, { status, values });
    await writeReport(t.app, code, values, status);
  }

  /** Every stored row and every listed rank against the independent computation. */
  async function expectStoredMatchesReports() {
    await waitForRollups(t.app);
    const stored = new Map((await t.app.get(DataSource).getRepository(UnitScoreRow).find({ where: { periodId: PERIOD } })).map((r) => [r.unitCode, r]));
    const all = [...TREE.provinces.map((p) => p.code), ...districts.map((d) => d.code), ...TREE.provinces.flatMap((p) => communesOf(p.code))];
    for (const code of all) {
      const want = expectedOf(code);
      const row = stored.get(code);
      if (!want) {
        expect(row?.total ?? null).toBeNull();
        continue;
      }
      expect(row).toBeDefined();
      expect(row!.total!).toBeCloseTo(want.total, 9);
      expect(row!.max!).toBeCloseTo(want.max, 9);
      expect(row!.scored).toBe(want.scored);
    }
    for (const parent of [...TREE.provinces.map((p) => p.code), ...districts.map((d) => d.code)]) {
      const kids = childrenOf(parent);
      // RANKING_MIN_COVERAGE=1 (set above): a district is ranked only with every commune scored.
      const wantRanks = new Map(
        rankUnits(
          kids.map((k) => {
            const e = expectedOf(k);
            const ranked = !!e && (isCommune(k) || e.scored === e.expected);
            return { unitCode: k, score: ranked && e ? round4((e.total / e.max) * 100) : null };
          }),
        ).map((x) => [x.unitCode, x.rank]),
      );
      const res = await t.request<{ rows: Row[] }>('GET', `/api/rankings/${parent}/${PERIOD}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.rows.map((r) => r.unit.code).sort()).toEqual([...kids].sort());
      for (const r of res.body.rows) {
        expect([r.unit.code, r.rank]).toEqual([r.unit.code, wantRanks.get(r.unit.code) ?? null]);
        expect(stored.get(r.unit.code)?.rank ?? null).toBe(wantRanks.get(r.unit.code) ?? null);
        const e = expectedOf(r.unit.code);
        if (e) expect(r.total!.points).toBeCloseTo(round4(e.total), 4);
        else expect(r.total).toBeNull();
      }
    }
    // All communes of a province: ranked over the stored scores across districts.
    const across = await t.request<{ rows: Row[] }>('GET', `/api/rankings/99/${PERIOD}?scope=communes`, { token: admin });
    const wantAcross = new Map(
      rankUnits(communesOf('99').map((c) => ({ unitCode: c, score: scoreOf(c) ? round4((scoreOf(c)!.total / scoreOf(c)!.max) * 100) : null }))).map((x) => [x.unitCode, x.rank]),
    );
    expect(across.body.rows.map((r) => [r.unit.code, r.rank])).toEqual(
      [...wantAcross].sort((a, b) => (a[1] ?? 1e9) - (b[1] ?? 1e9) || a[0].localeCompare(b[0])).map(([c, rk]) => [c, rk]),
    );
  }

  beforeAll(async () => {
    ({ t, admin } = await startRollupApp({ RANKING_MIN_COVERAGE: '1' }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('after approvals', async () => {
    let seed = 1;
    for (const c of ['99101', '99102', '99103', '99104', '99201', '99202', '99203', '99301', '98001', '98002', '98003']) await write(c, 'approved', seed++);
    // Two communes share values: equal figures, equal rank.
    await write('98004', 'approved', 9);
    await write('98005', 'submitted', 20);
    await expectStoredMatchesReports();
  });

  it('after a return, a reopening, a changed re-approval and a late approval', async () => {
    await write('99102', 'returned', 2);
    await write('99201', 'draft', 31);
    await write('99104', 'approved', 44);
    await write('99302', 'approved', 45);
    await write('98001', 'draft', 1);
    await expectStoredMatchesReports();
  });
});
