import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/modules/audit/entities/audit-entry.entity';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import {
  concatenated,
  concatenatedRebased,
  duplicateNames,
  hiddenAfterTinyEntry,
  hiddenBetweenEntries,
  hiddenInsideEntry,
  overlappingEntries,
  pack,
  trailingBytes,
  twoEndRecords,
  unlistedEntry,
  withPrefix,
  zipOf,
} from '../src/bench/hostile-zips';
import { insertReport, loadProvinces, openPeriods, HUE_ACCOUNTS, seedUsers, syntheticValues } from './exports-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import type { ApiErrorBody } from '../src/common/api-error';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OWN = '19870';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What the workbook reader would have met: the real workbook (writing 77) hidden behind a decoy. */
describe('an XLSX import is read only as its central directory declares it', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  let real: Buffer;

  const post = (body: Buffer, dryRun = false) =>
    t.request<ApiErrorBody & { ok?: boolean; valuesChanged?: number }>('POST', `/api/imports/${OWN}/2023${dryRun ? '?dryRun=true' : ''}`, {
      token: admin,
      body,
      headers: { 'content-type': XLSX },
    });

  async function snapshot() {
    return {
      reports: await ds.getRepository(Report).find({ order: { id: 'ASC' } }),
      values: await ds.getRepository(ReportValue).find({ order: { reportId: 'ASC', indicatorCode: 'ASC' } }),
      audit: await ds.getRepository(AuditEntry).count(),
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: undefined });
    ds = t.app.get(DataSource);
    await loadProvinces(t, ['46']);
    await seedUsers(t, HUE_ACCOUNTS);
    await openPeriods(t, ['2023']);
    await insertReport(t, OWN, '2023', 'draft', syntheticValues(2));
    admin = await t.login('admin');
    real = await workbook([
      ['Mã đơn vị', '1.1.1'],
      [OWN, 77],
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the workbook laid out normally (the layouts below differ from it only in what they hide)', async () => {
    const res = await post(real, true);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.valuesChanged).toBe(1);
  });

  const decoy = () => zipOf([pack('[Content_Types].xml', '<?xml version="1.0"?><Types/>')]);
  const layouts: Array<[string, () => Buffer]> = [
    ['a workbook hidden after a tiny listed entry (local header gives the tiny size)', () => hiddenAfterTinyEntry(real)],
    ['a workbook hidden inside a listed entry after its deflate stream ends', () => hiddenInsideEntry(real)],
    ['a workbook between the listed entry and the directory', () => hiddenBetweenEntries(real)],
    ['two archives concatenated', () => concatenated(real, decoy())],
    ['two archives concatenated, the second rebased to its new offsets', () => concatenatedRebased(real, decoy())],
    ['the decoy first, the real workbook appended', () => concatenated(decoy(), real)],
    ['an unlisted entry before the first listed one', () => withPrefix(real, unlistedEntry('xl/worksheets/sheet1.xml', '<worksheet/>'))],
    ['bytes after the end record', () => trailingBytes(real, Buffer.from('trailing'))],
    ['two end-of-central-directory records', () => twoEndRecords(real)],
    ['duplicate entry names', () => duplicateNames()],
    ['overlapping entries', () => overlappingEntries()],
  ];

  it.each(layouts)('refuses %s with 400, before inflating, and changes nothing', async (_name, build) => {
    const before = await snapshot();
    const res = await post(build());
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('import_archive_layout');
    expect(res.body.field).toBe('file');
    expect(res.body.message).toMatch(/ngoài các mục mà tệp tự khai báo/);
    expect(await snapshot()).toEqual(before);
  });

  it('then still takes the normal workbook for real', async () => {
    const res = await post(real);
    expect(res.status).toBe(200);
    const report = await ds.getRepository(Report).findOneByOrFail({ unitCode: OWN, periodId: '2023' });
    const value = await ds.getRepository(ReportValue).findOneByOrFail({ reportId: report.id, indicatorCode: '1.1.1' });
    expect(value.value).toBe(77);
  });
});
