import { UnitsService } from '../src/modules/units/units.service';
import { startTestApp, TestApp } from './support/test-app';
import { createUsers, loadProvince46, openPeriods, PASSWORD, validValues } from './support/reports-fixtures';
import { seedReportAsOfPeriod } from './support/report-seed';

interface Outlier {
  code: string;
  kind: string;
  value: number;
  median: number;
  history?: { periodId: string; value: number }[];
  peers?: { unitCode: string; unitName?: string; value: number }[];
  message: { vi: string; en: string };
}
interface Quality {
  unitCode: string;
  outliers: Outlier[];
  narrative: { code: string; stated: string; actual: number; sentence: string; message: { vi: string } }[];
}

describe('quality: outliers for the reviewer and the officer, narrative ↔ appendix (MariaDB)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ token: tok[who] });
  const base = validValues('19894/base');

  beforeAll(async () => {
    t = await startTestApp({ REMINDER_INTERVAL_MS: '0' });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2021', '2022', '2023', '2024']);
    await createUsers(t.app, [
      ['huyen.477', ['reviewer', 'analyst'], '477'],
      ['huyen.474', ['reviewer', 'analyst'], '474'],
      ['xa.19894', ['officer'], '19894'],
    ]);
    for (const u of ['huyen.477', 'huyen.474', 'xa.19894']) tok[u] = await t.login(u, PASSWORD);
    // Quảng Thọ's approved history: 1.1.3 (directives issued) between 30 and 38.
    const history: Record<string, number> = { '2021': 30, '2022': 35, '2023': 32 };
    for (const [p, v] of Object.entries(history)) {
      await seedReportAsOfPeriod(t.app, '19894', p, 'approved', { ...base, '1.1.3': v });
      await seedReportAsOfPeriod(t.app, '19870', p, 'approved', { ...base, '1.1.3': v });
    }
    // Quảng Thái submits an ordinary figure.
    await seedReportAsOfPeriod(t.app, '19870', '2024', 'submitted', { ...base, '1.1.3': 36 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a value 10× the unit’s history is flagged for the officer before submitting and for the reviewer, with the history shown', async () => {
    const put = await t.request('PUT', '/api/reports/19894/2024', {
      ...as('xa.19894'),
      body: {
        values: { ...base, '1.1.3': 330, '7.8.3': 56.1 },
        narrative: { I: 'Thực hiện giải quyết các TTHC đúng hạn đạt trên 99% và hồ sơ trực tuyến đạt trên 63%; đồng thời rà soát danh mục TTHC.' },
      },
    });
    expect(put.status).toBe(200);
    const mine = await t.request<Quality>('GET', '/api/quality/19894/2024', as('xa.19894'));
    expect(mine.status).toBe(200);
    const o = mine.body.outliers.find((x) => x.code === '1.1.3')!;
    expect(o).toMatchObject({ kind: 'history', value: 330, median: 32 });
    expect(o.history).toEqual([
      { periodId: '2021', value: 30 },
      { periodId: '2022', value: 35 },
      { periodId: '2023', value: 32 },
    ]);
    expect(o.message.vi).toContain('2022: 35');
    // The narrative says more than the appendix: a warning naming the sentence and the row.
    expect(mine.body.narrative).toEqual([expect.objectContaining({ code: '7.8.3', stated: 'trên 63%', actual: 56.1 })]);
    expect(mine.body.narrative[0].sentence).toContain('hồ sơ trực tuyến đạt trên 63%');

    // Submitting is not blocked by warnings; the reviewer sees the same, and the period's list names it.
    expect((await t.request('POST', '/api/reports/19894/2024/submit', as('xa.19894'))).status).toBe(200);
    const reviewer = await t.request<Quality>('GET', '/api/quality/19894/2024', as('huyen.477'));
    expect(reviewer.body.outliers.map((x) => x.code)).toContain('1.1.3');
    const list = await t.request<Quality[]>('GET', '/api/quality/477/2024/children', as('huyen.477'));
    expect(list.status).toBe(200);
    expect(list.body.map((q) => q.unitCode)).toEqual(['19894']);
    expect(list.body[0].outliers.find((x) => x.code === '1.1.3')?.history).toHaveLength(3);
  });

  it('a normal value is not flagged', async () => {
    const r = await t.request<Quality>('GET', '/api/quality/19870/2024', as('huyen.477'));
    expect(r.status).toBe(200);
    expect(r.body.outliers).toEqual([]);
  });

  it('another district’s reviewer may not read them', async () => {
    expect((await t.request('GET', '/api/quality/19894/2024', as('huyen.474'))).status).toBe(403);
    expect((await t.request('GET', '/api/quality/477/2024/children', as('huyen.474'))).status).toBe(403);
  });

  it("names the sibling units a value was compared with, each with its code", async () => {
    // Five siblings approved this period: enough peers for the median-based check.
    const siblings: Record<string, number> = { '19867': 29, '19873': 31, '19876': 33, '19879': 34, '19882': 37 };
    for (const [code, v] of Object.entries(siblings)) await seedReportAsOfPeriod(t.app, code, '2024', 'approved', { ...base, '1.1.3': v });
    const children = await t.app.get(UnitsService).children('477');
    const names = new Map(children.map((u) => [u.code, u.name]));
    // A commune with no history, so its figure is judged against its peers: 400 against a median of 33.
    const lone = children.find((c) => !['19894', '19870', ...Object.keys(siblings)].includes(c.code))!.code;
    await seedReportAsOfPeriod(t.app, lone, '2024', 'submitted', { ...base, '1.1.3': 400 });
    const expected = Object.entries(siblings).map(([unitCode, value]) => ({ unitCode, unitName: names.get(unitCode), value }));
    expect(expected.every((p) => !!p.unitName && p.unitName !== p.unitCode)).toBe(true);
    const sortByCode = (ps: Outlier['peers']) => [...(ps ?? [])].sort((a, b) => a.unitCode.localeCompare(b.unitCode));

    const one = await t.request<Quality>('GET', `/api/quality/${lone}/2024`, as('huyen.477'));
    const peers = one.body.outliers.find((x) => x.code === '1.1.3');
    expect(peers?.kind).toBe('peers');
    expect(sortByCode(peers!.peers)).toEqual(expected);
    const list = await t.request<Quality[]>('GET', '/api/quality/477/2024/children', as('huyen.477'));
    const listed = list.body.find((q) => q.unitCode === lone)!.outliers.find((x) => x.code === '1.1.3');
    expect(sortByCode(listed!.peers)).toEqual(expected);
  });
});
