import { parSourceSchema, validateCriteriaSet, type ParCriteriaSet, type ParCriteriaSetInput } from './criteria-set';

/**
 * A criteria set as a spreadsheet, both ways: one row per domain, criterion and sub-criterion in
 * document order, and the set's own fields on a second sheet. The API does the XLSX bytes; this
 * module turns cells into a document and says, per row and column, in Vietnamese, what is wrong.
 */

export const CRITERIA_SHEET_NAME = 'Bộ tiêu chí';
export const CRITERIA_INFO_SHEET_NAME = 'Thông tin';

export const CRITERIA_SHEET_COLUMNS = ['Cấp', 'Mã', 'Tên', 'Điểm tối đa', 'Cách chấm', 'Mức (% điểm tối đa)', 'Cho phép "Không áp dụng"', 'Tài liệu kiểm chứng', 'Nguồn từ báo cáo năm (JSON)'] as const;

export const CRITERIA_LEVEL_LABELS = { domain: 'Lĩnh vực', criterion: 'Tiêu chí', sub: 'Tiêu chí thành phần' } as const;
type Level = keyof typeof CRITERIA_LEVEL_LABELS;

export const PAR_SCORING_LABELS = { yesno: 'Đạt/Không đạt', tiers: 'Theo mức', ratio: 'Theo tỷ lệ', manual: 'Chấm trực tiếp' } as const;
type ScoringKind = keyof typeof PAR_SCORING_LABELS;

const INFO_LABELS = { title: 'Tên bộ tiêu chí', basis: 'Căn cứ', demo: 'Bộ tiêu chí minh họa' } as const;

export type CriteriaSheetCell = string | number | boolean | null;

export interface CriteriaSheetProblem {
  /** 1-based row of the sheet named by `sheet` (the header is row 1). */
  row: number;
  sheet: string;
  column: string;
  vi: string;
  en: string;
}

export type CriteriaSheetRead = { ok: true; document: ParCriteriaSetInput } | { ok: false; problems: CriteriaSheetProblem[] };

const num = (n: number) => String(n).replace('.', ',');

/** The cells to write: the rows sheet (header first) and the info sheet (label, value). */
export function criteriaSetToSheet(set: ParCriteriaSet): { rows: CriteriaSheetCell[][]; info: CriteriaSheetCell[][] } {
  const rows: CriteriaSheetCell[][] = [[...CRITERIA_SHEET_COLUMNS]];
  for (const d of set.domains) {
    rows.push([CRITERIA_LEVEL_LABELS.domain, d.code, d.title, null, null, null, null, null, null]);
    for (const c of d.criteria) {
      rows.push([CRITERIA_LEVEL_LABELS.criterion, c.code, c.title, null, null, null, null, null, null]);
      for (const s of c.subCriteria) {
        rows.push([
          CRITERIA_LEVEL_LABELS.sub,
          s.code,
          s.title,
          s.maxPoints,
          PAR_SCORING_LABELS[s.scoring.kind],
          s.scoring.kind === 'tiers' ? s.scoring.tiers.map(num).join('; ') : null,
          s.notApplicableAllowed ? 'Có' : 'Không',
          s.evidence || null,
          s.source ? JSON.stringify(s.source) : null,
        ]);
      }
    }
  }
  const info: CriteriaSheetCell[][] = [
    [INFO_LABELS.title, set.title],
    [INFO_LABELS.basis, set.basis ?? null],
    [INFO_LABELS.demo, set.demo ? 'Có' : 'Không'],
  ];
  return { rows, info };
}

const text = (v: CriteriaSheetCell | undefined): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v.trim() : String(v));
const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

function yesNo(v: CriteriaSheetCell | undefined): boolean | null {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  const t = fold(text(v));
  if (t === '' || t === 'không' || t === 'khong' || t === 'false') return false;
  if (t === 'có' || t === 'co' || t === 'x' || t === 'true') return true;
  return null;
}

function numberOf(v: CriteriaSheetCell | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = text(v).replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

function levelOf(v: CriteriaSheetCell | undefined, code: string): Level | null {
  const t = fold(text(v));
  for (const [k, label] of Object.entries(CRITERIA_LEVEL_LABELS) as Array<[Level, string]>) if (t === fold(label)) return k;
  if (t === '') {
    // A blank level reads from the code's depth: 1 → domain, 1.1 → criterion, 1.1.1 → sub-criterion.
    const depth = code.split('.').length;
    return depth === 1 ? 'domain' : depth === 2 ? 'criterion' : 'sub';
  }
  return null;
}

function scoringOf(v: CriteriaSheetCell | undefined): ScoringKind | null {
  const t = fold(text(v));
  for (const [k, label] of Object.entries(PAR_SCORING_LABELS) as Array<[ScoringKind, string]>) if (t === fold(label) || t === k) return k;
  return null;
}

const COL = (i: number) => CRITERIA_SHEET_COLUMNS[i];

/**
 * Reads the cells back into a criteria-set document, then validates it as the JSON route does; every
 * problem names its row and column. Blank rows are skipped.
 */
export function criteriaSetFromSheet(rows: CriteriaSheetCell[][], info: CriteriaSheetCell[][]): CriteriaSheetRead {
  const problems: CriteriaSheetProblem[] = [];
  const at = (row: number, col: number, vi: string, en: string) => problems.push({ row, sheet: CRITERIA_SHEET_NAME, column: COL(col), vi, en });

  const infoValue = (label: string) => info.find((r) => fold(text(r?.[0])) === fold(label))?.[1];
  const title = text(infoValue(INFO_LABELS.title));
  const basis = text(infoValue(INFO_LABELS.basis));
  const demo = yesNo(infoValue(INFO_LABELS.demo));
  if (!title) problems.push({ row: 1, sheet: CRITERIA_INFO_SHEET_NAME, column: 'B', vi: `Thiếu "${INFO_LABELS.title}".`, en: 'Missing the title.' });
  if (demo === null) problems.push({ row: 3, sheet: CRITERIA_INFO_SHEET_NAME, column: 'B', vi: `"${INFO_LABELS.demo}" phải là Có hoặc Không.`, en: 'demo: yes or no.' });

  const header = (rows[0] ?? []).map((c) => fold(text(c)));
  CRITERIA_SHEET_COLUMNS.forEach((name, i) => {
    if (header[i] !== fold(name)) at(1, i, `Dòng tiêu đề: cột ${i + 1} phải là "${name}".`, `Header: column ${i + 1} must be "${name}".`);
  });
  if (problems.some((p) => p.row === 1 && p.sheet === CRITERIA_SHEET_NAME)) return { ok: false, problems };

  type Sub = Record<string, unknown>;
  const domains: Array<{ code: string; title: string; criteria: Array<{ code: string; title: string; subCriteria: Sub[] }>; line: number }> = [];
  // Where each part of the document came from, so the schema's paths point back at rows.
  const lineOf = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const line = i + 1;
    if (r.every((c) => text(c) === '')) continue;
    const code = text(r[1]);
    const name = text(r[2]);
    const level = levelOf(r[0], code);
    if (!level) {
      at(line, 0, `Dòng ${line}: cấp "${text(r[0])}" không hợp lệ (Lĩnh vực, Tiêu chí hoặc Tiêu chí thành phần).`, `Row ${line}: unknown level.`);
      continue;
    }
    if (level === 'domain') {
      lineOf.set(`domains.${domains.length}`, line);
      domains.push({ code, title: name, criteria: [], line });
      continue;
    }
    const d = domains[domains.length - 1];
    if (!d) {
      at(line, 0, `Dòng ${line}: ${CRITERIA_LEVEL_LABELS[level].toLocaleLowerCase('vi')} phải nằm sau một lĩnh vực.`, `Row ${line}: must follow a domain.`);
      continue;
    }
    if (level === 'criterion') {
      lineOf.set(`domains.${domains.length - 1}.criteria.${d.criteria.length}`, line);
      d.criteria.push({ code, title: name, subCriteria: [] });
      continue;
    }
    const c = d.criteria[d.criteria.length - 1];
    if (!c) {
      at(line, 0, `Dòng ${line}: tiêu chí thành phần phải nằm sau một tiêu chí.`, `Row ${line}: a sub-criterion must follow a criterion.`);
      continue;
    }
    const sub: Sub = { code, title: name };
    const max = numberOf(r[3]);
    if (max === null) at(line, 3, `Dòng ${line}: điểm tối đa phải là số (ví dụ 2 hoặc 1,5).`, `Row ${line}: max points must be a number.`);
    else sub.maxPoints = max;
    const kind = scoringOf(r[4]);
    if (!kind) at(line, 4, `Dòng ${line}: cách chấm "${text(r[4])}" không hợp lệ (${Object.values(PAR_SCORING_LABELS).join(', ')}).`, `Row ${line}: unknown scoring.`);
    else if (kind === 'tiers') {
      const parts = text(r[5]).split(/[;\s]+/).filter(Boolean);
      const tiers = parts.map((p) => numberOf(p));
      if (!parts.length || tiers.some((t) => t === null)) at(line, 5, `Dòng ${line}: chấm theo mức cần các mức (% điểm tối đa) cách nhau bằng dấu chấm phẩy, ví dụ "100; 75; 50".`, `Row ${line}: tiers needed.`);
      else sub.scoring = { kind, tiers };
    } else sub.scoring = { kind };
    const na = yesNo(r[6]);
    if (na === null) at(line, 6, `Dòng ${line}: "Cho phép Không áp dụng" phải là Có hoặc Không.`, `Row ${line}: yes or no.`);
    else sub.notApplicableAllowed = na;
    const evidence = text(r[7]);
    if (evidence) sub.evidence = evidence;
    const source = text(r[8]);
    if (source) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(source);
      } catch {
        parsed = undefined;
      }
      const s = parsed === undefined ? null : parSourceSchema.safeParse(parsed);
      if (!s?.success) at(line, 8, `Dòng ${line}: nguồn từ báo cáo năm không hợp lệ (JSON, ví dụ {"kind":"ratio","numerator":["1.1.2"],"denominator":["1.1.1"]}).`, `Row ${line}: invalid source.`);
      else sub.source = s.data;
    }
    lineOf.set(`domains.${domains.length - 1}.criteria.${d.criteria.length - 1}.subCriteria.${c.subCriteria.length}`, line);
    c.subCriteria.push(sub);
  }
  if (problems.length) return { ok: false, problems };

  const document = { title, demo: demo ?? false, ...(basis ? { basis } : {}), domains: domains.map(({ line: _line, ...d }) => d) } as ParCriteriaSetInput;
  const v = validateCriteriaSet(document);
  if (v.ok) return { ok: true, document };
  const FIELD_COLUMN: Record<string, number> = { code: 1, title: 2, maxPoints: 3, scoring: 4, tiers: 5, notApplicableAllowed: 6, evidence: 7, source: 8, subCriteria: 2, criteria: 2 };
  for (const p of v.problems) {
    const parts = p.path.split('.');
    if (parts[0] !== 'domains' || parts.length < 2) {
      const infoRow = parts[0] === 'title' ? 1 : parts[0] === 'basis' ? 2 : parts[0] === 'demo' ? 3 : 0;
      if (infoRow) problems.push({ row: infoRow, sheet: CRITERIA_INFO_SHEET_NAME, column: 'B', vi: p.vi, en: p.en });
      else problems.push({ row: 1, sheet: CRITERIA_SHEET_NAME, column: COL(0), vi: p.vi, en: p.en });
      continue;
    }
    // The longest prefix that names a row, and the most specific field after it that has a column.
    let line = 1;
    let field = '';
    for (let k = parts.length; k >= 2; k--) {
      const hit = lineOf.get(parts.slice(0, k).join('.'));
      if (hit) {
        line = hit;
        field = [...parts.slice(k)].reverse().find((x) => x in FIELD_COLUMN) ?? '';
        break;
      }
    }
    const col = FIELD_COLUMN[field] ?? 1;
    problems.push({ row: line, sheet: CRITERIA_SHEET_NAME, column: COL(col), vi: `Dòng ${line}: ${p.vi}`, en: `Row ${line}: ${p.en}` });
  }
  return { ok: false, problems };
}
