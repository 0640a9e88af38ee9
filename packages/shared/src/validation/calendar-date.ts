/** A real calendar day written YYYY-MM-DD (2023-02-29 and 2023-13-45 are not). */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export interface PeriodDates {
  startDate: string;
  endDate: string;
  deadline: string;
}

/**
 * The first problem of a period's dates, naming the field: each a calendar day, and
 * startDate ≤ endDate ≤ deadline (the data window closes before, or on, the submission deadline).
 */
export function periodDatesProblem(d: PeriodDates): { field: keyof PeriodDates; vi: string; en: string } | null {
  for (const field of ['startDate', 'endDate', 'deadline'] as const) {
    if (!isCalendarDate(d[field])) {
      return { field, vi: `"${String(d[field])}" không phải là một ngày có thật (dạng YYYY-MM-DD).`, en: `"${String(d[field])}" is not a calendar date (YYYY-MM-DD).` };
    }
  }
  if (d.startDate > d.endDate) return { field: 'startDate', vi: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', en: 'startDate must not be after endDate.' };
  if (d.endDate > d.deadline) return { field: 'deadline', vi: 'Hạn nộp phải sau hoặc bằng ngày kết thúc kỳ số liệu.', en: 'deadline must not be before endDate.' };
  return null;
}
