import { orderRows, rankRows, scoreFigure, type RankableRow } from './rank-rows';

const scheme = { domains: [{ code: 'A' }, { code: 'B' }] } as never;

function row(code: string, level: string, percent: number | null, coverage = 1, domains: Array<[string, number]> = []): RankableRow {
  return {
    unit: { code, level },
    total: percent === null ? null : { points: percent, max: 100, percent },
    domains: domains.map(([c, p]) => ({ code: c, points: p, max: 100, percent: p, rank: null })),
    coverage,
    rank: null,
    ranked: false,
    belowCoverage: false,
  };
}

describe('scoreFigure', () => {
  it('rounds to 4 decimals and has no percent without a maximum', () => {
    expect(scoreFigure(1 / 3, 1)).toEqual({ points: 0.3333, max: 1, percent: 33.3333 });
    expect(scoreFigure(0, 0).percent).toBeNull();
  });
});

describe('rankRows', () => {
  it('shares a rank between equal figures and skips the next (1, 2, 2, 4)', () => {
    const rows = [row('04', 'commune', 70), row('01', 'commune', 90), row('03', 'commune', 80), row('02', 'commune', 80)];
    const out = rankRows(scheme, rows, 1);
    expect(out.map((r) => [r.unit.code, r.rank])).toEqual([
      ['01', 1],
      ['02', 2],
      ['03', 2],
      ['04', 4],
    ]);
  });

  it('ranks a district only at the coverage threshold; below it, after the ranked by score; unscored last', () => {
    const rows = [row('A', 'district', 95, 0.3), row('B', 'district', 60, 0.5), row('C', 'district', null, 0), row('D', 'district', 70, 0.49999999999)];
    const out = rankRows(scheme, rows, 0.5);
    expect(out.map((r) => [r.unit.code, r.rank, r.ranked, r.belowCoverage])).toEqual([
      ['D', 1, true, false],
      ['B', 2, true, false],
      ['A', null, false, true],
      ['C', null, false, false],
    ]);
  });

  it('applies the threshold to the rows the caller names (communes re-scored from old ones)', () => {
    const rows = [row('a', 'commune', 90, 0.5), row('b', 'commune', 80, 1)];
    const out = rankRows(scheme, rows, 1, () => true);
    expect(out.map((r) => [r.unit.code, r.rank, r.belowCoverage])).toEqual([
      ['b', 1, false],
      ['a', null, true],
    ]);
  });

  it('ranks each domain among the ranked rows only', () => {
    const rows = [row('x', 'commune', 50, 1, [['A', 10], ['B', 90]]), row('y', 'commune', 60, 1, [['A', 20], ['B', 80]])];
    rankRows(scheme, rows, 1);
    expect(rows.find((r) => r.unit.code === 'x')!.domains.map((d) => d.rank)).toEqual([2, 1]);
    expect(rows.find((r) => r.unit.code === 'y')!.domains.map((d) => d.rank)).toEqual([1, 2]);
  });
});

describe('orderRows', () => {
  it('orders stored ranks, ties by code, then below-coverage by score, then the rest', () => {
    const a = { ...row('a', 'district', 50), rank: 2 };
    const b = { ...row('b', 'district', 70), rank: 1 };
    const c = { ...row('c', 'district', 50), rank: 2 };
    const d = { ...row('d', 'district', 99), belowCoverage: true };
    const e = row('e', 'district', null);
    expect(orderRows([e, d, c, a, b]).map((r) => r.unit.code)).toEqual(['b', 'a', 'c', 'd', 'e']);
  });
});
