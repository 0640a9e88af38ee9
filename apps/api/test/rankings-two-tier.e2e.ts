import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../src/config/config.schema';
import { insertReport, rollUpAll, loadProvinces, openPeriods, seedUsers } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** Since July 2025 communes hang directly under provinces: rankings and exports must not assume districts. */
describe('rankings and exports on the two-tier tree (2025)', () => {
  let t: TestApp;
  // Thành phố Huế (46) in the 2025 tree: 40 communes and wards, no districts.
  const [P1, P2, P3] = ['19753', '19774', '19777'];

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    await loadProvinces(t, ['46'], path.join(REPO_ROOT, 'data/reference/vn-admin-units-2025.json'));
    await seedUsers(t, [['tinh.46', ['analyst'], '46']]);
    await openPeriods(t, ['2025']);
    await insertReport(t, P1, '2025', 'approved', { '1.1.1': 10, '1.1.2': 5 });
    await insertReport(t, P2, '2025', 'approved', { '1.1.1': 10, '1.1.2': 10 });
    await insertReport(t, P3, '2025', 'submitted', { '1.1.1': 10, '1.1.2': 10 });
    // Rankings read the scores the rollup passes store.
    await rollUpAll(t, ['2025']);
  });
  afterAll(() => t.close());

  it("ranks a province's communes as its children, and exports them with their own values", async () => {
    const token = await t.login('tinh.46');
    const res = await t.request<{ rows: Array<{ unit: { code: string; level: string }; rank: number | null; status: string }> }>('GET', '/api/rankings/46/2025', { token });
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(40);
    expect(res.body.rows.slice(0, 3).map((r) => [r.unit.code, r.unit.level, r.rank, r.status])).toEqual([
      [P2, 'commune', 1, 'approved'],
      [P1, 'commune', 2, 'approved'],
      [P3, 'commune', null, 'submitted'],
    ]);

    const csv = await t.request('GET', '/api/exports/46/2025.csv', { token });
    const rows: string[][] = parse(csv.raw, { bom: true, relax_column_count: true });
    expect(rows.length).toBe(3 + 40 + 1);
    const col = rows[0].indexOf('1.1.2');
    expect(rows.find((r) => r[0] === P1)![col]).toBe('5');
    expect(rows.find((r) => r[0] === P3)![col]).toBe('');
  });
});
