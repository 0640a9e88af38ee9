import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  meanScore,
  ReportValues,
  SCORING_2023,
  scoreReport,
  statsFromValues,
  summarize,
  valueNodes,
  type IndicatorNode,
} from '@cchc/shared';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { REPO_ROOT } from '../src/config/config.schema';
import type { LineageFile } from '../src/modules/lineage/lineage-loader.service';
import { PeriodsService } from '../src/modules/periods/periods.service';
import type { ReportStatus } from '../src/modules/reports/entities/report.entity';
import type { HistorySummaryResponseDto } from '../src/modules/figures/current-tree/dto/history-summary.dto';
import type { RankingResponseDto } from '../src/modules/figures/rankings/dto/ranking-response.dto';
import { createUsers, TEMPLATE, validValues } from './support/reports-fixtures';
import { seedReportAsOfPeriod } from './support/report-seed';
import { startTestApp, TestApp } from './support/test-app';

const REF = (f: string) => path.join(REPO_ROOT, 'data/reference', f);
const LINEAGE = REF('vn-admin-lineage-2025.json');
const lineage = JSON.parse(fs.readFileSync(LINEAGE, 'utf8')) as LineageFile & {
  communes: Array<{ old: string; oldDistrict: string; new: string[]; split: boolean }>;
  unmatched: { old: Array<{ old: string; province?: string }> };
};
const tree2025 = JSON.parse(fs.readFileSync(REF('vn-admin-units-2025.json'), 'utf8')) as { provinces: Array<{ code: string; communes: Array<{ code: string }> }> };
const tree2024 = JSON.parse(fs.readFileSync(REF('vn-admin-units-2024.json'), 'utf8')) as {
  provinces: Array<{ code: string; districts: Array<{ code: string; communes: Array<{ code: string; name: string }> }> }>;
};
const NODES = valueNodes(TEMPLATE);
const NEW_HUE = tree2025.provinces.find((p) => p.code === '46')!.communes.map((c) => c.code);
const OLD_HUE = tree2024.provinces.find((p) => p.code === '46')!.districts.flatMap((d) => d.communes.map((c) => c.code));

/** The test's own aggregate of a set of reports: shared statsFromValues + summarize, per indicator. */
function aggregate(reports: ReportValues[]) {
  const stats = (node: IndicatorNode) =>
    statsFromValues(node, reports.map((v) => ({ value: v[node.code], weight: node.weightCode ? v[node.weightCode] : undefined })));
  return new Map(NODES.map((n) => [n.code, summarize(n, stats(n))]));
}

type Indicators = HistorySummaryResponseDto['indicators'];
function expectSameFigures(indicators: Indicators, expected: ReturnType<typeof aggregate>): void {
  const byCode = new Map(indicators.map((i) => [i.code, i.summary]));
  for (const [code, s] of expected) {
    const got = byCode.get(code);
    expect({ code, count: got?.count }).toEqual({ code, count: s.count });
    expect(got!.sum).toBeCloseTo(s.sum, 9);
    if (s.headline === null) expect(got!.headline).toBeNull();
    else expect(got!.headline).toBeCloseTo(s.headline, 9);
    if (got!.optionCounts) for (const o of got!.optionCounts) expect(o.count).toBe(s.optionCounts[String(o.value)] ?? 0);
  }
}

describe('history on the current tree: ?tree=current for summaries, rankings and exports (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  const values = new Map<string, ReportValues>();

  /** A report as the workflow leaves it, through the store's seed path (this suite only reads them). */
  async function putReport(unitCode: string, periodId: string, status: ReportStatus, key = `hist-${unitCode}-${periodId}`): Promise<ReportValues> {
    const v = validValues(key);
    await seedReportAsOfPeriod(t.app, unitCode, periodId, status, v);
    if (status === 'approved') values.set(unitCode, v);
    return v;
  }

  const PREDECESSORS = ['19867', '19882', '19888', '19894'];
  // Another old Huế commune that went whole into one new commune other than 19867.
  const elsewhere = lineage.communes.find((c) => OLD_HUE.includes(c.old) && !c.split && !c.new.includes('19867'))!;
  const pending = lineage.communes.find((c) => OLD_HUE.includes(c.old) && !PREDECESSORS.includes(c.old) && c.old !== elsewhere.old)!;
  const UNMATCHED = '19819'; // Thị trấn Phong Điền: no VietMap successor
  // A split commune (Hà Nội: 00007 Phường Cống Vị → 00008 and 00025) and a whole predecessor of 00008.
  const split = lineage.communes.find((c) => c.old === '00007')!;
  const wholeInto8 = lineage.communes.find((c) => !c.split && c.new.includes('00008'))!;

  beforeAll(async () => {
    t = await startTestApp({ UNITS_FILES: `${REF('vn-admin-units-2024.json')},${REF('vn-admin-units-2025.json')}`, LINEAGE_FILE: LINEAGE, RANKING_MIN_COVERAGE: '1' });
    await t.app.get(BootstrapService).prepare();
    for (const id of ['2023', '2026']) await t.app.get(PeriodsService).upsert(id);
    await createUsers(t.app, [
      ['h-admin', ['administrator'], null],
      ['h-officer-19867', ['officer'], '19867'],
    ]);
    admin = await t.login('h-admin', 'secret-pass');
    for (const code of PREDECESSORS) await putReport(code, '2023', 'approved');
    await putReport(elsewhere.old, '2023', 'approved');
    await putReport(UNMATCHED, '2023', 'approved');
    await putReport(pending.old, '2023', 'submitted');
    await putReport(split.old, '2023', 'approved');
    await putReport(wholeInto8.old, '2023', 'approved');
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const summary = (code: string, token = admin, q = '?tree=current') =>
    t.request<HistorySummaryResponseDto & { field?: string }>('GET', `/api/summaries/${code}/2023${q}`, { token });

  it("gives new 19867 (Xã Quảng Điền) the aggregate of old 19867, 19882, 19888, 19894's approved 2023 reports, with its coverage and VietMap's attribution", async () => {
    expect(lineage.communes.filter((c) => c.new.includes('19867')).map((c) => c.old).sort()).toEqual(PREDECESSORS);
    const res = await summary('19867');
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({ code: '19867', name: 'Xã Quảng Điền', level: 'commune' });
    expectSameFigures(res.body.indicators, aggregate(PREDECESSORS.map((c) => values.get(c)!)));
    const byHand = PREDECESSORS.reduce((n, c) => n + (values.get(c)!['1.1.1'] ?? 0), 0);
    expect(res.body.indicators.find((i) => i.code === '1.1.1')!.summary!.headline).toBe(byHand);
    expect(res.body.coverage).toMatchObject({ expected: 4, reported: 4, childrenExpected: 4, childrenReported: 4, missing: [] });
    expect(res.body.history).toMatchObject({
      tree: 'current',
      period: '2023',
      basis: 'approved',
      coverage: { expected: 4, reported: 4, placed: 4 },
      notPlaced: [],
      attribution: 'Administrative data provided by VietMap',
    });
    expect(res.body.history!.predecessors.map((p) => [p.code, p.name, p.reported])).toEqual([
      ['19867', 'Thị trấn Sịa', true],
      ['19882', 'Xã Quảng Phước', true],
      ['19888', 'Xã Quảng An', true],
      ['19894', 'Xã Quảng Thọ', true],
    ]);
  });

  it("lets a 2026 officer of new 19867 read its predecessors' aggregate, and nothing else", async () => {
    const officer = await t.login('h-officer-19867', 'secret-pass');
    const own = await summary('19867', officer);
    expect(own.status).toBe(200);
    expect(own.body.history!.coverage.placed).toBe(4);
    // Another new commune's history, the old communes' own reports, and ordinary summaries stay closed.
    const other = await summary(elsewhere.new[0], officer);
    expect(other.status).toBe(403);
    expect((await t.request('GET', '/api/exports/report/19882/2023.xlsx', { token: officer })).status).toBe(403);
    expect((await summary('19867', officer, '')).status).toBe(403);
    expect((await summary('46', officer)).status).toBe(403);
  });

  it('lists an unmatched old commune of old province 46 as not placed, and gives new 46 exactly old 46 minus it', async () => {
    expect(lineage.unmatched.old.some((u) => u.old === UNMATCHED)).toBe(true);
    const res = await summary('46');
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({ code: '46', name: 'Thành phố Huế' });
    expect(res.body.history!.notPlaced).toEqual([{ code: UNMATCHED, name: 'Thị trấn Phong Điền', reason: 'unmatched', share: null }]);
    // The old province's 2023 figure, computed here from every approved 2023 report of its communes.
    const oldHue = [...PREDECESSORS, elsewhere.old, UNMATCHED];
    expect(oldHue.every((c) => OLD_HUE.includes(c))).toBe(true);
    const old46 = aggregate(oldHue.map((c) => values.get(c)!));
    const placed = aggregate(oldHue.filter((c) => c !== UNMATCHED).map((c) => values.get(c)!));
    expectSameFigures(res.body.indicators, placed);
    // The relation the data implies: no old Huế commune was split, none went to another province, so
    // new 46 = old 46 − the unmatched communes; for a sum, exactly old 46's sum minus 19819's value.
    expect(lineage.communes.filter((c) => OLD_HUE.includes(c.old) && c.split)).toEqual([]);
    expect(lineage.communes.filter((c) => OLD_HUE.includes(c.old)).every((c) => c.new.every((n) => NEW_HUE.includes(n)))).toBe(true);
    const total = res.body.indicators.find((i) => i.code === '1.1.1')!.summary!;
    expect(total.sum).toBe(old46.get('1.1.1')!.sum - (values.get(UNMATCHED)!['1.1.1'] ?? 0));
    expect(total.count).toBe(old46.get('1.1.1')!.count - 1);
    const unmatchedHue = lineage.unmatched.old.filter((u) => OLD_HUE.includes(u.old)).length;
    expect(res.body.history!.coverage).toEqual({ expected: OLD_HUE.length, reported: oldHue.length, placed: oldHue.length - 1 });
    expect(OLD_HUE.length - unmatchedHue).toBe(lineage.communes.filter((c) => OLD_HUE.includes(c.old)).length);
    // Rows: today's communes of Thành phố Huế; the submitted report counted nowhere.
    expect(res.body.coverage.childrenExpected).toBe(NEW_HUE.length);
    expect(res.body.coverage.childrenReported).toBe(2); // 19867 and where `elsewhere` went
    expect(res.body.history!.predecessors.find((p) => p.code === pending.old)).toMatchObject({ reported: false, placed: false });
  });

  it('never counts a split commune twice: not placed in either part, counted once in the province that received all of it', async () => {
    expect(split.split && split.new.sort()).toEqual(['00008', '00025']);
    const parts = await Promise.all(split.new.map((c) => summary(c)));
    for (const p of parts) {
      expect(p.status).toBe(200);
      expect(p.body.history!.notPlaced).toEqual([expect.objectContaining({ code: '00007', reason: 'split_without_share', share: null })]);
    }
    const [a, b] = parts.map((p) => p.body.indicators.find((i) => i.code === '1.1.1')!.summary!);
    expectSameFigures(parts[0].body.indicators, aggregate([values.get(wholeInto8.old)!]));
    expect(b.count).toBe(0);
    expect(a.sum + b.sum).toBe(values.get(wholeInto8.old)!['1.1.1'] ?? 0);
    const hanoi = await summary('01');
    expect(hanoi.status).toBe(200);
    expect(hanoi.body.history!.notPlaced.map((n) => n.code)).not.toContain('00007');
    expectSameFigures(hanoi.body.indicators, aggregate([values.get(split.old)!, values.get(wholeInto8.old)!]));
  });

  it("ranks today's communes by their predecessors' mean score, at the ranking's coverage threshold", async () => {
    const res = await t.request<RankingResponseDto>('GET', '/api/rankings/46/2023?tree=current', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.previousPeriod).toBeNull();
    expect(res.body.rows.map((r) => r.unit.code).sort()).toEqual([...NEW_HUE].sort());
    const row = res.body.rows.find((r) => r.unit.code === '19867')!;
    const mean = meanScore(SCORING_2023, PREDECESSORS.map((c) => scoreReport(SCORING_2023, TEMPLATE, values.get(c)!, 'commune')))!;
    expect(row).toMatchObject({ scored: 4, expected: 4, coverage: 1, ranked: true, rank: 1, status: 'complete' });
    expect(row.total!.points).toBeCloseTo(mean.total, 3);
    expect(row.total!.max).toBeCloseTo(mean.max, 3);
    const other = res.body.rows.find((r) => r.unit.code === elsewhere.new[0])!;
    const expectedOther = lineage.communes.filter((c) => c.new.includes(elsewhere.new[0])).length;
    expect(other).toMatchObject({ scored: 1, expected: expectedOther });
    // Below the threshold (1 of several predecessors) a commune has a score but no rank.
    if (expectedOther > 1) expect(other).toMatchObject({ ranked: false, belowCoverage: true, rank: null });
    expect(res.body.rows.filter((r) => r.total === null).every((r) => r.rank === null && r.scored === 0)).toBe(true);
    expect((await t.request('GET', '/api/rankings/46/2023?tree=current&basis=submitted', { token: admin })).status).toBe(400);
  });

  it("exports the pivot on today's units: one row per commune of Thành phố Huế, then the city's row", async () => {
    const res = await t.request('GET', '/api/exports/46/2023.csv?tree=current', { token: admin });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/csv');
    const lines = res.raw.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    const header = lines[0];
    const body = lines.slice(3);
    expect(body).toHaveLength(NEW_HUE.length + 1);
    expect(body.slice(0, -1).map((r) => r[0]).sort()).toEqual([...NEW_HUE].sort());
    const col = header.indexOf('1.1.1');
    const r19867 = body.find((r) => r[0] === '19867')!;
    expect(r19867.slice(1, 5)).toEqual(['Xã Quảng Điền', 'Đủ số liệu', '4', '4']);
    expect(Number(r19867[col])).toBe(PREDECESSORS.reduce((n, c) => n + (values.get(c)!['1.1.1'] ?? 0), 0));
    const last = body[body.length - 1];
    expect(last[0]).toBe('');
    expect(last[1]).toMatch(/^Tổng hợp: Thành phố Huế/);
    expect(Number(last[col])).toBe([...PREDECESSORS, elsewhere.old].reduce((n, c) => n + (values.get(c)!['1.1.1'] ?? 0), 0));
    const xlsx = await t.request('GET', '/api/exports/46/2023.xlsx?tree=current', { token: admin });
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses what it cannot answer with a field and a Vietnamese reason', async () => {
    const bad = await summary('19867', admin, '?tree=old');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('tree');
    const after = await t.request<{ field: string; message: string }>('GET', '/api/summaries/19867/2026?tree=current', { token: admin });
    expect(after.status).toBe(400);
    expect(after.body.field).toBe('period');
    expect(after.body.message).toContain('Xã Quảng Điền');
    expect((await t.request('GET', '/api/rankings/46/2023?tree=old', { token: admin })).status).toBe(400);
    expect((await t.request('GET', '/api/summaries/19867/1999?tree=current', { token: admin })).status).toBe(404);
  });
});
