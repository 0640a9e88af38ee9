import ExcelJS from 'exceljs';
import { DataSource, Like } from 'typeorm';
import { aggregateReports, TEMPLATE_2023, valueNodes, type ReportValues } from '@cchc/shared';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportValue } from '../src/modules/reports/entities/report-value.entity';
import { startHueDemo } from './support/hue-app';
import type { TestApp } from './support/test-app';
import { getFirstSheet } from './support/xlsx';

const COLUMNS = valueNodes(TEMPLATE_2023, 'commune');
const FIXED = 5;

/** The export against the real pipeline: demo reports of Thừa Thiên Huế, summaries made by the rollup jobs. */
describe('exports over real rollups', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startHueDemo('46');
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** Approved commune values under a path, read straight from the tables. */
  async function approvedUnder(path: string): Promise<ReportValues[]> {
    const reports = await ds.getRepository(Report).find({ where: { periodId: '2023', status: 'approved', unitPath: Like(`${path}%`) } });
    const out: ReportValues[] = [];
    for (const r of reports) {
      const rows = await ds.getRepository(ReportValue).find({ where: { reportId: r.id } });
      out.push(Object.fromEntries(rows.map((v) => [v.indicatorCode, v.value])));
    }
    return out;
  }

  it("a province's XLSX shows each district's and the province's figures as computed independently from the approved reports", async () => {
    const token = await t.login('tinh.46');
    const ws = await getFirstSheet(t, '/api/exports/46/2023.xlsx', token);
    const rows: Array<{ code: string; row: ExcelJS.Row }> = [];
    ws.eachRow((row, n) => {
      if (n > 3) rows.push({ code: row.getCell(1).text, row });
    });
    let compared = 0;
    for (const { code, row } of rows) {
      const expected = aggregateReports(TEMPLATE_2023, await approvedUnder(code ? `/46/${code}/` : '/46/'));
      COLUMNS.forEach((c, i) => {
        const headline = expected[c.code]?.headline ?? null;
        const cell = row.getCell(FIXED + i + 1).value as number | null;
        if (headline === null) expect([code, c.code, cell]).toEqual([code, c.code, null]);
        else {
          expect(typeof cell).toBe('number');
          expect(Math.abs((cell as number) - headline)).toBeLessThan(1e-6);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(COLUMNS.length * 5);
  });
});
