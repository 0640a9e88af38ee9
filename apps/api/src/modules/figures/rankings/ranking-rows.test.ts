import { BUILT_IN_SCHEMES, type UnitScore } from '@cchc/shared';
import type { UnitScoreRow } from '../../rollups/entities/unit-score.entity';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import { assertNational, communeRow, groupRow, storedRow, type CommuneScore } from './ranking-rows';

const scheme = BUILT_IN_SCHEMES[0];
const unit = (code: string, level: AdminUnit['level']) => ({ code, level, name: `U ${code}`, parentCode: '477', path: `/46/477/${code}/` }) as AdminUnit;
const score = (total: number, max: number): UnitScore =>
  ({ schemeVersion: scheme.version, total, max, percent: (total / max) * 100, domains: scheme.domains.map((d) => ({ code: d.code, points: total / scheme.domains.length, max: max / scheme.domains.length, criteria: [] })) }) as unknown as UnitScore;

describe('ranking rows', () => {
  it("a district scores the mean of its scored communes and says how many of them were scored", () => {
    const scores = new Map<string, CommuneScore>([
      ['a', { status: 'approved', score: score(80, 100) }],
      ['b', { status: 'approved', score: score(60, 100) }],
      ['c', { status: 'draft', score: null }],
    ]);
    const row = groupRow({ unit: unit('477', 'district'), communes: ['a', 'b', 'c'], district: null }, scores, scheme);
    expect(row).toMatchObject({ status: 'partial', scored: 2, expected: 3 });
    expect(row.coverage).toBeCloseTo(2 / 3);
    expect(row.total?.percent).toBeCloseTo(70);
  });

  it('a commune without a counted report is listed, unscored, with its status', () => {
    const row = communeRow({ unit: unit('19894', 'commune'), communes: ['19894'], district: null }, { status: 'submitted', score: null });
    expect(row).toMatchObject({ status: 'submitted', scored: 0, total: null, domains: [], coverage: 0 });
    expect(communeRow({ unit: unit('19895', 'commune'), communes: ['19895'], district: null }, undefined).status).toBe('missing');
  });

  it('a stored row keeps its stored rank only when its parent ranked it, and counts an unrolled child as expecting its communes', () => {
    const stored = { total: 45, max: 50, scored: 4, expected: 5, coverage: 0.8, rank: 2, ranked: true, belowCoverage: false, domains: [], domainRanks: {} } as unknown as UnitScoreRow;
    const ranked = storedRow(unit('477', 'district'), stored, null, undefined, 9, true, scheme);
    expect(ranked).toMatchObject({ rank: 2, ranked: true, status: 'partial', expected: 5 });
    expect(ranked.total?.percent).toBe(90);
    expect(storedRow(unit('477', 'district'), stored, null, undefined, 9, false, scheme)).toMatchObject({ rank: null, ranked: false });
    expect(storedRow(unit('478', 'district'), undefined, null, undefined, 9, true, scheme)).toMatchObject({ status: 'none', expected: 9, total: null });
  });

  it('the national list ranks provinces only, on the tree in force', () => {
    expect(() => assertNational({ scope: 'communes' } as never)).toThrow(/tỉnh/);
    expect(() => assertNational({ tree: 'current' })).toThrow(/tree/);
    expect(() => assertNational({})).not.toThrow();
  });
});
