import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { summarize, TEMPLATE_2023, valueNodes, type ReportValues } from '@cchc/shared';
import { Summary } from '../src/modules/rollups/entities/summary.entity';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import { statsFromSummary } from '../src/modules/rollups/entities/summary.entity';
import { insertReport, insertSummary, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers, syntheticValues } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { getFirstSheet } from './support/xlsx';

const COLUMNS = valueNodes(TEMPLATE_2023, 'commune');
// After the indicators: one column per option of each choice indicator, counting the units choosing it.
const OPTIONS = COLUMNS.filter((c) => c.valueType === 'choice').flatMap((c) => c.options!.map((o) => ({ code: `${c.code}#${o.value}`, of: c.code, value: o.value, label: o.label })));
const FIXED = 5;
const END = FIXED + COLUMNS.length;
// Huyện Quảng Điền (477): 11 communes.
const Q = ['19867', '19870', '19873', '19876', '19879', '19882', '19885', '19888', '19891', '19894', '19897'];
const APPROVED = Q.slice(0, 8);
const SUBMITTED = Q[8];
const DRAFT = Q[9];
const MISSING = Q[10];
const PHONG = ['19819', '19822']; // two communes of Huyện Phong Điền (476)

describe('exports', () => {
  let t: TestApp;
  const values = new Map<string, ReportValues>();

  /** The headline of every column for a unit, from the summaries table. */
  async function headlines(unitCode: string): Promise<Array<number | null>> {
    const rows = await t.app.get(DataSource).getRepository(Summary).find({ where: { unitCode, periodId: '2023' } });
    const by = new Map(rows.map((r) => [r.indicatorCode, r]));
    return COLUMNS.map((c) => {
      const s = by.get(c.code);
      return s ? summarize(c, statsFromSummary(s)).headline : null;
    });
  }

  const num = (s: string) => (s === '' ? null : Number(s));

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2023']);
    for (const [i, code] of [...Q, ...PHONG].entries()) values.set(code, syntheticValues(i + 1));
    for (const code of [...APPROVED, ...PHONG]) await insertReport(t, code, '2023', 'approved', values.get(code)!, { '1.1.1': `ghi chú ${code}` });
    await insertReport(t, SUBMITTED, '2023', 'submitted', values.get(SUBMITTED)!);
    await insertReport(t, DRAFT, '2023', 'draft', values.get(DRAFT)!);
    await insertSummary(t, '477', '2023', APPROVED.map((c) => values.get(c)!), { reported: 8, expected: 11 });
    await insertSummary(t, '476', '2023', PHONG.map((c) => values.get(c)!), { reported: 2, expected: 16 });
    await insertSummary(t, '46', '2023', [...APPROVED, ...PHONG].map((c) => values.get(c)!), { reported: 10, expected: 141 });
  });
  afterAll(() => t.close());

  it("exports a district's communes as CSV: UTF-8 with BOM, codes and titles as headers, report values, and the summary row", async () => {
    const token = await t.login('huyen.477');
    const res = await t.request('GET', '/api/exports/477/2023.csv', { token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="CCHC_2023_477_Huyen Quang Dien\.csv"; filename\*=UTF-8''CCHC_2023_477_Huy%E1%BB%87n%20Qu%E1%BA%A3ng%20%C4%90i%E1%BB%81n\.csv$/);
    expect(res.raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: string[][] = parse(res.raw, { bom: true, relax_column_count: true });
    expect(rows[0]).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Trạng thái', 'Số xã đã tính', 'Số xã phải báo cáo', ...COLUMNS.map((c) => c.code), ...OPTIONS.map((o) => o.code)]);
    expect(OPTIONS.length).toBeGreaterThan(0);
    expect(rows[1].slice(FIXED, END)).toEqual(COLUMNS.map((c) => c.title));
    rows[1].slice(END).forEach((title, i) => expect(title).toContain(OPTIONS[i].label));
    const data = rows.slice(3, -1);
    expect(data.map((r) => r[0])).toEqual(Q);
    for (const r of data) {
      const approved = APPROVED.includes(r[0]);
      expect(r.slice(FIXED, END).map(num)).toEqual(COLUMNS.map((c) => (approved ? (values.get(r[0])![c.code] ?? null) : null)));
      const v = values.get(r[0])!;
      expect(r.slice(END).map(num)).toEqual(OPTIONS.map((o) => (approved && typeof v[o.of] === 'number' ? (v[o.of] === o.value ? 1 : 0) : null)));
      expect(r[3]).toBe(approved ? '1' : '0');
    }
    expect(data.find((r) => r[0] === SUBMITTED)![2]).toBe('Đã nộp');
    expect(data.find((r) => r[0] === DRAFT)![2]).toBe('Đang soạn');
    expect(data.find((r) => r[0] === MISSING)![2]).toBe('Chưa có báo cáo');
    const total = rows[rows.length - 1];
    expect(total.slice(0, 5)).toEqual(['', 'Tổng hợp: Huyện Quảng Điền', 'Thiếu số liệu', '8', '11']);
    const expected = await headlines('477');
    total.slice(FIXED, END).forEach((cell, i) => {
      if (expected[i] === null) expect(cell).toBe('');
      // Computed figures are written with at most 2 decimals in CSV.
      else expect(cell).toBe(String(Math.round(expected[i] * 100) / 100));
    });
    // The summary row counts, per option, the approved communes that chose it.
    const chosen = (o: (typeof OPTIONS)[number]) => {
      const answered = APPROVED.filter((c) => typeof values.get(c)![o.of] === 'number');
      return answered.length ? String(answered.filter((c) => values.get(c)![o.of] === o.value).length) : '';
    };
    expect(total.slice(END)).toEqual(OPTIONS.map(chosen));
    expect(total.slice(END).some((c) => Number(c) > 0)).toBe(true);
  });

  it('writes Vietnamese decimals and ";" between fields on request, and submitted reports on basis=submitted', async () => {
    const token = await t.login('huyen.477');
    const res = await t.request('GET', '/api/exports/477/2023.csv?decimal=comma&basis=submitted', { token });
    expect(res.status).toBe(200);
    const rows: string[][] = parse(res.raw, { bom: true, delimiter: ';', relax_column_count: true });
    const pct = COLUMNS.findIndex((c) => c.valueType === 'percent');
    const first = rows[3];
    expect(first[FIXED + pct]).toBe(String(values.get(Q[0])![COLUMNS[pct].code]).replace('.', ','));
    const sub = rows.find((r) => r[0] === SUBMITTED)!;
    expect(sub[FIXED + pct]).toBe(String(values.get(SUBMITTED)![COLUMNS[pct].code]).replace('.', ','));
  });

  it("exports a province's districts as XLSX: real numbers, Vietnamese number formats, frozen header, filter, summary rows", async () => {
    const token = await t.login('tinh.46');
    const ws = await getFirstSheet(t, '/api/exports/46/2023.xlsx', token);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(25);
    const byCode = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 3) byCode.set(row.getCell(1).text, row);
    });
    // 9 districts of Thừa Thiên Huế + the total row (its code cell is empty).
    expect(byCode.size).toBe(10);
    const cells = (row: ExcelJS.Row) => COLUMNS.map((_, i) => row.getCell(FIXED + i + 1).value as number | null);
    for (const [code, unit] of [['477', '477'], ['476', '476'], ['', '46']] as const) {
      const row = byCode.get(code)!;
      const expected = await headlines(unit);
      cells(row).forEach((v, i) => {
        if (expected[i] === null) expect(v).toBeNull();
        else {
          expect(typeof v).toBe('number');
          expect(v).toBeCloseTo(expected[i], 9);
          expect(row.getCell(FIXED + i + 1).numFmt).toBe(Number.isInteger(v) ? '#,##0' : '#,##0.00');
        }
      });
    }
    expect(byCode.get('477')!.getCell(4).value).toBe(8);
    expect(byCode.get('477')!.getCell(5).value).toBe(11);
    expect(byCode.get('474')!.getCell(3).value).toBe('Chưa tổng hợp');
    expect(byCode.get('')!.getCell(2).value).toBe('Tổng hợp: Tỉnh Thừa Thiên Huế');
  });

  it('exports the whole country for an administrator only, every commune, with the provinces combined at the bottom', async () => {
    const admin = await t.login('admin');
    const res = await t.request('GET', '/api/exports/VN/2023.csv?scope=communes', { token: admin });
    expect(res.status).toBe(200);
    const rows: string[][] = parse(res.raw, { bom: true, relax_column_count: true });
    const communes = await t.app.get(DataSource).getRepository(AdminUnit).count({ where: { level: 'commune' } });
    expect(rows.length).toBe(3 + communes + 1);
    expect(rows.slice(3, -1).every((r) => /^\d{5}$/.test(r[0]))).toBe(true);
    const total = rows[rows.length - 1];
    expect(total[1]).toBe('Tổng hợp: Toàn quốc');
    const expected = await headlines('46');
    // Only Thừa Thiên Huế is loaded here, so the country's combination equals its summary.
    total.slice(FIXED, END).forEach((cell, i) => {
      if (expected[i] === null) expect(cell).toBe('');
      else expect(cell).toBe(String(Math.round(expected[i] * 100) / 100));
    });
    const analyst = await t.login('tinh.46');
    expect((await t.request('GET', '/api/exports/VN/2023.csv', { token: analyst })).status).toBe(403);
  });

  it("exports one commune's report in the appendix layout, ready to print", async () => {
    const token = await t.login('xa.19870');
    const ws = await getFirstSheet(t, '/api/exports/report/19870/2023.xlsx', token);
    expect(ws.getCell('A2').value).toBe('THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC');
    expect(ws.getCell('A3').value).toBe('TẠI UBND XÃ QUẢNG THÁI');
    expect([ws.getCell('A6').value, ws.getCell('C6').value, ws.getCell('C7').value, ws.getCell('D7').value, ws.getCell('E6').value]).toEqual([
      'STT',
      'Kết quả thống kê',
      'Đơn vị tính',
      'Số liệu',
      'Ghi chú',
    ]);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1 });
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 7) rows.set(row.getCell(1).text, row);
    });
    const v = values.get('19870')!;
    expect(rows.get('1.1.1.')!.getCell(4).value).toBe(v['1.1.1']);
    expect(rows.get('1.1.1.')!.getCell(5).value).toBe('ghi chú 19870');
    expect(rows.get('1.')!.font?.bold).toBe(true);
    expect(rows.get('1.1.1.')!.getCell(2).alignment?.indent).toBe(2);
    // 4.1.x is a district matter: a commune's form does not print it.
    expect(rows.has('4.1.1.')).toBe(false);
  });

  it('checks everything before the first byte: 403 outside the subtree, 404 unknown unit, period or report, 400 bad format', async () => {
    const other = await t.login('huyen.476');
    expect((await t.request('GET', '/api/exports/477/2023.csv', { token: other })).status).toBe(403);
    expect((await t.request('GET', '/api/exports/report/19870/2023.xlsx', { token: other })).status).toBe(403);
    const admin = await t.login('admin');
    const unknown = await t.request<{ field: string }>('GET', '/api/exports/99999/2023.csv', { token: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.body.field).toBe('unitCode');
    expect((await t.request('GET', '/api/exports/477/2031.xlsx', { token: admin })).status).toBe(404);
    expect((await t.request('GET', `/api/exports/report/${MISSING}/2023.xlsx`, { token: admin })).status).toBe(404);
    const bad = await t.request<{ field: string }>('GET', '/api/exports/477/2023.pdf', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('format');
    expect((await t.request('GET', '/api/exports/477/2023.csv?scope=world', { token: admin })).status).toBe(400);
  });
});
