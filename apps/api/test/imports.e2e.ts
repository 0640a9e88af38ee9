import { parse } from 'csv-parse/sync';
import { DataSource, In } from 'typeorm';
import { TEMPLATE_2023, valueNodes, type ReportValues } from '@cchc/shared';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { insertReport, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers, syntheticValues } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const COLUMNS = valueNodes(TEMPLATE_2023, 'commune');
const Q = ['19867', '19870', '19873', '19876', '19879', '19882', '19885', '19888', '19891', '19894', '19897'];
const PHONG = ['19819', '19822'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  units: number;
  reportsCreated: number;
  reportsUpdated: number;
  valuesChanged: number;
  errors: Array<{ row: number; column?: string; unitCode?: string; indicatorCode?: string; message: string; messageEn: string }>;
}

describe('imports', () => {
  let t: TestApp;
  let ds: DataSource;
  const values = new Map<string, ReportValues>();

  async function stored(periodId: string, codes: string[]): Promise<Map<string, ReportValues>> {
    const reports = await ds.getRepository(Report).find({ where: { periodId, unitCode: In(codes) } });
    const rows = reports.length ? await ds.getRepository(ReportValue).find({ where: { reportId: In(reports.map((r) => r.id)) } }) : [];
    const out = new Map<string, ReportValues>();
    for (const r of reports) out.set(r.unitCode, {});
    const unitOf = new Map(reports.map((r) => [r.id, r.unitCode]));
    for (const v of rows) out.get(unitOf.get(v.reportId)!)![v.indicatorCode] = v.value;
    return out;
  }

  async function snapshot() {
    return {
      reports: await ds.getRepository(Report).find({ order: { id: 'ASC' } }),
      values: await ds.getRepository(ReportValue).count(),
      audit: await ds.getRepository(AuditEntry).count(),
    };
  }

  const post = (url: string, token: string, body: string | Buffer, type = 'text/csv') =>
    t.request<ImportResult & { details?: ImportResult }>('POST', url, { token, body, headers: { 'content-type': type } });

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    ds = t.app.get(DataSource);
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2023', '2024']);
    for (const [i, code] of [...Q, ...PHONG].entries()) values.set(code, syntheticValues(i + 1));
    for (const code of [...Q.slice(0, 8), ...PHONG]) await insertReport(t, code, '2023', 'approved', values.get(code)!);
    // 2024: one commune already has a draft with a note, another has submitted.
    await insertReport(t, Q[0], '2024', 'draft', { '1.1.1': 1 }, { '1.1.1': 'đã gõ tay' });
    await insertReport(t, Q[9], '2024', 'submitted', { '1.1.1': 5 });
  });
  afterAll(() => t.close());

  it('round-trips a CSV export: a dry run writes nothing, the import fills drafts with exactly the exported numbers', async () => {
    // The administrator imports for a district (the district's reviewer may not: reviewers never write values).
    const token = await t.login('admin');
    const file = (await t.request('GET', '/api/exports/477/2023.csv', { token })).raw;
    const before = await snapshot();
    const dry = await post('/api/imports/477/2024?dryRun=true', token, file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ ok: true, dryRun: true, units: 11, reportsCreated: 7, reportsUpdated: 1, errors: [] });
    expect(await snapshot()).toEqual(before);

    const real = await post('/api/imports/477/2024', token, file);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ ok: true, dryRun: false, reportsCreated: 7, reportsUpdated: 1 });
    const after = await stored('2024', Q.slice(0, 8));
    for (const code of Q.slice(0, 8)) {
      for (const c of COLUMNS) expect([code, c.code, after.get(code)![c.code] ?? null]).toEqual([code, c.code, values.get(code)![c.code] ?? null]);
    }
    const reports = await ds.getRepository(Report).find({ where: { periodId: '2024', unitCode: In(Q) } });
    expect(reports.find((r) => r.unitCode === Q[0])).toMatchObject({ status: 'draft', version: 2, updatedBy: 'admin' });
    expect(reports.filter((r) => r.status === 'draft' && r.unitCode !== Q[0]).every((r) => r.version === 1)).toBe(true);
    // The submitted report had nothing in the file (its 2023 figures were not approved), so it was left alone.
    expect(reports.find((r) => r.unitCode === Q[9])).toMatchObject({ status: 'submitted', version: 1 });
    // A note typed in the form survives; every changed value is in the audit log.
    const note = await ds.getRepository(ReportValue).findOneByOrFail({ reportId: reports.find((r) => r.unitCode === Q[0])!.id, indicatorCode: '1.1.1' });
    expect(note.note).toBe('đã gõ tay');
    const audit = await ds.getRepository(AuditEntry).find({ where: { periodId: '2024', unitCode: Q[0], field: '1.1.1' } });
    expect(audit).toEqual([expect.objectContaining({ actor: 'admin', action: 'value', before: '1', after: String(values.get(Q[0])!['1.1.1']) })]);
    expect(await ds.getRepository(AuditEntry).count({ where: { periodId: '2024' } })).toBe(real.body.valuesChanged);

    // Importing the same file again changes nothing.
    const again = await post('/api/imports/477/2024', token, file);
    expect(again.body).toMatchObject({ ok: true, reportsCreated: 0, reportsUpdated: 0, valuesChanged: 0 });
  });

  it('round-trips an XLSX export of all communes of a province', async () => {
    const admin = await t.login('admin');
    const file = (await t.request('GET', '/api/exports/46/2023.xlsx?scope=communes', { token: admin })).raw;
    const res = await post('/api/imports/46/2024', admin, file, XLSX);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, reportsCreated: 2 });
    const after = await stored('2024', PHONG);
    for (const code of PHONG) for (const c of COLUMNS) expect(after.get(code)![c.code] ?? null).toBe(values.get(code)![c.code] ?? null);
    // And the export of the drafts reads the same as the export of the approved originals.
    const back: string[][] = parse((await t.request('GET', '/api/exports/476/2024.csv?basis=all', { token: admin })).raw, { bom: true, relax_column_count: true });
    const orig: string[][] = parse((await t.request('GET', '/api/exports/476/2023.csv', { token: admin })).raw, { bom: true, relax_column_count: true });
    for (const code of PHONG) {
      expect(back.find((r) => r[0] === code)!.slice(5)).toEqual(orig.find((r) => r[0] === code)!.slice(5));
    }
  });

  it('lists every problem by row and column and changes nothing', async () => {
    const token = await t.login('admin');
    const pct = COLUMNS.find((c) => c.valueType === 'percent')!.code;
    const csv = [
      `Mã đơn vị,Tên đơn vị,1.1.1,${pct},9.9.9,1.1.2`,
      'Tên chỉ tiêu,,,,,',
      `${Q[1]},Xã Quảng Thái,12,"56,1",,3`, // fine: "56,1" is Vietnamese for 56.1
      `${Q[2]},Xã Quảng Ngạn,abc,130,,-1`, // bad number, percent above 100, negative count
      '99999,Không có,1,,,', // unknown unit
      `${PHONG[0]},Thị trấn Phong Điền,1,,,`, // another district than the one imported into
      '477,Huyện Quảng Điền,1,,,', // not a commune
      `${Q[1]},Xã Quảng Thái lần nữa,1,,,`, // the same unit twice
      `${Q[9]},Xã có báo cáo đã nộp,7,,,`, // a submitted report
      ',,4,,,', // a row without a unit code
    ].join('\r\n');
    const before = await snapshot();
    const dry = await post('/api/imports/477/2024?dryRun=true', token, csv);
    expect(dry.status).toBe(200);
    expect(dry.body.ok).toBe(false);
    const where = dry.body.errors.map((e) => [e.row, e.column ?? null]);
    expect(where).toEqual(
      expect.arrayContaining([
        [1, 'E'], // 9.9.9 is no indicator
        [4, 'C'],
        [4, 'D'],
        [4, 'F'],
        [5, 'A'],
        [6, 'A'],
        [7, 'A'],
        [8, 'A'],
        [9, 'A'],
        [10, 'A'],
      ]),
    );
    expect(dry.body.errors).toHaveLength(10);
    expect(dry.body.errors.every((e) => e.message.length > 0 && e.messageEn.length > 0)).toBe(true);
    expect(dry.body.errors.find((e) => e.row === 4 && e.column === 'D')!.message).toMatch(/100/);

    const real = await post('/api/imports/477/2024', token, csv);
    expect(real.status).toBe(422);
    expect(real.body.details!.errors).toEqual(dry.body.errors);
    expect(await snapshot()).toEqual(before);
  });

  it('reads "56,1" and "56.1" alike, in both CSV dialects', async () => {
    const token = await t.login('admin');
    const pct = COLUMNS.find((c) => c.valueType === 'percent')!.code;
    const a = await post('/api/imports/477/2024', token, `Mã đơn vị;${pct}\r\n${Q[1]};56,1\r\n${Q[2]};"56.1"`);
    expect(a.status).toBe(200);
    const b = await post('/api/imports/477/2024', token, `Mã đơn vị,${pct}\r\n${Q[3]},56.1\r\n${Q[4]},"56,1"`);
    expect(b.status).toBe(200);
    const after = await stored('2024', Q.slice(1, 5));
    expect(Q.slice(1, 5).map((c) => after.get(c)![pct])).toEqual([56.1, 56.1, 56.1, 56.1]);
  });

  it('lets only administrators and a commune for itself import, within their subtree', async () => {
    const csv = `Mã đơn vị,1.1.1\r\n${Q[1]},3`;
    expect((await post('/api/imports/477/2024', await t.login('tinh.46'), csv)).status).toBe(403);
    expect((await post('/api/imports/477/2024', await t.login('huyen.476'), csv)).status).toBe(403);
    // Import follows the workflow: the district's own reviewer approves, it never writes values.
    expect((await post('/api/imports/477/2024', await t.login('huyen.477'), csv)).status).toBe(403);
    const commune = await t.login('xa.19870');
    expect((await post(`/api/imports/${Q[1]}/2024?dryRun=true`, commune, csv)).body).toMatchObject({ ok: true });
    const neighbour = await post(`/api/imports/${Q[1]}/2024?dryRun=true`, commune, `Mã đơn vị,1.1.1\r\n${Q[2]},3`);
    expect(neighbour.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'A', unitCode: Q[2] })]);
    const admin = await t.login('admin');
    // The whole country ("VN", like the national export) is for administrators only.
    expect((await post('/api/imports/VN/2024?dryRun=true', admin, csv)).body).toMatchObject({ ok: true, units: 1 });
    expect((await post('/api/imports/VN/2024?dryRun=true', await t.login('huyen.477'), csv)).status).toBe(403);
    expect((await post('/api/imports/99999/2024', admin, csv)).status).toBe(404);
    expect((await post('/api/imports/477/2031', admin, csv)).status).toBe(404);
    const empty = await t.request<{ field: string }>('POST', '/api/imports/477/2024', { token: admin, body: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.status).toBe(400);
    const noHeader = await post('/api/imports/477/2024?dryRun=true', admin, 'a,b\r\n1,2');
    expect(noHeader.body.errors).toEqual([expect.objectContaining({ row: 1, column: 'A' })]);
  });
});
