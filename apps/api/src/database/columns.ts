import { ValueTransformer } from 'typeorm';

/** MySQL returns DOUBLE/BIGINT as numbers or strings depending on driver flags; keep numbers numbers. */
export const numberOrNull: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
};

/** Timestamps are stored in UTC with millisecond precision on both MySQL and SQLite. */
export const dateOrNull: ValueTransformer = {
  to: (v: Date | null | undefined) => v,
  from: (v: unknown) => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v;
    // The drivers hand back strings (or numbers); anything else is no date.
    const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
    // SQLite hands back "YYYY-MM-DD HH:MM:SS.mmm" without a zone: it was written as UTC.
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
  },
};
