import type { Template } from '@cchc/shared';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { readDocxText } from './support/docx-text';
import { createUsers, loadProvince46, openPeriods, PASSWORD, validValues } from './support/reports-fixtures';
import { waitFor } from './support/rollup-fixtures';
import { DATABASE_SHAPES, startTestApp, type TestApp } from './support/test-app';
import { getFirstSheet } from './support/xlsx';

interface Issue { section: string; row: number | null; code: string | null; field: string; vi: string }
interface ErrorBody { error: string; message: string; field?: string; details?: { issues?: Issue[] } }
interface SummaryBody { indicators: Array<{ code: string; title: string; summary: { count: number; headline: number | null } | null }> }

const COMMUNE = '19894';
const DISTRICT = '477';
const NEW_TITLE = 'Số nhiệm vụ CCHC trong kế hoạch năm (đã sửa tên)';

/**
 * The administrator's path for next year's form: take 2023.1 as GET returns it, add a row and
 * rename one, publish, bind a new period; a commune reports on it and everything downstream
 * follows the period's version, while the 2023 period's outputs stay what they were.
 */
describe.each(DATABASE_SHAPES)('template versions as data ($name)', ({ database, env }) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ token: tok[who] });
  let base: Template;

  const rollupsSettled = (period: string) => async () =>
    (await t.app.get(DataSource).getRepository(RollupState).count({ where: { periodId: period, dirty: true } })) === 0 &&
    (await t.app.get(DataSource).getRepository(RollupState).count({ where: { periodId: period } })) > 0;

  /** Save, submit, approve: the whole path a commune's figures take. */
  async function reportAndApprove(period: string, values: Record<string, number>) {
    const saved = await t.request<{ version: number; templateVersion: string }>('PUT', `/api/reports/${COMMUNE}/${period}`, { ...as('xa'), body: { values } });
    expect(saved.status).toBe(200);
    expect((await t.request('POST', `/api/reports/${COMMUNE}/${period}/submit`, as('xa'))).status).toBe(200);
    expect((await t.request('POST', `/api/reports/${COMMUNE}/${period}/approve`, as('huyen'))).status).toBe(200);
    await waitFor(rollupsSettled(period), `rollups of ${period}`);
    return saved.body;
  }

  /** Everything the 2023 period answers, to compare before and after a new version exists. */
  async function outputs2023() {
    const report = await t.request<Record<string, unknown>>('GET', `/api/reports/${COMMUNE}/2023`, as('admin'));
    const summary = await t.request<SummaryBody>('GET', `/api/summaries/${DISTRICT}/2023`, as('admin'));
    const csv = await t.request('GET', `/api/exports/${DISTRICT}/2023.csv`, as('admin'));
    const sheet = await getFirstSheet(t, `/api/exports/${DISTRICT}/2023.xlsx`, tok['admin']);
    const cells: unknown[][] = [];
    sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1)));
    const docx = await t.request('GET', `/api/exports/report/${COMMUNE}/2023.docx`, as('admin'));
    const { updatedAt: _u, ...reportBody } = report.body;
    return { report: reportBody, summary: summary.body, csv: csv.raw.toString('utf8'), cells, docx: (await readDocxText(docx.raw)).xml };
  }

  beforeAll(async () => {
    t = await startTestApp(env, { database });
    await loadProvince46(t.app);
    await openPeriods(t.app, ['2023']);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      ['huyen', ['reviewer', 'analyst'], DISTRICT],
      ['xa', ['officer'], COMMUNE],
    ]);
    for (const u of ['admin', 'huyen', 'xa']) tok[u] = await t.login(u, PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the built-in 2023.1 is stored, published, and bound to the periods opened', async () => {
    const list = await t.request<Array<{ version: string; status: string }>>('GET', '/api/templates', as('xa'));
    expect(list.status).toBe(200);
    expect(list.body.map((v) => [v.version, v.status])).toEqual([['2023.1', 'published']]);
    const got = await t.request<Template>('GET', '/api/templates/2023.1', as('xa'));
    expect(got.status).toBe(200);
    expect(got.body.nodes).toHaveLength(130);
    base = got.body;
    const period = await t.request<{ templateVersion: string }>('GET', '/api/periods/2023', as('xa'));
    expect(period.body.templateVersion).toBe('2023.1');
  });

  let before: Awaited<ReturnType<typeof outputs2023>>;
  it('a 2023 report goes through on 2023.1', async () => {
    const saved = await reportAndApprove('2023', validValues('2023'));
    expect(saved.templateVersion).toBe('2023.1');
    before = await outputs2023();
    expect(before.csv).toContain('1.1.1');
    expect(before.csv).not.toContain('7.9');
  });

  it('refuses each invalid document with 400 naming the row, and stores nothing', async () => {
    const post = (doc: unknown) => t.request<ErrorBody>('POST', '/api/templates', { ...as('admin'), body: doc as object });
    const bad = (change: (d: Template) => void) => {
      const d = JSON.parse(JSON.stringify(base)) as Template;
      d.version = 'bad.1';
      change(d);
      return post(d);
    };
    const dup = await bad((d) => d.nodes.push({ ...d.nodes[2] }));
    expect(dup.status).toBe(400);
    expect(dup.body.details?.issues?.[0]).toMatchObject({ row: 131, code: d2(base), field: 'code' });
    expect(dup.body.message).toContain('Dòng 131');
    const orphan = await bad((d) => d.nodes.push({ code: '8.1', parent: '8', title: 'X', unit: '', valueType: 'count', levels: ['commune'], depth: 2, isHeading: false }));
    expect(orphan.body.details?.issues?.[0]).toMatchObject({ row: 131, code: '8.1', field: 'parent' });
    const cycle = await bad((d) => {
      d.nodes[0].parent = '1.1';
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.details?.issues?.[0].vi).toContain('vòng lặp chỉ tiêu cha');
    const choice = await bad((d) => {
      delete d.nodes.find((n) => n.valueType === 'choice')!.options;
    });
    expect(choice.body.details?.issues?.[0].field).toBe('options');
    const rule = await bad((d) => {
      d.rules[0].left = ['0.0'];
    });
    expect(rule.body.details?.issues?.[0]).toMatchObject({ section: 'rules', row: 1, field: 'left' });
    const bounds = await bad((d) => {
      d.nodes.find((n) => n.valueType === 'percent')!.max = 150;
    });
    expect(bounds.body.details?.issues?.[0].vi).toContain('0–100');
    const level = await bad((d) => {
      (d.nodes.find((n) => n.valueType === 'count')!.levels as string[]) = ['ward'];
    });
    expect(level.body.details?.issues?.[0].vi).toContain('cấp báo cáo "ward" không tồn tại');
    for (const r of [dup, orphan, cycle, choice, rule, bounds, level]) expect(r.status).toBe(400);
    const list = await t.request<Array<{ version: string }>>('GET', '/api/templates', as('admin'));
    expect(list.body.map((v) => v.version)).toEqual(['2023.1']);
  });

  it('an administrator authors 2024.1 from GET 2023.1 as it is: draft, diff, publish; a published version never changes', async () => {
    const doc = JSON.parse(JSON.stringify(base)) as Template;
    doc.version = '2024.1';
    doc.year = 2024;
    doc.nodes.find((n) => n.code === '1.1.1')!.title = NEW_TITLE;
    doc.nodes.push({ code: '7.9', parent: '7', title: 'Số dịch vụ công trực tuyến mới triển khai', unit: 'Dịch vụ', valueType: 'count', levels: ['commune', 'district', 'province'], aggregation: 'sum', depth: 2, isHeading: false });
    // Only administrators author.
    expect((await t.request('POST', '/api/templates', { ...as('huyen'), body: doc })).status).toBe(403);
    const created = await t.request<Template>('POST', '/api/templates', { ...as('admin'), body: doc });
    expect(created.status).toBe(201);
    expect((await t.request('POST', '/api/templates', { ...as('admin'), body: doc })).status).toBe(409);
    // A draft is the administrators' own: others do not see it and cannot bind it.
    expect((await t.request('GET', '/api/templates/2024.1', as('xa'))).status).toBe(404);
    expect((await t.request<Array<{ version: string }>>('GET', '/api/templates', as('xa'))).body.map((v) => v.version)).toEqual(['2023.1']);
    const unbound = await t.request<ErrorBody>('PUT', '/api/periods/2024', { ...as('admin'), body: { templateVersion: '2024.1' } });
    expect(unbound.status).toBe(400);
    expect(unbound.body.field).toBe('templateVersion');

    const diff = await t.request<{ added: Array<{ code: string }>; removed: unknown[]; changed: Array<{ code: string; changes: Array<{ field: string; to: unknown }> }> }>('GET', '/api/templates/2023.1/diff/2024.1', as('admin'));
    expect(diff.status).toBe(200);
    expect(diff.body.added.map((a) => a.code)).toEqual(['7.9']);
    expect(diff.body.removed).toEqual([]);
    expect(diff.body.changed).toEqual([{ code: '1.1.1', title: NEW_TITLE, changes: [{ field: 'title', from: base.nodes.find((n) => n.code === '1.1.1')!.title, to: NEW_TITLE }] }]);

    const published = await t.request<{ status: string }>('POST', '/api/templates/2024.1/publish', as('admin'));
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const again = await t.request<ErrorBody>('PUT', '/api/templates/2024.1', { ...as('admin'), body: doc });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('template_published');
    expect((await t.request('POST', '/api/templates/2024.1/publish', as('admin'))).status).toBe(409);
    expect((await t.request('DELETE', '/api/templates/2024.1', as('admin'))).status).toBe(409);
    expect((await t.request('DELETE', '/api/templates/2023.1', as('admin'))).status).toBe(409);
    // A draft, by contrast, can be deleted.
    const scratch = { ...doc, version: '2024.scratch' };
    expect((await t.request('POST', '/api/templates', { ...as('admin'), body: scratch })).status).toBe(201);
    expect((await t.request('DELETE', '/api/templates/2024.scratch', as('admin'))).status).toBe(204);
    expect((await t.request('GET', '/api/templates/2024.scratch', as('admin'))).status).toBe(404);
  });

  it('a new period binds 2024.1; the commune reports 7.9 and every output follows the period\'s version', async () => {
    const opened = await t.request<{ templateVersion: string }>('PUT', '/api/periods/2024', { ...as('admin'), body: { templateVersion: '2024.1' } });
    expect(opened.status).toBe(200);
    expect(opened.body.templateVersion).toBe('2024.1');
    const saved = await reportAndApprove('2024', { ...validValues('2024'), '7.9': 7 });
    expect(saved.templateVersion).toBe('2024.1');

    const report = await t.request<{ values: Record<string, number>; findings: unknown[] }>('GET', `/api/reports/${COMMUNE}/2024`, as('xa'));
    expect(report.body.values['7.9']).toBe(7);
    const summary = await t.request<SummaryBody>('GET', `/api/summaries/${DISTRICT}/2024`, as('huyen'));
    const row = summary.body.indicators.find((i) => i.code === '7.9');
    expect(row?.summary).toMatchObject({ count: 1, headline: 7 });
    expect(summary.body.indicators.find((i) => i.code === '1.1.1')?.title).toBe(NEW_TITLE);
    // No scheme is published for 2024.1 yet: the period rolls up, and its ranking lists units without scores.
    const ranking = await t.request<{ schemeVersion: string; rows: Array<{ total: unknown }> }>('GET', `/api/rankings/${DISTRICT}/2024`, as('admin'));
    expect(ranking.status).toBe(200);
    expect(ranking.body.schemeVersion).toBe('none');
    expect(ranking.body.rows.length).toBeGreaterThan(0);
    expect(ranking.body.rows.every((r) => r.total === null)).toBe(true);

    const csv = await t.request('GET', `/api/exports/${DISTRICT}/2024.csv`, as('huyen'));
    expect(csv.status).toBe(200);
    const rows: string[][] = parse(csv.raw, { bom: true, relax_column_count: true });
    const col = rows[0].indexOf('7.9');
    expect(col).toBeGreaterThan(0);
    expect(rows[1][col]).toBe('Số dịch vụ công trực tuyến mới triển khai');
    expect(rows.find((r) => r[0] === COMMUNE)?.[col]).toBe('7');
    // The summary row (last) sums it.
    expect(rows[rows.length - 1][col]).toBe('7');
    const sheet = await getFirstSheet(t, `/api/exports/${DISTRICT}/2024.xlsx`, tok['huyen']);
    const headerCells: string[] = [];
    sheet.eachRow((r) => {
      for (const v of (r.values as unknown[]).slice(1)) if (typeof v === 'string') headerCells.push(v);
    });
    expect(headerCells.some((h) => h.startsWith('7.9'))).toBe(true);

    const docx = await readDocxText((await t.request('GET', `/api/exports/report/${COMMUNE}/2024.docx`, as('xa'))).raw);
    const appendix = docx.tables[docx.tables.length - 1];
    const printed = appendix.find((r) => r[0] === '7.9.');
    expect(printed?.[1]).toBe('Số dịch vụ công trực tuyến mới triển khai');
    expect(printed?.[3]).toBe('7');
  });

  it('a period with reports cannot change its version (409), and the 2023 outputs are what they were', async () => {
    const moved = await t.request<ErrorBody>('PUT', '/api/periods/2024', { ...as('admin'), body: { templateVersion: '2023.1' } });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toBe('period_has_reports');
    expect((await t.request<{ templateVersion: string }>('GET', '/api/periods/2024', as('xa'))).body.templateVersion).toBe('2024.1');
    expect(await outputs2023()).toEqual(before);
  });

  it('a version may renumber a row (renamedFrom): the diff and the comparison across versions pair it, and name the rows only one version has', async () => {
    const doc = (await t.request<Template>('GET', '/api/templates/2024.1', as('admin'))).body;
    doc.version = '2025.1';
    doc.year = 2025;
    const row = doc.nodes.find((n) => n.code === '7.9')!;
    row.code = '7.10';
    row.renamedFrom = '7.9';
    expect((await t.request('POST', '/api/templates', { ...as('admin'), body: doc })).status).toBe(201);
    const diff = await t.request<{ added: unknown[]; removed: unknown[]; changed: Array<{ code: string; previousCode?: string }> }>('GET', '/api/templates/2024.1/diff/2025.1', as('admin'));
    expect([diff.body.added, diff.body.removed, diff.body.changed]).toEqual([[], [], [{ code: '7.10', previousCode: '7.9', title: row.title, changes: [] }]]);
    expect((await t.request('POST', '/api/templates/2025.1/publish', as('admin'))).status).toBe(200);
    expect((await t.request('PUT', '/api/periods/2025', { ...as('admin'), body: { templateVersion: '2025.1' } })).status).toBe(200);
    await reportAndApprove('2025', { ...validValues('2025'), '7.10': 9 });

    interface Comparison { templateVersion: string; previousTemplateVersion: string; indicatorsOnlyCurrent: string[]; indicatorsOnlyPrevious: string[]; indicators: Array<{ code: string; current: { headline: number | null } | null; previous: { headline: number | null } | null }> }
    const renamed = await t.request<Comparison>('GET', `/api/summaries/${DISTRICT}/2025/comparison?with=2024`, as('huyen'));
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ templateVersion: '2025.1', previousTemplateVersion: '2024.1', indicatorsOnlyCurrent: [], indicatorsOnlyPrevious: [] });
    expect(renamed.body.indicators.find((i) => i.code === '7.10')).toMatchObject({ current: { headline: 9 }, previous: { headline: 7 } });
    // Across 2023.1 → 2024.1 the added row is named, and not compared.
    const added = await t.request<Comparison>('GET', `/api/summaries/${DISTRICT}/2024/comparison?with=2023`, as('huyen'));
    expect(added.body).toMatchObject({ templateVersion: '2024.1', previousTemplateVersion: '2023.1', indicatorsOnlyCurrent: ['7.9'], indicatorsOnlyPrevious: [] });
    expect(added.body.indicators.some((i) => i.code === '7.9')).toBe(false);
    expect(added.body.indicators.find((i) => i.code === '1.1.1')?.current).not.toBeNull();
  });

  it("imports follow the period's version, and a newly opened period binds the latest published version (never a draft)", async () => {
    interface ImportBody { ok: boolean; errors: Array<{ column?: string; indicatorCode?: string; message: string }> }
    const csv = (other: string) => `Mã đơn vị,1.1.1,7.9\r\n${other},3,4\r\n`;
    // 2023.1 has no 7.9: the column is named as not of that version, and nothing is written.
    const old = await t.request<ImportBody>('POST', `/api/imports/${DISTRICT}/2023?dryRun=true`, { ...as('admin'), body: csv('19870'), headers: { 'content-type': 'text/csv' } });
    expect(old.status).toBe(200);
    expect(old.body.ok).toBe(false);
    expect(old.body.errors).toEqual([expect.objectContaining({ column: 'C', indicatorCode: '7.9', message: 'Cột "7.9" không phải mã chỉ tiêu của mẫu 2023.1.' })]);
    // 2024 is on 2024.1: the same file fills 7.9 of a draft.
    const imported = await t.request<ImportBody>('POST', `/api/imports/${DISTRICT}/2024`, { ...as('admin'), body: csv('19870'), headers: { 'content-type': 'text/csv' } });
    expect([imported.status, imported.body.ok]).toEqual([200, true]);
    const draft = await t.request<{ templateVersion: string; status: string; values: Record<string, number> }>('GET', '/api/reports/19870/2024', as('admin'));
    expect(draft.body).toMatchObject({ templateVersion: '2024.1', status: 'draft', values: { '1.1.1': 3, '7.9': 4 } });

    // A draft of a later year is not what a new period binds; the newest published version is.
    const later = { ...(await t.request<Template>('GET', '/api/templates/2025.1', as('admin'))).body, version: '2030.draft', year: 2030 };
    expect((await t.request('POST', '/api/templates', { ...as('admin'), body: later })).status).toBe(201);
    const opened = await t.request<{ templateVersion: string }>('PUT', '/api/periods/2026', { ...as('admin'), body: {} });
    expect(opened.status).toBe(200);
    expect(opened.body.templateVersion).toBe('2025.1');
  });
});

/** The code of the third row of the form (the duplicate the test appends). */
function d2(t: Template): string {
  return t.nodes[2].code;
}
