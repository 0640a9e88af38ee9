import ExcelJS from 'exceljs';
import type { TestApp } from './test-app';

/** GET an XLSX as `token`: it must answer 200 as an XLSX; its first sheet, read back. */
export async function getFirstSheet(t: TestApp, url: string, token: string): Promise<ExcelJS.Worksheet> {
  const res = await t.request('GET', url, { token });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.raw);
  return wb.worksheets[0];
}
