/** One fault of an uploaded criteria workbook, as the upload screen lists it. */
export interface CriteriaProblemRow {
  key: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  vi: string;
  en: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * The faults a 400 of `POST /api/par/criteria-sets/import` carries in `details.problems`: a row's
 * (sheet, row, column, reason) when the workbook cannot be read, or a place in the set (path, reason)
 * when it reads but breaks a rule of the set. Null when the answer has none (another refusal).
 */
export function criteriaProblems(details: unknown): CriteriaProblemRow[] | null {
  const list = (details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(list) || list.length === 0) return null;
  return list.map((p: Record<string, unknown>, i) => ({
    key: String(i),
    sheet: str(p.sheet),
    row: typeof p.row === 'number' ? p.row : null,
    column: str(p.column) ?? str(p.path),
    vi: str(p.vi) ?? str(p.en) ?? '',
    en: str(p.en) ?? str(p.vi) ?? '',
  }));
}
