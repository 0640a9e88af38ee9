/**
 * CCHC reporting periods, named the DHIS2 way: `2023` (year), `2023S1` (first six months),
 * `2023Q1`, `2023Q3`. There is no Q2 or Q4: the six-month and annual reports take their
 * place. Periods are cumulative windows, not calendar quarters, and never add up.
 */
export type PeriodType = 'year' | 'semester' | 'quarter';

export interface PeriodInfo {
  id: string;
  type: PeriodType;
  year: number;
  /** 1 for Q1 and S1, 3 for Q3, 1 for a year. */
  index: number;
}

export interface PeriodWindow {
  /** First day of data (ISO date, inclusive). */
  startDate: string;
  /** Last day of data (ISO date, inclusive). */
  endDate: string;
  /** Last day to submit (ISO date, inclusive, Vietnam time). */
  deadline: string;
}

const PERIOD_RE = /^(\d{4})(?:(Q)([13])|(S)(1))?$/;

export function parsePeriodId(id: string): PeriodInfo | null {
  const m = PERIOD_RE.exec(typeof id === 'string' ? id.trim().toUpperCase() : '');
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 9999) return null;
  if (m[2]) return { id: `${year}Q${m[3]}`, type: 'quarter', year, index: Number(m[3]) };
  if (m[4]) return { id: `${year}S1`, type: 'semester', year, index: 1 };
  return { id: String(year), type: 'year', year, index: 1 };
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Month in which the period's data window ends (and its report is due). */
function lastMonth(p: PeriodInfo): number {
  if (p.type === 'year') return 12;
  if (p.type === 'semester') return 6;
  return p.index === 1 ? 3 : 9;
}

/**
 * Default data window and deadline of the Ministry of Home Affairs' reporting rules:
 * data from 15/12 of the previous year to the 14th of the period's last month (Q3: from
 * 15/6 to 14/9); the report is due by the 20th of that month.
 */
export function defaultPeriodWindow(id: string): PeriodWindow {
  const p = parsePeriodId(id);
  if (!p) throw new Error(`Mã kỳ báo cáo không hợp lệ: "${id}"`);
  const month = lastMonth(p);
  const startDate = p.type === 'quarter' && p.index === 3 ? isoDate(p.year, 6, 15) : isoDate(p.year - 1, 12, 15);
  return { startDate, endDate: isoDate(p.year, month, 14), deadline: isoDate(p.year, month, 20) };
}

/** The same kind of period a year earlier (what a jump is measured against). */
export function previousPeriodId(id: string): string | null {
  const p = parsePeriodId(id);
  if (!p) return null;
  const y = p.year - 1;
  if (p.type === 'year') return String(y);
  if (p.type === 'semester') return `${y}S1`;
  return `${y}Q${p.index}`;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

export function periodLabel(id: string, lang: 'vi' | 'en' = 'vi'): string {
  const p = parsePeriodId(id);
  if (!p) return id;
  if (lang === 'en') {
    if (p.type === 'year') return `Year ${p.year}`;
    if (p.type === 'semester') return `First half of ${p.year}`;
    return `Q${p.index} ${p.year}`;
  }
  if (p.type === 'year') return `Năm ${p.year}`;
  if (p.type === 'semester') return `6 tháng đầu năm ${p.year}`;
  return `Quý ${ROMAN[p.index]} năm ${p.year}`;
}

/** Ids of the periods of a year, in reporting order. */
export function periodsOfYear(year: number): string[] {
  return [`${year}Q1`, `${year}S1`, `${year}Q3`, String(year)];
}

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * Submitted on time = on or before the deadline day in Vietnam (UTC+7, no DST).
 * `submittedAtIso` is an instant; a date-time without an offset is read as Vietnam time,
 * a bare date as that Vietnam day. Unreadable input is not on time.
 */
export function isOnTime(submittedAtIso: string, deadlineIsoDate: string): boolean {
  const deadline = /^(\d{4}-\d{2}-\d{2})/.exec(deadlineIsoDate.trim());
  if (!deadline) return false;
  const s = submittedAtIso.trim();
  let day: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    day = s;
  } else {
    const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(s);
    const ms = Date.parse(hasOffset ? s : `${s}+07:00`);
    if (Number.isNaN(ms)) return false;
    day = new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
  }
  return day <= deadline[1];
}
