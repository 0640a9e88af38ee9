import { TEMPLATE_2023 } from '../template/template-2023';
import { indexTemplate } from '../template/registry';
import { combineStats, emptyStats, statsFromValues, summarize } from './aggregate';
import { LineageEdgeInput, reaggregateOntoCurrent } from './reaggregate';

const node = (code: string) => indexTemplate(TEMPLATE_2023).get(code)!;
const whole = (oldCode: string, newCode: string): LineageEdgeInput => ({ oldCode, newCode, split: false, share: 1 });

// Shaped like new 19867 (Xã Quảng Điền): four old communes merged whole, plus a split one shared with 19900.
const edges: LineageEdgeInput[] = [
  whole('19867', '19867'),
  whole('19882', '19867'),
  whole('19888', '19867'),
  whole('19894', '19867'),
  { oldCode: '19870', newCode: '19867', split: true, share: null },
  { oldCode: '19870', newCode: '19900', split: true, share: null },
  { oldCode: '19871', newCode: '19867', split: true, share: 0.25 },
  { oldCode: '19871', newCode: '19900', split: true, share: 0.75 },
  whole('19903', '19900'),
];
const reports = [
  { code: '19867', values: { '1.1.1': 10, '7.8.3': 40, '3.4.3': 100, '3.2.3': 300 } },
  { code: '19882', values: { '1.1.1': 5, '7.8.3': 60, '3.4.3': 50, '3.2.3': 100 } },
  { code: '19894', values: { '1.1.1': 7, '7.8.3': null, '3.4.3': 80 } },
  { code: '19870', values: { '1.1.1': 1000, '7.8.3': 99 } },
  { code: '19871', values: { '1.1.1': 2000 } },
  { code: '19903', values: { '1.1.1': 3 } },
  { code: '00010', values: { '1.1.1': 500 } }, // no edge: the lineage could not match it
];

describe('reaggregateOntoCurrent', () => {
  const result = reaggregateOntoCurrent(TEMPLATE_2023, edges, reports);
  const quangDien = result.units['19867'];

  it('counts the communes that went in whole, exactly as combining their own stats would', () => {
    for (const code of ['1.1.1', '7.8.3', '3.4.3']) {
      const n = node(code);
      const own = ['19867', '19882', '19894'].map((c) => {
        const v = reports.find((r) => r.code === c)!.values as Record<string, number | null>;
        return statsFromValues(n, [{ value: v[code], weight: n.weightCode ? v[n.weightCode] : undefined }]);
      });
      expect(quangDien.stats[code]).toEqual(own.reduce(combineStats, emptyStats(code)));
    }
    expect(summarize(node('1.1.1'), quangDien.stats['1.1.1']).headline).toBe(10 + 5 + 7);
    expect(summarize(node('3.4.3'), quangDien.stats['3.4.3']).headline).toBeCloseTo((100 * 300 + 50 * 100) / 400, 10);
  });

  it('reports coverage: predecessors linked, reported, placed', () => {
    expect(quangDien.coverage).toEqual({ expected: 6, reported: 5, placed: 3 });
    expect(quangDien.predecessors.find((p) => p.code === '19888')).toEqual({ code: '19888', reported: false, placed: false, split: false, share: 1 });
  });

  it('never places a split commune, with or without a share, and never counts it in any unit', () => {
    expect(quangDien.notPlaced).toEqual([
      { code: '19870', reason: 'split_without_share', share: null },
      { code: '19871', reason: 'split', share: 0.25 },
    ]);
    expect(result.units['19900'].notPlaced.map((p) => p.code)).toEqual(['19870', '19871']);
    expect(result.units['19900'].stats['1.1.1'].sum).toBe(3);
    const total = Object.values(result.units).reduce((s, u) => s + u.stats['1.1.1'].sum, 0);
    expect(total).toBe(10 + 5 + 7 + 3);
  });

  it('lists an old report with no edge as unplaced instead of guessing a home for it', () => {
    expect(result.unplaced).toEqual([{ code: '00010', reason: 'unmatched' }]);
  });

  it('answers only for the units asked, and leaves a unit with no reports at zero coverage and empty stats', () => {
    const one = reaggregateOntoCurrent(TEMPLATE_2023, edges, [], ['19900']);
    expect(Object.keys(one.units)).toEqual(['19900']);
    expect(one.units['19900'].coverage).toEqual({ expected: 3, reported: 0, placed: 0 });
    expect(summarize(node('1.1.1'), one.units['19900'].stats['1.1.1']).headline).toBeNull();
  });

  it('refuses two reports for one old commune rather than counting it twice', () => {
    expect(() => reaggregateOntoCurrent(TEMPLATE_2023, edges, [reports[0], reports[0]])).toThrow(/two reports for 19867/);
  });
});
