import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { insertReport, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers, syntheticValues } from './exports-fixtures';
import { formBody } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';
import type { ApiErrorBody } from '../src/common/api-error';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OWN = '19870';
const Q = ['19867', '19870', '19873'];

/** The API's error body, with the details these cases read. */
interface ErrorBody extends ApiErrorBody {
  details?: { errorCount: number; errors: unknown[] };
}

interface ImportResult {
  ok: boolean;
  errorCount: number;
  errors: Array<{ row: number; column?: string; message: string; messageEn: string }>;
}

const vi = (n: number) => n.toLocaleString('vi-VN');

/** A workbook whose sheet XML is far larger than the unzipped limit but zips to almost nothing. */
async function compressibleWorkbook(file: string, unzippedLimit: number): Promise<void> {
  const cols = 100;
  const cell = '9'.repeat(900);
  // Each cell is ~940 bytes of XML once unzipped; a tenth more rows than the limit needs.
  const rows = Math.ceil((unzippedLimit / (cols * 940)) * 1.1);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Data');
  ws.addRow(['Mã đơn vị', '1.1.1']).commit();
  const values = Array.from({ length: cols }, () => cell);
  for (let i = 0; i < rows; i++) ws.addRow(values).commit();
  ws.commit();
  await wb.commit();
}

describe('import limits and workflow', () => {
  let t: TestApp;
  let ds: DataSource;
  let dir: string;

  const post = (url: string, token: string, body: string | Buffer, type = 'text/csv') =>
    t.request<ErrorBody & ImportResult>('POST', url, { token, body, headers: { 'content-type': type } });

  async function snapshot() {
    return {
      reports: await ds.getRepository(Report).find({ order: { id: 'ASC' } }),
      values: await ds.getRepository(ReportValue).find({ order: { reportId: 'ASC', indicatorCode: 'ASC' } }),
      audit: await ds.getRepository(AuditEntry).count(),
    };
  }

  /** A refusal in the house format: Vietnamese, naming a field, with no exception text or stack. */
  function expectCleanRefusal(body: ErrorBody): void {
    expect(body.message.length).toBeGreaterThan(10);
    expect(body.messageEn.length).toBeGreaterThan(10);
    expect(body.field).toBe('file');
    const all = JSON.stringify(body);
    expect(all).not.toMatch(/Cannot read|undefined|TypeError|Error:|at .*\.js|\bstack\b/);
  }

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    ds = t.app.get(DataSource);
    dir = mkdtempSync(path.join(tmpdir(), 'cchc-import-limits-'));
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2023']);
    await insertReport(t, Q[0], '2023', 'draft', syntheticValues(1));
    await insertReport(t, OWN, '2023', 'draft', syntheticValues(2));
    await insertReport(t, Q[2], '2023', 'submitted', syntheticValues(3));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('refuses a highly compressible workbook by its unzipped size, while the server keeps answering in little memory', async () => {
    const limits = t.config.imports;
    const file = path.join(dir, 'bomb.xlsx');
    await compressibleWorkbook(file, limits.maxUnzippedBytes);
    const bytes = readFileSync(file);
    // Small as sent, huge once unzipped: the compressed-size limit alone would let it in.
    expect(bytes.length).toBeLessThan(limits.maxBytes);
    const token = await t.login(`xa.${OWN}`);
    const before = await snapshot();

    (global as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    let finished = false;
    const importing = post(`/api/imports/${OWN}/2023?dryRun=true`, token, bytes, XLSX).finally(() => {
      finished = true;
    });
    const healthTimes: number[] = [];
    while (!finished) {
      const started = Date.now();
      const health = await t.request('GET', '/api/health');
      healthTimes.push(Date.now() - started);
      expect([200, 503]).toContain(health.status);
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await importing;
    clearInterval(sampler);

    expect(res.status).toBe(413);
    expect(res.body.error).toBe('import_too_large');
    expect(res.body.message).toContain(`${Math.round(limits.maxUnzippedBytes / 1_048_576)} MB`);
    expectCleanRefusal(res.body);
    expect(healthTimes.length).toBeGreaterThan(0);
    expect(Math.max(...healthTimes)).toBeLessThan(1000);
    expect((peak - baseline) / 2 ** 20).toBeLessThan(300);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('refuses a body over the compressed-size limit with 413 naming it', async () => {
    const admin = await t.login('admin');
    const big = Buffer.alloc(t.config.imports.maxBytes + 1, 0x31);
    const res = await post(`/api/imports/${OWN}/2023?dryRun=true`, admin, big, 'application/octet-stream');
    expect(res.status).toBe(413);
    expect(res.body.message).toContain(`${Math.round(t.config.imports.maxBytes / 1_048_576)} MB`);
    expectCleanRefusal(res.body);
  });

  it('refuses too many rows, too many columns and a too long cell with 400 naming the limit, in CSV and XLSX', async () => {
    const { maxRows, maxColumns, maxCellChars } = t.config.imports;
    const admin = await t.login('admin');
    const before = await snapshot();
    const header = 'Mã đơn vị,1.1.1';
    const rows = [header, ...Array.from({ length: maxRows }, () => `${OWN},1`)].join('\r\n');
    const r1 = await post(`/api/imports/${OWN}/2023`, admin, rows);
    expect(r1.status).toBe(400);
    expect(r1.body.message).toContain(`${vi(maxRows)} dòng`);
    expectCleanRefusal(r1.body);

    const wide = `${header}\r\n${OWN}${',1'.repeat(maxColumns)}`;
    const r2 = await post(`/api/imports/${OWN}/2023`, admin, wide);
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain(`${vi(maxColumns)} cột`);

    const long = `${header}\r\n${OWN},"${'1'.repeat(maxCellChars + 1)}"`;
    const r3 = await post(`/api/imports/${OWN}/2023`, admin, long);
    expect(r3.status).toBe(400);
    expect(r3.body.message).toContain(`${vi(maxCellChars)} ký tự`);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Mã đơn vị', '1.1.1']);
    ws.addRow([OWN, 'x'.repeat(maxCellChars + 1)]);
    const r4 = await post(`/api/imports/${OWN}/2023`, admin, Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(r4.status).toBe(400);
    expect(r4.body.message).toContain(`${vi(maxCellChars)} ký tự`);
    expect(await snapshot()).toEqual(before);
  });

  it('follows the workflow: a reviewer may not import, nor an officer into a submitted report', async () => {
    const before = await snapshot();
    const csv = `Mã đơn vị,1.1.1\r\n${Q[0]},77\r\n${OWN},77`;
    const reviewer = await t.login('huyen.477');
    for (const url of ['/api/imports/477/2023', `/api/imports/${OWN}/2023`, '/api/imports/477/2023?dryRun=true']) {
      const res = await post(url, reviewer, csv);
      expect([url, res.status]).toEqual([url, 403]);
    }
    // An officer imports for its own commune only, not for its district.
    const officer = await t.login(`xa.${OWN}`);
    expect((await post('/api/imports/477/2023', officer, csv)).status).toBe(403);
    expect(await snapshot()).toEqual(before);

    // The officer's own draft takes the import; a submitted report of the district would not.
    const own = await post(`/api/imports/${OWN}/2023`, officer, `Mã đơn vị,1.1.1\r\n${OWN},77`);
    expect(own.status).toBe(200);
    const admin = await t.login('admin');
    const locked = await post('/api/imports/477/2023', admin, `Mã đơn vị,1.1.1\r\n${Q[2]},77`);
    expect(locked.status).toBe(422);
    expect(locked.body.details!.errors).toEqual([expect.objectContaining({ row: 2, column: 'A', unitCode: Q[2] })]);
  });

  it('answers a broken file with a Vietnamese reason and no exception text or file bytes', async () => {
    const admin = await t.login('admin');
    const exported = (await t.request('GET', '/api/exports/477/2023.xlsx?scope=communes', { token: admin })).raw;
    const secret = 'BÍ-MẬT-TRONG-TỆP';
    const broken = [
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(secret.repeat(50))]),
      exported.subarray(0, Math.floor(exported.length / 2)),
      Buffer.concat([exported.subarray(0, 2000), Buffer.alloc(3000, 0x41), exported.subarray(5000)]),
    ];
    for (const body of broken) {
      const res = await post(`/api/imports/${OWN}/2023?dryRun=true`, admin, body, XLSX);
      expect(res.status).toBe(400);
      // Refused by the archive layout check before any reader sees it, or by the reader itself.
      expect(res.body.message).toMatch(/^(Không đọc được tệp|Tệp XLSX có dữ liệu nằm ngoài)/);
      expectCleanRefusal(res.body);
      expect(res.raw.toString('utf8')).not.toContain(secret);
      expect(res.raw.toString('utf8')).not.toContain('AAAAAAAA');
    }
  });

  it('lists the first 200 problems and gives their total', async () => {
    const admin = await t.login('admin');
    const n = 450;
    const csv = ['Mã đơn vị,1.1.1', ...Array.from({ length: n }, (_, i) => `${900000 + i},1`)].join('\r\n');
    const dry = await post('/api/imports/477/2023?dryRun=true', admin, csv);
    expect(dry.status).toBe(200);
    expect(dry.body.ok).toBe(false);
    expect(dry.body.errorCount).toBe(n);
    expect(dry.body.errors).toHaveLength(200);
    expect(dry.body.errors[0]).toMatchObject({ row: 2, column: 'A' });
    const real = await post('/api/imports/477/2023', admin, csv);
    expect(real.status).toBe(422);
    expect(real.body.message).toContain(String(n));
    expect(real.body.details!.errorCount).toBe(n);
    expect(real.body.details!.errors).toHaveLength(200);
  });

  it('takes the file as a multipart/form-data form too: the same import, limits and refusals, under an Idempotency-Key', async () => {
    const admin = await t.login('admin');
    const url = `/api/imports/${OWN}/2023`;
    const send = async (file: Buffer, filename: string, type: string, headers: Record<string, string> = {}) => {
      const form = await formBody([{ name: 'file', file, filename, type }]);
      return t.request<ErrorBody & ImportResult>('POST', url, { token: admin, body: form.body, headers: { ...form.headers, ...headers } });
    };
    const before = await snapshot();
    const max = t.config.imports.maxBytes;
    const oversized = await send(Buffer.alloc(max + 1, 0x31), 'so-lieu.csv', 'text/csv');
    expect([oversized.status, oversized.body.error]).toEqual([413, 'import_too_large']);
    expectCleanRefusal(oversized.body);
    const notSheet = await send(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(400, 0x41)]), 'so-lieu.xlsx', XLSX);
    expect(notSheet.status).toBe(400);
    expect(notSheet.body.message).toMatch(/^(Không đọc được tệp|Tệp XLSX có dữ liệu nằm ngoài)/);
    expectCleanRefusal(notSheet.body);
    const dry = await t.request<ImportResult>('POST', `${url}?dryRun=true`, { token: admin, ...(await formBody([{ name: 'file', file: Buffer.from(`Mã đơn vị,1.1.1\r\n${OWN},55`), filename: 'so-lieu.csv', type: 'text/csv' }])) });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ ok: true, errorCount: 0 });
    expect(await snapshot()).toEqual(before);

    // The form, sent twice under one key, imports once; the same key with another file is refused.
    const csv = Buffer.from(`Mã đơn vị,1.1.1\r\n${OWN},55`);
    const first = await send(csv, 'so-lieu.csv', 'text/csv', { 'idempotency-key': 'form-import-0001' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, valuesChanged: 1 });
    const report = await ds.getRepository(Report).findOneByOrFail({ unitCode: OWN, periodId: '2023' });
    expect((await ds.getRepository(ReportValue).findOneByOrFail({ reportId: report.id, indicatorCode: '1.1.1' })).value).toBe(55);
    const audit = await ds.getRepository(AuditEntry).count();
    const replay = await send(csv, 'so-lieu.csv', 'text/csv', { 'idempotency-key': 'form-import-0001' });
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
    const other = await send(Buffer.from(`Mã đơn vị,1.1.1\r\n${OWN},66`), 'so-lieu.csv', 'text/csv', { 'idempotency-key': 'form-import-0001' });
    expect(other.status).toBe(422);
    expect(await ds.getRepository(AuditEntry).count()).toBe(audit);
    expect((await ds.getRepository(ReportValue).findOneByOrFail({ reportId: report.id, indicatorCode: '1.1.1' })).value).toBe(55);
  });
});
