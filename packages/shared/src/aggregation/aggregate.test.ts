import { TEMPLATE_2023 } from '../template/template-2023';
import { indexTemplate } from '../template/registry';
import type { IndicatorNode } from '../template/types';
import { aggregateReports, combineStats, emptyStats, mergeStatsInto, statsFromValues, summarize } from './aggregate';

const node = (code: string) => indexTemplate(TEMPLATE_2023).get(code)!;
const vals = (...xs: Array<number | null | undefined>) => xs.map((value) => ({ value }));
const summary = (n: IndicatorNode, entries: Array<{ value: number | null | undefined; weight?: number | null }>) =>
  summarize(n, statsFromValues(n, entries));

describe('statsFromValues / summarize', () => {
  it('sum (counts): blanks are not reports', () => {
    const s = summary(node('1.1.1'), vals(29, null, 10, undefined, 0));
    expect(s).toMatchObject({ rule: 'sum', count: 3, sum: 39, min: 0, max: 29, headline: 39, mean: 13, shareYes: null });
  });

  it('sum with a single child, and with every child blank', () => {
    expect(summary(node('1.1.1'), vals(7))).toMatchObject({ count: 1, sum: 7, min: 7, max: 7, headline: 7, mean: 7 });
    const blank = summary(node('1.1.1'), vals(null, undefined, null));
    expect(blank).toMatchObject({ count: 0, sum: 0, min: null, max: null, mean: null, headline: null });
    expect(summary(node('1.1.1'), [])).toMatchObject({ count: 0, headline: null });
  });

  it('mean (plain percentages)', () => {
    const s = summary(node('7.8.3'), vals(56.1, 43.9, null));
    expect(s.rule).toBe('mean');
    expect(s.count).toBe(2);
    expect(s.headline).toBeCloseTo(50, 10);
    expect(summary(node('7.8.3'), vals(null)).headline).toBeNull();
  });

  it('weighted_mean by the named denominator', () => {
    const n = node('3.4.3'); // weighted by 3.2.3, procedures in force
    const s = summary(n, [
      { value: 100, weight: 300 },
      { value: 50, weight: 100 },
      { value: null, weight: 1000 }, // blank value: neither value nor weight counts
    ]);
    expect(s.rule).toBe('weighted_mean');
    expect(s.count).toBe(2);
    expect(s.mean).toBe(75);
    expect(s.weightSum).toBe(400);
    expect(s.headline).toBe(87.5);
  });

  it('weighted_mean: a unit without a weight counts in the mean but not the weighted figure; no weights → plain mean', () => {
    const n = node('3.4.3');
    const s = summary(n, [{ value: 100, weight: 100 }, { value: 0, weight: null }]);
    expect(s).toMatchObject({ count: 2, mean: 50, headline: 100 });
    expect(summary(n, [{ value: 80 }, { value: 60 }]).headline).toBe(70);
  });

  it('share_yes (yes/no): number and share of units with 1', () => {
    const s = summary(node('1.5'), vals(1, 0, 1, null, 1));
    expect(s).toMatchObject({ rule: 'share_yes', count: 4, headline: 3, shareYes: 75, optionCounts: { '0': 1, '1': 3 } });
    expect(summary(node('1.5'), vals(null)).shareYes).toBeNull();
    expect(summary(node('1.5'), vals(0)).shareYes).toBe(0);
  });

  it('distribution (choices): count per option, no headline', () => {
    const s = summary(node('7.3'), vals(2, 2, 1, null, 0, 2));
    expect(s).toMatchObject({ rule: 'distribution', count: 5, headline: null, shareYes: null, optionCounts: { '0': 1, '1': 1, '2': 3 } });
  });

  it('max and min rules', () => {
    const base: IndicatorNode = { code: 'x', title: 'x', unit: '', depth: 1, isHeading: false, valueType: 'count' };
    expect(summary({ ...base, aggregation: 'max' }, vals(3, 9, null, 4)).headline).toBe(9);
    expect(summary({ ...base, aggregation: 'min' }, vals(3, 9, null, 4)).headline).toBe(3);
    expect(summary({ ...base, aggregation: 'max' }, vals(null)).headline).toBeNull();
  });

  it('does not count values that fail their type check', () => {
    const s = summary(node('3.4.3'), [{ value: 130, weight: 222 }, { value: 90, weight: 100 }]);
    expect(s).toMatchObject({ count: 1, headline: 90 });
    expect(summary(node('1.5'), vals(2, 1)).count).toBe(1);
  });
});

describe('combineStats', () => {
  const cases: Array<[string, Array<{ value: number | null; weight?: number | null }>]> = [
    ['1.1.1', vals(29, null, 3, 0, 12, 7).map((e) => ({ value: e.value ?? null }))],
    ['3.4.3', [{ value: 100, weight: 222 }, { value: 50, weight: 8 }, { value: null, weight: 3 }, { value: 25, weight: null }, { value: 75, weight: 40 }]],
    ['7.3', vals(2, 2, 1, null, 0, 2).map((e) => ({ value: e.value ?? null }))],
    ['1.5', vals(1, 0, null, 1).map((e) => ({ value: e.value ?? null }))],
  ];

  it.each(cases)('%s: stats over two halves combine to stats over the whole', (code, entries) => {
    const n = node(code);
    for (let cut = 0; cut <= entries.length; cut++) {
      const combined = combineStats(statsFromValues(n, entries.slice(0, cut)), statsFromValues(n, entries.slice(cut)));
      expect(combined).toEqual(statsFromValues(n, entries));
    }
  });

  it('is associative and has emptyStats as identity', () => {
    const n = node('1.1.1');
    const [a, b, c] = [vals(1, 2), vals(null, 5), vals(9)].map((e) => statsFromValues(n, e));
    expect(combineStats(combineStats(a, b), c)).toEqual(combineStats(a, combineStats(b, c)));
    expect(combineStats(emptyStats('1.1.1'), a)).toEqual(a);
    expect(combineStats(a, emptyStats('1.1.1'))).toEqual(a);
  });

  it('refuses to mix indicators', () => {
    expect(() => combineStats(emptyStats('1.1.1'), emptyStats('1.1.2'))).toThrow();
    expect(() => mergeStatsInto(emptyStats('1.1.1'), emptyStats('1.1.2'))).toThrow();
  });

  it('leaves both arguments as they were; mergeStatsInto gives the same figures into its target and leaves the other alone', () => {
    for (const [code, entries] of cases) {
      const n = node(code);
      const a = statsFromValues(n, entries.slice(0, 2));
      const b = statsFromValues(n, entries.slice(2));
      const [aBefore, bBefore] = [structuredClone(a), structuredClone(b)];
      const combined = combineStats(a, b);
      expect([a, b]).toEqual([aBefore, bBefore]);
      const target = statsFromValues(n, entries.slice(0, 2));
      expect(mergeStatsInto(target, b)).toBe(target);
      expect(target).toEqual(combined);
      expect(b).toEqual(bBefore);
    }
  });
});

describe('aggregateReports', () => {
  it('summarises every value indicator of a set of reports', () => {
    const reports = [
      { '1.1.1': 29, '3.2.3': 222, '3.4.3': 100, '1.5': 1, '7.3': 2 },
      { '1.1.1': 10, '3.2.3': 100, '3.4.3': 40, '1.5': 0, '7.3': 2 },
      { '1.1.1': null },
    ];
    const s = aggregateReports(TEMPLATE_2023, reports);
    expect(Object.keys(s)).toHaveLength(TEMPLATE_2023.nodes.filter((n) => n.valueType).length);
    expect(s['1.1.1']).toMatchObject({ count: 2, headline: 39 });
    expect(s['3.4.3'].headline).toBeCloseTo((100 * 222 + 40 * 100) / 322, 10);
    expect(s['1.5']).toMatchObject({ headline: 1, shareYes: 50 });
    expect(s['7.3'].optionCounts).toEqual({ '2': 2 });
    expect(s['3.5.1']).toMatchObject({ count: 0, headline: null });
  });
});
