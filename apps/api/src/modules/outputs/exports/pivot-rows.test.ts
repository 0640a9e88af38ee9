import { TEMPLATE_2023, emptyStats, valueNodes } from '@cchc/shared';
import type { ListedFigures } from '../../figures/figure-source/figure-source';
import { figuresRow, listedRow, pivotPlan } from './pivot-rows';

const plan = pivotPlan({ unit: null, title: 'Toàn quốc', periodId: '2023', scope: 'children', basis: 'approved', template: TEMPLATE_2023 });
const count = valueNodes(TEMPLATE_2023, 'commune').find((n) => n.valueType === 'count' || n.aggregation === 'sum')!;
const choice = plan.options[0];
const col = (code: string) => plan.columns.findIndex((c) => c.code === code);
const optCol = plan.columns.length; // the first option column

describe('pivot rows from listed figures', () => {
  it('has one column per value a commune reports, then one per option of each choice', () => {
    expect(plan.columns).toEqual(valueNodes(TEMPLATE_2023, 'commune'));
    expect(choice.code).toBe(`${choice.indicator.code}#${choice.value}`);
  });

  it("shows a commune's report as typed when it counts, blank when it does not, and a chosen option as 1", () => {
    const values = new Map<string, number | null>([
      [count.code, 7],
      [choice.indicator.code, choice.value],
    ]);
    const counted: ListedFigures = { kind: 'report', code: '19867', name: 'Xã A', level: 'commune', status: 'approved', counted: true, values };
    const row = listedRow(plan, counted);
    expect(row).toMatchObject({ code: '19867', status: 'approved', reported: 1, expected: 1 });
    expect(row.summary).toBeUndefined();
    expect(row.values[col(count.code)]).toBe(7);
    expect(row.values[optCol]).toBe(1);
    const draft = listedRow(plan, { ...counted, status: 'draft', counted: false });
    expect(draft).toMatchObject({ status: 'draft', reported: 0, expected: 1 });
    expect(draft.values.every((v) => v === null)).toBe(true);
    expect(listedRow(plan, { ...counted, status: 'missing', counted: false, values: new Map() }).status).toBe('missing');
  });

  it('shows computed figures by their headline, with a coverage status, or "not rolled up" without coverage', () => {
    const stats = new Map([[count.code, { ...emptyStats(count.code), count: 2, sum: 9, min: 4, max: 5 }]]);
    const row = figuresRow(plan, { code: '477', name: 'Huyện B', level: 'district', stats, coverage: { reported: 2, expected: 3 } });
    expect(row).toMatchObject({ status: 'partial', summary: true, reported: 2, expected: 3 });
    expect(row.values[col(count.code)]).toBe(9);
    expect(row.values[optCol]).toBeNull();
    expect(figuresRow(plan, { code: '', name: 'Tổng hợp', level: 'country', stats: new Map(), coverage: null })).toMatchObject({ status: 'not_rolled_up', reported: null, expected: null });
    expect(figuresRow(plan, { code: 'x', name: 'x', level: 'commune', stats: new Map(), coverage: { reported: 0, expected: 4 } }).status).toBe('none');
    expect(figuresRow(plan, { code: 'x', name: 'x', level: 'commune', stats: new Map(), coverage: { reported: 4, expected: 4 } }).status).toBe('complete');
  });
});
