import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SCORING_2023, meanScore, rankUnits, scoreReport, type ReportValues, type UnitScore } from '@cchc/shared';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { REPO_ROOT } from '../src/config/config.schema';
import { PeriodsService } from '../src/modules/periods/periods.service';
import { createUsers } from './support/reports-fixtures';
import { TEMPLATE, TREE, startRollupApp, syntheticValues, waitForRollups, writeReport } from './support/rollup-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Row {
  rank: number | null;
  ranked: boolean;
  belowCoverage: boolean;
  unit: { code: string; level: string };
  status: string;
  scored: number;
  expected: number;
  coverage: number;
  total: { points: number; max: number; percent: number | null } | null;
}

interface Ranking {
  unit: { code: string; level: string };
  scope: string;
  minCoverage: number;
  rows: Row[];
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const communesOf = (province: string): string[] => {
  const p = TREE.provinces.find((x) => x.code === province)!;
  return [...(p.districts ?? []).flatMap((d) => d.communes), ...(p.communes ?? [])].map((c) => c.code);
};

/**
 * The national ranking of provinces through the real pipeline (outbox, BullMQ jobs, rollup passes
 * storing each province's score): it equals the shared rankUnits over the provinces' scores computed
 * here from the reports, with the default coverage threshold (1: every commune scored).
 */
describe('national ranking of provinces (GET /api/rankings/VN/:period)', () => {
  let t: TestApp;
  let admin: string;
  const approved = new Map<string, ReportValues>();

  const provinceMean = (province: string) => {
    const scores = communesOf(province)
      .map((c) => approved.get(c))
      .filter((v): v is ReportValues => !!v)
      .map((v): UnitScore => scoreReport(SCORING_2023, TEMPLATE, v, 'commune'));
    return meanScore(SCORING_2023, scores);
  };

  async function approve(code: string, seed: number): Promise<void> {
    const values = syntheticValues(seed);
    approved.set(code, values);
    await writeReport(t.app, code, values, 'approved');
  }

  beforeAll(async () => {
    ({ t, admin } = await startRollupApp({ RANKING_MIN_COVERAGE: '1' }));
    // Province 98 complete; 99 without 99302 (8 of 9 communes): below a coverage threshold of 1.
    let seed = 1;
    for (const c of [...communesOf('98'), ...communesOf('99').filter((c) => c !== '99302')]) await approve(c, seed++);
    await waitForRollups(t.app);
  });
  afterAll(() => t.close());

  it('lists a province below the coverage after the ranked ones, unranked, with its coverage', async () => {
    const res = await t.request<Ranking>('GET', '/api/rankings/VN/2023', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({ code: 'VN', level: 'country' });
    expect(res.body.minCoverage).toBe(1);
    expect(res.body.rows.map((r) => r.unit.code)).toEqual(['98', '99']);
    const [r98, r99] = res.body.rows;
    const m98 = provinceMean('98')!;
    const m99 = provinceMean('99')!;
    expect(r98).toMatchObject({ rank: 1, ranked: true, belowCoverage: false, scored: 5, expected: 5, status: 'complete' });
    expect(r98.total!.points).toBeCloseTo(m98.total, 4);
    expect(r99).toMatchObject({ rank: null, ranked: false, belowCoverage: true, scored: 8, expected: 9, status: 'partial' });
    expect(r99.coverage).toBeCloseTo(8 / 9, 10);
    expect(r99.total!.points).toBeCloseTo(m99.total, 4);
  });

  it('answers 304 to the same tag until an approval changes the ranking, then ranks as the shared rankUnits does', async () => {
    const first = await t.request<Ranking>('GET', '/api/rankings/VN/2023', { token: admin });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await t.request('GET', '/api/rankings/VN/2023', { token: admin, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);

    await approve('99302', 99);
    await waitForRollups(t.app);

    const after = await t.request<Ranking>('GET', '/api/rankings/VN/2023', { token: admin, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const expected = rankUnits(
      ['98', '99'].map((code) => {
        const m = provinceMean(code)!;
        return { unitCode: code, score: round4((m.total / m.max) * 100) };
      }),
    );
    expect(after.body.rows.map((r) => [r.unit.code, r.rank, r.ranked])).toEqual(expected.map((x) => [x.unitCode, x.rank, true]));
    for (const r of after.body.rows) expect(r.total!.points).toBeCloseTo(provinceMean(r.unit.code)!.total, 4);
  });

  it('is for administrators only, lists provinces only, and exports like the other rankings', async () => {
    const analyst = await t.login('tinh.99', 'secret-pass');
    const refused = await t.request<{ code: string }>('GET', '/api/rankings/VN/2023', { token: analyst });
    expect(refused.status).toBe(403);
    expect((await t.request('GET', '/api/exports/rankings/VN/2023.csv', { token: analyst })).status).toBe(403);

    const communes = await t.request<{ field?: string; details?: unknown }>('GET', '/api/rankings/VN/2023?scope=communes', { token: admin });
    expect(communes.status).toBe(400);
    expect(JSON.stringify(communes.body)).toContain('scope');
    expect((await t.request('GET', '/api/rankings/VN/2023?tree=current', { token: admin })).status).toBe(400);
    expect((await t.request('GET', '/api/rankings/VN/1999', { token: admin })).status).toBe(404);

    const json = await t.request<Ranking>('GET', '/api/rankings/VN/2023', { token: admin });
    const csv = await t.request('GET', '/api/exports/rankings/VN/2023.csv', { token: admin });
    expect(csv.status).toBe(200);
    const rows: string[][] = parse(csv.raw, { bom: true });
    const code = rows[0].indexOf('Mã đơn vị');
    const rank = rows[0].indexOf('Hạng');
    expect(rows.slice(1).map((r) => [r[code], r[rank]])).toEqual(json.body.rows.map((r) => [r.unit.code, String(r.rank)]));
  });
});

/**
 * Both official trees loaded: GSO reuses codes (46 is Thừa Thiên Huế in 2024 and Thành phố Huế in
 * 2025), so the provinces listed are those of the tree in force at the period's end.
 */
describe('national ranking with both trees loaded', () => {
  const REF = (f: string) => path.join(REPO_ROOT, 'data/reference', f);
  type RefTree = { provinces: Array<{ code: string; districts?: Array<{ communes: unknown[] }>; communes?: unknown[] }> };
  const read = (f: string) => JSON.parse(fs.readFileSync(REF(f), 'utf8')) as RefTree;
  const tree2024 = read('vn-admin-units-2024.json');
  const tree2025 = read('vn-admin-units-2025.json');
  const communeCount = (p: RefTree['provinces'][number]) => (p.districts ?? []).reduce((n, d) => n + d.communes.length, 0) + (p.communes?.length ?? 0);
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ UNITS_FILES: `${REF('vn-admin-units-2024.json')},${REF('vn-admin-units-2025.json')}`, RANKING_MIN_COVERAGE: '1' });
    await t.app.get(BootstrapService).prepare();
    for (const id of ['2023', '2026']) await t.app.get(PeriodsService).upsert(id);
    await createUsers(t.app, [['n-admin', ['administrator'], null]]);
    admin = await t.login('n-admin', 'secret-pass');
  }, 300_000);
  afterAll(() => t?.close());

  it.each([
    ['2023', tree2024],
    ['2026', tree2025],
  ])('for %s lists the provinces of the tree in force at the period end', async (period, tree) => {
    const res = await t.request<Ranking>('GET', `/api/rankings/VN/${period}`, { token: admin });
    expect(res.status).toBe(200);
    const codes = tree.provinces.map((p) => p.code).sort((a, b) => Number(a) - Number(b));
    expect(res.body.rows.map((r) => r.unit.code).sort((a, b) => Number(a) - Number(b))).toEqual(codes);
    // Nothing is reported: every province is listed unranked, expecting the communes of its own tree.
    const hue = res.body.rows.find((r) => r.unit.code === '46')!;
    expect(hue).toMatchObject({ rank: null, ranked: false, scored: 0, total: null });
    expect(hue.expected).toBe(communeCount(tree.provinces.find((p) => p.code === '46')!));
  });
});
