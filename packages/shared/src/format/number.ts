import type { ValueType } from '../template/types';

export type ParsedNumber = { ok: true; value: number | null } | { ok: false };

/** Strings that mean "nothing entered" in Vietnamese tables (a dash is "không có số liệu"). */
const BLANK = /^[-–—]?$/;

/**
 * Reads a number as people type or paste it: `56,1`, `56.1`, `02`, `1.714`, `1.234.567`,
 * `1 714`, `1.714,5`, `1,714.5`, `56,1%`. Blank ('', spaces, '-', null, undefined) → null.
 *
 * The separator rule, in order:
 * 1. Both `.` and `,` present: the later one is the decimal mark, the other groups thousands.
 * 2. Only commas: one comma is a decimal mark (Vietnamese `56,1`); several must be
 *    thousands groups (`1,234,567`).
 * 3. Only dots: several dots are thousands groups (`1.234.567`). A single dot followed by
 *    exactly three digits (`1.714`) is ambiguous. In a percent column it is a decimal point
 *    (1.714), because 1714 can never be a valid percentage and `56.1` is accepted there.
 *    Everywhere else (counts, decimals, yes/no, choices, type unknown) it is the Vietnamese
 *    thousands separator (1714) — that is how `formatVietnameseNumber` writes 1714, so our
 *    own exports read back unchanged.
 *    Any other single dot is a decimal point (`56.1`, `0.714`).
 * Thousands groups must be exactly three digits, otherwise the input is rejected.
 */
export function parseNumberInput(input: unknown, valueType?: ValueType): ParsedNumber {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : { ok: false };
  if (typeof input !== 'string') return { ok: false };
  let s = input.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  if (BLANK.test(s)) return { ok: true, value: null };
  if (s.endsWith('%')) s = s.slice(0, -1).trim();
  let sign = '';
  if (/^[+-]/.test(s)) {
    sign = s[0] === '-' ? '-' : '';
    s = s.slice(1).trim();
  }
  // Space as a thousands separator: only between proper groups ("1 714", "12 345 678").
  if (s.includes(' ')) {
    if (!/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(s)) return { ok: false };
    s = s.replace(/ /g, '');
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false };

  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let intPart: string;
  let fracPart = '';
  let groupSep: string | null = null;

  if (dots > 0 && commas > 0) {
    const decimalMark = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    groupSep = decimalMark === '.' ? ',' : '.';
    const at = s.lastIndexOf(decimalMark);
    if (s.indexOf(decimalMark) !== at) return { ok: false };
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
  } else if (commas > 0 || dots > 0) {
    const mark = commas > 0 ? ',' : '.';
    const count = commas > 0 ? commas : dots;
    if (count > 1) {
      groupSep = mark;
      intPart = s;
    } else {
      const at = s.indexOf(mark);
      const before = s.slice(0, at);
      const after = s.slice(at + 1);
      const thousandsByType = valueType !== 'percent';
      if (mark === '.' && thousandsByType && /^[1-9]\d{0,2}$/.test(before) && /^\d{3}$/.test(after)) {
        groupSep = '.';
        intPart = s;
      } else {
        intPart = before;
        fracPart = after;
      }
    }
  } else {
    intPart = s;
  }

  if (groupSep !== null && intPart.includes(groupSep)) {
    if (!new RegExp(`^\\d{1,3}(\\${groupSep}\\d{3})+$`).test(intPart)) return { ok: false };
    intPart = intPart.split(groupSep).join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false };
  if (intPart === '' && fracPart === '') return { ok: false };
  const value = Number(`${sign}${intPart || '0'}${fracPart ? `.${fracPart}` : ''}`);
  return Number.isFinite(value) ? { ok: true, value: value === 0 ? 0 : value } : { ok: false };
}

/**
 * Vietnamese display: `,` decimal mark, `.` thousands groups, at most `maxFractionDigits`
 * decimals with trailing zeros dropped. Written by hand so it does not depend on the ICU
 * locale data a runtime may lack. null / non-finite → ''.
 */
export function formatVietnameseNumber(n: number | null | undefined, maxFractionDigits = 2, minFractionDigits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const digits = Math.max(0, Math.min(20, Math.floor(maxFractionDigits)));
  const fixed = Math.abs(n).toFixed(digits);
  let [int, frac = ''] = fixed.split('.');
  // Trailing zeros go, down to minFractionDigits (a column of scores keeps its decimals aligned: 81,10).
  frac = frac.replace(/0+$/, '').padEnd(Math.min(digits, Math.max(0, Math.floor(minFractionDigits))), '0');
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const negative = n < 0 && (int !== '0' || frac !== '');
  return `${negative ? '-' : ''}${int}${frac ? `,${frac}` : ''}`;
}

/** Convenience form of `parseNumberInput`: the number, null for blank, NaN when unreadable. */
export function parseVietnameseNumber(input: unknown, valueType?: ValueType): number | null {
  const r = parseNumberInput(input, valueType);
  return r.ok ? r.value : NaN;
}
