import { DataSource, In } from 'typeorm';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { insertReport, loadProvinces, openPeriods, syntheticValues } from './exports-fixtures';
import { createUsers, PASSWORD } from './support/reports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  messageEn: string;
  details?: { errorCount?: number; errors?: Array<{ row: number; unitCode?: string; message: string }>; action?: string; relation?: string };
}

/** The holes of issue 20 that the one access policy closes, reproduced as they were found (MariaDB + Redis). */
describe('access policy: imports row by row, exports by the analyst rule', () => {
  let t: TestApp;
  let ds: DataSource;
  const token = new Map<string, string>();
  const csv = { 'content-type': 'text/csv' };

  /** Every report, value and audit row: what a refused request must leave as it was. */
  const everything = async () => ({
    reports: await ds.getRepository(Report).find({ order: { id: 'ASC' } }),
    values: await ds.getRepository(ReportValue).find({ order: { reportId: 'ASC', indicatorCode: 'ASC' } }),
    audit: await ds.getRepository(AuditEntry).count(),
  });
  const valueOf = async (unitCode: string, periodId: string, code: string) => {
    const report = await ds.getRepository(Report).findOneByOrFail({ unitCode, periodId });
    return (await ds.getRepository(ReportValue).findOneBy({ reportId: report.id, indicatorCode: code }))?.value ?? null;
  };

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    await loadProvinces(t, ['46']);
    await openPeriods(t, ['2023', '2026']);
    await createUsers(t.app, [
      ['admin', ['administrator'], null],
      // "any account with only officer on 477" (issue 20), and the province's officer.
      ['huyen.477', ['officer'], '477'],
      ['tinh.46', ['officer'], '46'],
      ['tinh.46.reviewer', ['reviewer'], '46'],
      ['tinh.46.analyst', ['analyst'], '46'],
      ['huyen.477.old', ['reviewer', 'analyst'], '477'],
      ['xa.19885', ['officer'], '19885'],
    ]);
    for (const u of ['admin', 'huyen.477', 'tinh.46', 'tinh.46.reviewer', 'tinh.46.analyst', 'huyen.477.old', 'xa.19885']) token.set(u, await t.login(u, PASSWORD));
    // Xã Quảng Vinh's draft 2023 report holds 18 for 1.1.1.
    await insertReport(t, '19885', '2023', 'draft', { ...syntheticValues(3), '1.1.1': 18 });
    await insertReport(t, '19885', '2026', 'submitted', syntheticValues(4));
  });
  afterAll(() => t?.close());

  it("a district officer's import of a commune's values is refused, naming the row, and the draft keeps 18 (was 200 → 77)", async () => {
    const before = await everything();
    for (const url of ['/api/imports/477/2023', '/api/imports/477/2023?dryRun=true']) {
      const r = await t.request<ErrorBody>('POST', url, { token: token.get('huyen.477'), body: 'Mã đơn vị,1.1.1\n19885,77\n', headers: csv });
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('import_forbidden_rows');
      expect(r.body.message).toMatch(/dòng 2/);
      expect(r.body.details?.errors).toEqual([expect.objectContaining({ row: 2, unitCode: '19885' })]);
    }
    // The same account's PUT of that report was already 403: the import now answers the same.
    expect((await t.request<ErrorBody>('PUT', '/api/reports/19885/2023', { token: token.get('huyen.477'), body: { version: 1, values: { '1.1.1': 77 } } })).status).toBe(403);
    expect(await everything()).toEqual(before);
    expect(await valueOf('19885', '2023', '1.1.1')).toBe(18);
  });

  it('a province officer cannot plan report creation for communes of three districts; a reviewer or analyst cannot import at all', async () => {
    const before = await everything();
    // One commune from each of three districts.
    const communes = await ds.query<{ code: string; parent_code: string }[]>(
      "SELECT code, parent_code FROM admin_units WHERE level = 'commune' AND path LIKE '/46/%' ORDER BY code",
    );
    const oneEach = [...new Map(communes.map((c) => [c.parent_code, c.code])).values()].slice(0, 3);
    expect(oneEach).toHaveLength(3);
    const file = `Mã đơn vị,1.1.1\n${oneEach.map((c) => `${c},5`).join('\n')}\n`;
    for (const dryRun of ['true', 'false']) {
      const r = await t.request<ErrorBody>('POST', `/api/imports/46/2023?dryRun=${dryRun}`, { token: token.get('tinh.46'), body: file, headers: csv });
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('import_forbidden_rows');
      expect(r.body.details?.errorCount).toBe(3);
      expect(r.body.details?.errors?.map((e) => [e.row, e.unitCode])).toEqual(oneEach.map((c, i) => [i + 2, c]));
    }
    for (const [who, url] of [
      ['tinh.46.reviewer', '/api/imports/46/2023'],
      ['huyen.477.old', '/api/imports/477/2023'],
      ['tinh.46.analyst', '/api/imports/46/2023'],
    ]) {
      const r = await t.request<ErrorBody>('POST', url, { token: token.get(who), body: file, headers: csv });
      expect([who, r.status, r.body.error]).toEqual([who, 403, 'forbidden_role']);
    }
    expect(await everything()).toEqual(before);
  });

  it("the commune's own officer and an administrator still import it", async () => {
    const own = await t.request<{ ok: boolean; valuesChanged: number }>('POST', '/api/imports/19885/2023', {
      token: token.get('xa.19885'),
      body: 'Mã đơn vị,1.1.1\n19885,20\n',
      headers: csv,
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ ok: true, valuesChanged: 1 });
    expect(await valueOf('19885', '2023', '1.1.1')).toBe(20);
    const admin = await t.request<{ ok: boolean }>('POST', '/api/imports/477/2023', { token: token.get('admin'), body: 'Mã đơn vị,1.1.1\n19885,21\n', headers: csv });
    expect(admin.status).toBe(200);
    expect(await valueOf('19885', '2023', '1.1.1')).toBe(21);
  });

  it('exports follow the analyst rule of summaries: a reviewer-only account on 46 gets 403 for both (was 200 with drafts)', async () => {
    const reviewer = token.get('tinh.46.reviewer');
    expect((await t.request<ErrorBody>('GET', '/api/summaries/46/2026', { token: reviewer })).status).toBe(403);
    const exp = await t.request<ErrorBody>('GET', '/api/exports/46/2026.csv?basis=all', { token: reviewer });
    expect(exp.status).toBe(403);
    expect(exp.body).toMatchObject({ error: 'forbidden_role', details: { action: 'figures.export', relation: 'own' } });
    expect((await t.request('GET', '/api/exports/rankings/46/2026.csv', { token: reviewer })).status).toBe(403);
    // A district officer reads its own consolidation, but does not export.
    expect((await t.request('GET', '/api/exports/477/2026.csv', { token: token.get('huyen.477') })).status).toBe(403);
    // The analyst of the province exports it, drafts included on request.
    const ok = await t.request('GET', '/api/exports/46/2026.csv?basis=all&scope=communes', { token: token.get('tinh.46.analyst') });
    expect(ok.status).toBe(200);
    expect(ok.raw.toString('utf8')).toMatch(/^19885,Xã Quảng Vinh,/m);
    // Printing one report is reading it: the reviewer still prints the reports it reviews.
    expect((await t.request('GET', '/api/exports/report/19885/2026.xlsx', { token: reviewer })).status).toBe(200);
  });

  it('no refused request above wrote anything for the reports it named', async () => {
    const reports = await ds.getRepository(Report).find({ where: { unitCode: In(['19885']) } });
    expect(reports.map((r) => [r.periodId, r.status]).sort()).toEqual([
      ['2023', 'draft'],
      ['2026', 'submitted'],
    ]);
  });
});
