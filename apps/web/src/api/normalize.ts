import type {
  DiffEntry,
  HistoryEntry,
  Ranking,
  RankingBreakdown,
  Report,
  ReportDiff,
  SubmissionGroup,
  SubmissionRow,
  SubmissionsOverview,
  Summary,
} from './types';

/**
 * The one place where the server's JSON is fitted to the types the screens use, so a
 * shape that differs from the contract is adapted here and nowhere else.
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

/** GET answers status null and version 0 when no report exists yet: that is "none", not an error. */
export function normalizeReport(raw: unknown): Report | null {
  const r = obj(raw);
  if (r.status === null || r.status === undefined) return null;
  const values: Report['values'] = {};
  for (const [k, v] of Object.entries(obj(r.values))) values[k] = num(v);
  return {
    ...(r as unknown as Report),
    values,
    notes: obj(r.notes) as Record<string, string>,
    narrative: obj(r.narrative) as Report['narrative'],
    comments: arr(r.comments) as Report['comments'],
    findings: arr(r.findings) as Report['findings'],
  };
}

export function normalizeHistory(raw: unknown): HistoryEntry[] {
  return arr(raw) as HistoryEntry[];
}

export function normalizeDiff(raw: unknown): ReportDiff {
  const o = obj(raw);
  return { since: (o.since ?? null) as ReportDiff['since'], changes: arr(o.changes) as DiffEntry[] };
}

export function normalizeSubmissions(raw: unknown): SubmissionsOverview {
  const o = obj(raw);
  const rowsLevel = o.rowsLevel === 'district' ? 'district' : 'commune';
  const rows = arr(o.rows);
  return {
    ...(o as unknown as SubmissionsOverview),
    rowsLevel,
    communes: rowsLevel === 'commune' ? (rows as SubmissionRow[]) : [],
    groups: rowsLevel === 'district' ? (rows as SubmissionGroup[]) : [],
  };
}

export function normalizeSummary(raw: unknown): Summary {
  const o = obj(raw);
  return { ...(o as unknown as Summary), indicators: arr(o.indicators) as Summary['indicators'] };
}

export function normalizeRanking(raw: unknown): Ranking {
  const o = obj(raw);
  return { ...(o as unknown as Ranking), rows: arr(o.rows) as Ranking['rows'], domains: arr(o.domains) as Ranking['domains'] };
}

export function normalizeBreakdown(raw: unknown): RankingBreakdown {
  const o = obj(raw);
  return { ...(o as unknown as RankingBreakdown), domains: arr(o.domains) as RankingBreakdown['domains'] };
}
