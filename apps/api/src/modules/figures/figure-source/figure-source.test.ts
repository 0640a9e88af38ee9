import { BUILT_IN_SCHEMES, TEMPLATE_2023, emptyStats, scoreReport, type UnitScore } from '@cchc/shared';
import { ApiError } from '../../../common/api-error';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import type { UnitHistory } from '../current-tree/current-tree-history.service';
import { groupRow, type CommuneScore } from '../rankings/ranking-rows';
import { historyBlock, historyCoverage, historyFigures, historyGroups, historyScores, unitHistoryView } from './current-tree-figures';
import { figureTree } from './figure-tree';

const scheme = BUILT_IN_SCHEMES[0];
const unit = (code: string, level: AdminUnit['level']) => ({ code, level, name: `U ${code}`, parentCode: level === 'commune' ? '46' : null, path: `/46/${code}/` }) as AdminUnit;
const pred = (code: string, placed: boolean, reported = placed) => ({ code, name: `Old ${code}`, reported, placed, split: false });

/** A commune of today's tree formed from old ones: `placed` of `expected` counted. */
function commune(code: string, preds: ReturnType<typeof pred>[]): UnitHistory {
  const placed = preds.filter((p) => p.placed).length;
  return {
    unit: unit(code, 'commune'),
    stats: placed > 0 ? { '1.1.1': { ...emptyStats('1.1.1'), count: placed, sum: 10 * placed } } : {},
    coverage: { expected: preds.length, reported: preds.filter((p) => p.reported).length, placed },
    predecessors: preds,
    notPlaced: [],
  };
}

describe('figure tree', () => {
  it('reads ?tree= as the figures as reported (absent) or on today\'s tree (current), and refuses anything else naming the field', () => {
    expect(figureTree(undefined)).toBe('reported');
    expect(figureTree('')).toBe('reported');
    expect(figureTree('current')).toBe('current');
    let err: unknown;
    try {
      figureTree('old');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).getResponse()).toMatchObject({ field: 'tree' });
  });
});

describe('current-tree figures', () => {
  const a = commune('19867', [pred('19867', true), pred('19882', true), pred('19888', false, true), pred('19894', false)]);
  const b = commune('19900', [pred('19901', false)]);
  const province: UnitHistory = { ...commune('46', []), unit: unit('46', 'province'), coverage: { expected: 5, reported: 3, placed: 2 }, predecessors: [...a.predecessors, ...b.predecessors] };

  it('lists a unit as its predecessors\' aggregate, placed / linked old communes standing for counted / expected', () => {
    const f = historyFigures(a);
    expect(f).toMatchObject({ code: '19867', name: 'U 19867', level: 'commune', coverage: { reported: 2, expected: 4 } });
    expect(f.stats.get('1.1.1')).toMatchObject({ count: 2, sum: 20 });
    expect(historyFigures(a, 'Tổng hợp', '')).toMatchObject({ code: '', name: 'Tổng hợp' });
  });

  it("a commune's summary coverage counts its predecessors (missing: not placed); a province's its communes (missing: none placed)", () => {
    expect(historyCoverage({ self: a, communes: [a] })).toEqual({
      expected: 4,
      reported: 2,
      childrenExpected: 4,
      childrenReported: 2,
      missing: [
        { code: '19888', name: 'Old 19888' },
        { code: '19894', name: 'Old 19894' },
      ],
      asOf: null,
      stale: false,
    });
    expect(historyCoverage({ self: province, communes: [a, b] })).toMatchObject({
      expected: 5,
      reported: 2,
      childrenExpected: 2,
      childrenReported: 1,
      missing: [{ code: '19900', name: 'U 19900' }],
    });
  });

  it('names where the figures came from: the old period, approved only, the predecessors and the licence credit', () => {
    const block = historyBlock({ period: { id: '2023' } as never, self: a });
    expect(block).toMatchObject({ tree: 'current', period: '2023', basis: 'approved', coverage: a.coverage, predecessors: a.predecessors });
    expect(block.attribution).toContain('VietMap');
  });

  it("ranks a commune of today's tree like a district: the mean of its placed predecessors, expecting every linked one", () => {
    const groups = historyGroups({ communes: [a, b] });
    expect(groups.map((g) => [g.unit.code, g.communes, g.expected])).toEqual([
      ['19867', ['19867', '19882'], 4],
      ['19900', [], 1],
    ]);
    const values = { '1.1.1': 5 };
    const scores = historyScores(scheme, TEMPLATE_2023, [
      { code: '19867', values },
      { code: '19882', values },
    ]);
    expect(scores.get('19867')).toEqual({ status: 'approved', score: scoreReport(scheme, TEMPLATE_2023, values, 'commune') });
    const row = groupRow(groups[0], scores, scheme);
    expect(row).toMatchObject({ unit: { code: '19867' }, status: 'partial', scored: 2, expected: 4, coverage: 0.5 });
    expect(groupRow(groups[1], scores, scheme)).toMatchObject({ status: 'none', scored: 0, expected: 1, coverage: 0, total: null });
  });

  it('a group with no expected count expects the communes it lists', () => {
    const s = { status: 'approved', score: { total: 50, max: 100, domains: [] } as unknown as UnitScore } as CommuneScore;
    const row = groupRow({ unit: unit('477', 'district'), communes: ['x', 'y'], district: null }, new Map([['x', s]]), scheme);
    expect(row).toMatchObject({ scored: 1, expected: 2, coverage: 0.5, status: 'partial' });
  });

  it("describes a commune's history with its predecessors as the lineage names them, and a unit with none as empty", () => {
    const period = { id: '2023', startDate: '2022-12-15', endDate: '2023-12-14' } as never;
    const old = (code: string) => ({ ...unit(code, 'commune'), tree: '2024', validFrom: '2008-01-01', validTo: '2025-06-30' }) as AdminUnit;
    const view = unitHistoryView(a.unit, period, {
      template: TEMPLATE_2023,
      self: { ...a, notPlaced: [{ code: '19888', name: 'Old 19888', reason: 'split', share: 0.5 }] },
      oldUnits: new Map(['19867', '19882', '19888', '19894'].map((c) => [c, old(c)])),
      edges: [
        { oldCode: '19888', newCode: '19867', split: true, share: 0.5 },
        { oldCode: '19888', newCode: '19900', split: true, share: 0.5 },
      ],
    });
    expect(view.coverage).toEqual(a.coverage);
    expect(view.predecessors[2]).toEqual({ code: '19888', name: 'U 19888', level: 'commune', tree: '2024', validFrom: '2008-01-01', validTo: '2025-06-30', path: '/46/19888/', split: false, share: 0.5, reported: true, placed: false });
    expect(view.predecessors[0].share).toBeNull();
    expect(view.notPlaced).toEqual([{ code: '19888', reason: 'split', share: 0.5 }]);
    expect(view.indicators['1.1.1']).toMatchObject({ count: 2, sum: 20 });
    expect(unitHistoryView(unit('46', 'province'), period, null)).toMatchObject({ coverage: { expected: 0, reported: 0, placed: 0 }, predecessors: [], notPlaced: [], indicators: {} });
  });
});
