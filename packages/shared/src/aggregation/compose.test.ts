import { TEMPLATE_2023 } from '../template/template-2023';
import { indexTemplate } from '../template/registry';
import type { ReportValues } from '../template/types';
import { aggregateReports, statsFromValues, summarize } from './aggregate';
import { composeSummary, type SummaryChild } from './compose';
import type { IndicatorStats } from './types';

const idx = indexTemplate(TEMPLATE_2023);
const reports: Record<string, ReportValues> = {
  c1: { '1.1.1': 29, '3.2.3': 222, '3.4.3': 100, '1.5': 1, '7.3': 2 },
  c2: { '1.1.1': 10, '3.2.3': 100, '3.4.3': 40, '1.5': 0, '7.3': 2 },
  c3: { '1.1.1': 3, '3.2.3': 50, '3.4.3': 10, '1.5': 1, '7.3': 0 },
  c4: { '1.1.1': 7 },
};
const commune = (code: string): SummaryChild => ({ code, level: 'commune' });
const counted = (...codes: string[]) => codes.map((unitCode) => ({ unitCode, values: reports[unitCode] }));

/** A child district's stats as its own rollup would have stored them. */
function districtStats(...codes: string[]): IndicatorStats[] {
  return composeSummary(TEMPLATE_2023, codes.map(commune), counted(...codes), [], []).stats.map((s) => ({
    ...s,
    optionCounts: s.optionCounts ?? {},
  }));
}

describe('composeSummary', () => {
  it('over communes only equals aggregateReports of the counted reports, keeping only reported indicators', () => {
    const out = composeSummary(TEMPLATE_2023, ['c1', 'c2', 'c3'].map(commune), counted('c1', 'c2'), [], []);
    const expected = aggregateReports(TEMPLATE_2023, [reports.c1, reports.c2]);
    const codes = Object.keys(expected).filter((c) => expected[c].count > 0);
    expect(out.stats.map((s) => s.code)).toEqual(codes);
    for (const s of out.stats) {
      const node = idx.get(s.code)!;
      expect(summarize(node, { ...s, optionCounts: s.optionCounts ?? {} }).headline).toEqual(expected[s.code].headline);
    }
    expect(out.coverage).toEqual({ expected: 3, reported: 2, childrenExpected: 3, childrenReported: 2, missingChildren: ['c3'] });
  });

  it('stores option counts for yes/no and choice only', () => {
    const out = composeSummary(TEMPLATE_2023, [commune('c1')], counted('c1'), [], []);
    const by = new Map(out.stats.map((s) => [s.code, s]));
    expect(by.get('7.3')!.optionCounts).toEqual({ '2': 1 });
    expect(by.get('1.5')!.optionCounts).toEqual({ '1': 1 });
    expect(by.get('1.1.1')!.optionCounts).toBeNull();
  });

  it('a province from two districts equals a unit over all their communes', () => {
    const flat = composeSummary(TEMPLATE_2023, ['c1', 'c2', 'c3', 'c4'].map(commune), counted('c1', 'c2', 'c3', 'c4'), [], []);
    const composed = composeSummary(
      TEMPLATE_2023,
      [{ code: 'd1', level: 'district' }, { code: 'd2', level: 'district' }],
      [],
      [...districtStats('c1', 'c2'), ...districtStats('c3', 'c4')],
      [{ unitCode: 'd1', expected: 2, reported: 2 }, { unitCode: 'd2', expected: 2, reported: 2 }],
    );
    expect(composed.stats).toEqual(flat.stats);
    expect(composed.coverage).toEqual({ expected: 4, reported: 4, childrenExpected: 2, childrenReported: 2, missingChildren: [] });
  });

  it('mixes commune children with district children and counts a child with nothing reported as missing', () => {
    const out = composeSummary(
      TEMPLATE_2023,
      [commune('c1'), { code: 'd1', level: 'district' }, commune('c4'), { code: 'd2', level: 'district' }],
      counted('c1'),
      districtStats('c2'),
      [{ unitCode: 'd1', expected: 3, reported: 1 }, { unitCode: 'd2', expected: 5, reported: 0 }],
    );
    const s111 = out.stats.find((s) => s.code === '1.1.1')!;
    expect(s111).toMatchObject(statsFromValues(idx.get('1.1.1')!, [{ value: 29 }, { value: 10 }]));
    expect(out.coverage).toEqual({ expected: 10, reported: 2, childrenExpected: 4, childrenReported: 2, missingChildren: ['c4', 'd2'] });
  });

  it('a counted report with no values still counts as reported, but adds no stats', () => {
    const out = composeSummary(TEMPLATE_2023, [commune('c9')], [{ unitCode: 'c9', values: {} }], [], []);
    expect(out.stats).toEqual([]);
    expect(out.coverage).toMatchObject({ reported: 1, childrenReported: 1, missingChildren: [] });
  });
});

describe('composeSummary: every level files its own report', () => {
  const district = (code: string): SummaryChild => ({ code, level: 'district' });
  const stat = (code: string) => (stats: { code: string; sum: number; count: number }[]) => stats.find((s) => s.code === code);

  it("takes the rows only districts report from the districts' own reports, and commune rows from the consolidation", () => {
    const d1Stats = districtStats('c1', 'c2').map((s) => ({ ...s, unitCode: 'd1' }));
    const d2Stats = districtStats('c3').map((s) => ({ ...s, unitCode: 'd2' }));
    const own = [
      // A district's own figure for a commune row (1.1.1) is not summed at the province: the communes' are.
      { unitCode: 'd1', values: { '4.1.1': 12, '5.2.1': 3, '1.1.1': 500 } },
      { unitCode: 'd2', values: { '4.1.1': 10 } },
    ];
    const out = composeSummary(TEMPLATE_2023, [district('d1'), district('d2')], [], [...d1Stats, ...d2Stats], [], own).stats;
    expect(stat('4.1.1')(out)).toMatchObject({ count: 2, sum: 22 });
    expect(stat('5.2.1')(out)).toMatchObject({ count: 1, sum: 3 });
    expect(stat('1.1.1')(out)).toMatchObject({ count: 3, sum: 29 + 10 + 3 });
  });

  it('counts a row once per child: a consolidation from below wins over the own report', () => {
    const province = [{ code: '4.1.1', count: 2, sum: 22, min: 10, max: 12, weightedSum: 0, weightSum: 0, optionCounts: {}, unitCode: 'p1' }];
    const out = composeSummary(TEMPLATE_2023, [{ code: 'p1', level: 'province' }], [], province, [], [{ unitCode: 'p1', values: { '4.1.1': 30 } }]).stats;
    expect(stat('4.1.1')(out)).toMatchObject({ count: 2, sum: 22 });
  });
});
