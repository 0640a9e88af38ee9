import { COVERAGE_STATUS_LABELS, REPORT_STATUS_LABELS, rowStatusLabel, type CoverageStatus, type SubmissionStatus } from '@cchc/shared';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RankingResponseDto, RankingRowDto } from '../../figures/rankings/dto/ranking-response.dto';
import type { CsvDecimal } from './pivot-csv.writer';
import { csvCell, xmlCell } from './utils/safe-text';

type Cell = string | number | null;

/** Figures a person reads: at most 2 decimals in CSV; XLSX keeps the full value with a 2-decimal format. */
const XLSX_DECIMALS = '#,##0.00';


function header(r: RankingResponseDto): string[] {
  const communes = r.scope === 'communes';
  return [
    'Hạng',
    'Mã đơn vị',
    'Tên đơn vị',
    ...(communes ? ['Huyện'] : []),
    'Trạng thái',
    'Xếp hạng',
    'Số xã được chấm',
    'Số xã',
    'Độ phủ (%)',
    'Tổng điểm',
    'Điểm tối đa',
    'Tỷ lệ điểm (%)',
    'Hạng kỳ trước',
    'Thay đổi hạng',
    ...r.domains.flatMap((d) => [`${d.code} (%)`, `${d.code} hạng`]),
  ];
}

function cells(r: RankingResponseDto, row: RankingRowDto): Cell[] {
  const ranked = row.ranked ? 'Có' : row.belowCoverage ? 'Không — chưa đủ độ phủ' : 'Không — chưa có điểm';
  return [
    row.rank,
    row.unit.code,
    row.unit.name,
    ...(r.scope === 'communes' ? [row.district?.name ?? null] : []),
    isRowStatus(row.status) ? rowStatusLabel(row.status) : row.status,
    ranked,
    row.scored,
    row.expected,
    row.coverage * 100,
    row.total?.points ?? null,
    row.total?.max ?? null,
    row.total?.percent ?? null,
    row.previousRank,
    row.rankChange,
    ...r.domains.flatMap((d) => {
      const x = row.domains.find((y) => y.code === d.code);
      return [x?.percent ?? null, x?.rank ?? null];
    }),
  ];
}

/** A ranking as CSV (UTF-8 with BOM, as the pivot): ranked rows, then the unranked, marked. */
export function rankingCsv(r: RankingResponseDto, decimal: CsvDecimal): Buffer {
  const num = (v: Cell): string => {
    if (v === null) return '';
    if (typeof v !== 'number') return csvCell(v) as string;
    const s = String(Math.round(v * 100) / 100);
    return decimal === 'comma' ? s.replace('.', ',') : s;
  };
  const text = stringify([header(r), ...r.rows.map((row) => cells(r, row).map(num))], {
    delimiter: decimal === 'comma' ? ';' : ',',
    bom: true,
    record_delimiter: 'windows',
  });
  return Buffer.from(text, 'utf8');
}

export async function rankingXlsx(r: RankingResponseDto, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC';
  wb.title = title;
  const ws = wb.addWorksheet(r.period.slice(0, 31), { views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }] });
  ws.addRow([title]).font = { bold: true };
  const h = ws.addRow(header(r));
  h.font = { bold: true };
  h.alignment = { vertical: 'top', wrapText: true };
  for (const row of r.rows) {
    const added = ws.addRow(cells(r, row).map(xmlCell));
    added.eachCell((cell) => {
      if (typeof cell.value === 'number' && !Number.isInteger(cell.value)) cell.numFmt = XLSX_DECIMALS;
    });
  }
  ws.columns.forEach((c, i) => (c.width = i === 2 || i === 3 ? 28 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const isRowStatus = (s: string): s is SubmissionStatus | CoverageStatus => s in REPORT_STATUS_LABELS || s in COVERAGE_STATUS_LABELS;
