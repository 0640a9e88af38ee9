import type { Finding, ReportValues, UnitLevel } from '@cchc/shared';

/** Shapes of the API's answers, as the controllers in apps/api/src/modules/* return them. */

export type Role = 'commune_officer' | 'district_reviewer' | 'province_analyst' | 'admin';
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export type Timeliness = 'on_time' | 'late' | 'missing' | 'not_due';
export type SubmissionStatus = ReportStatus | 'missing';

export interface AuthUser {
  id: number | string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitPath: string | null;
  unitName: string | null;
  unitLevel?: UnitLevel | null;
}

export interface LoginResponse {
  accessToken: string;
  user: AuthUser;
}

export interface UnitRef {
  code: string;
  name: string;
  level: UnitLevel;
}

export interface UnitDetail extends UnitRef {
  parentCode: string | null;
  path: string;
  depth: number;
  ancestors: UnitRef[];
  children: UnitRef[];
}

export interface Period {
  id: string;
  type: string;
  year: number;
  startDate: string;
  endDate: string;
  deadline: string;
  label: string;
  labelEn: string;
}

export type NarrativeKey = 'I' | 'II' | 'III' | 'IV' | 'V';
export type Narrative = Partial<Record<NarrativeKey, string>>;

export interface ReportComment {
  id?: number | string;
  /** null for a general comment; an indicator code for a per-indicator one. */
  indicatorCode: string | null;
  body: string;
  author: string | null;
  createdAt?: string;
}

export interface Report {
  unitCode: string;
  unitName?: string;
  period: string;
  templateVersion: string;
  status: ReportStatus;
  version: number;
  deadline?: string;
  onTime?: boolean | null;
  returnComment?: string | null;
  values: ReportValues;
  notes: Record<string, string>;
  narrative: Narrative;
  comments: ReportComment[];
  submittedAt: string | null;
  approvedAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  findings: Finding[];
}

export interface SaveReportBody {
  values: Record<string, number | null>;
  notes?: Record<string, string | null>;
  narrative?: Narrative;
  version?: number;
}

export interface ReturnReportBody {
  comment: string;
  indicatorComments?: Record<string, string>;
}

export interface HistoryEntry {
  id?: number | string;
  at: string;
  actor: string | null;
  /** value | note | narrative | status | comment */
  action: string;
  /** The indicator code, narrative section or null. */
  field: string | null;
  before: string | null;
  after: string | null;
}

export interface ReportDiff {
  since: { kind: string; at: string; version: number } | null;
  changes: DiffEntry[];
}

export interface DiffEntry {
  code: string;
  before: number | null;
  after: number | null;
}

export interface SubmissionRow {
  unitCode: string;
  unitName: string;
  status: SubmissionStatus;
  timeliness: Timeliness;
  version: number;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  approvedAt: string | null;
  lastChange: string | null;
  lastChangeBy: string | null;
}

export interface SubmissionCounts {
  expected: number;
  byStatus: Record<SubmissionStatus, number>;
  byTimeliness: Record<Timeliness, number>;
}

/** A district's line on a province board: counts of its communes. */
export interface SubmissionGroup extends SubmissionCounts {
  unitCode: string;
  unitName: string;
  level: UnitLevel;
  lastChange: string | null;
}

export interface SubmissionsOverview {
  unitCode: string;
  unitName: string;
  period: string;
  deadline: string;
  pastDeadline: boolean;
  totals: SubmissionCounts;
  rowsLevel: 'commune' | 'district';
  communes: SubmissionRow[];
  groups: SubmissionGroup[];
}

export interface Coverage {
  /** Communes expected under the unit, and how many of them the summary counts. */
  expected: number;
  reported: number;
  childrenExpected: number;
  childrenReported: number;
  /** Direct children not (fully) counted. */
  missing: UnitRef[];
  asOf: string | null;
  /** A rollup below is still pending: the figures will change. */
  stale: boolean;
}

export interface OptionCount {
  value: number;
  label: string;
  labelEn: string | null;
  count: number;
}

export interface IndicatorFigures {
  rule: string;
  count: number;
  sum: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  headline: number | null;
  shareYes: number | null;
  optionCounts: OptionCount[] | null;
}

export interface SummaryIndicator {
  code: string;
  title: string;
  titleEn: string | null;
  unit: string;
  depth: number;
  parent: string | null;
  isHeading: boolean;
  valueType: string | null;
  summary: IndicatorFigures | null;
}

export interface Summary {
  unit: UnitRef;
  period: string;
  templateVersion: string;
  basis: string;
  coverage: Coverage;
  rollup: { requestedSeq: number; doneSeq: number; failures: number; lastError: string | null } | null;
  indicators: SummaryIndicator[];
}

export interface ScoreFigure {
  points: number;
  max: number;
  percent: number | null;
}

export interface DomainRank extends ScoreFigure {
  code: string;
  rank: number | null;
}

export interface RankingRow {
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  unit: UnitRef;
  /** Commune: its report status. District: complete / partial / none by communes scored. */
  status: string;
  scored: number;
  expected: number;
  total: ScoreFigure | null;
  domains: DomainRank[];
}

export interface Ranking {
  unit: UnitRef;
  period: string;
  previousPeriod: string | null;
  scope: 'children' | 'communes';
  basis: string;
  schemeVersion: string;
  domains: { code: string; title: string; max: number }[];
  rows: RankingRow[];
}

export interface BreakdownCriterion {
  code: string;
  title: string;
  points: number;
  max: number;
  reason: { vi: string; en: string };
  inputs: { code: string; title: string; unit: string; value: number | null }[];
}

export interface RankingBreakdown {
  unit: UnitRef;
  period: string;
  status: string;
  counted: boolean;
  schemeVersion: string;
  total: ScoreFigure & { percent: number | null };
  rank: number | null;
  rankedAmong: number;
  domains: { code: string; title: string; points: number; max: number; percent: number | null; criteria: BreakdownCriterion[] }[];
}

export interface AdminUser {
  id: number | string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName?: string | null;
  active: boolean;
  createdAt?: string;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  password: string;
}

export type UpdateUserBody = Partial<Omit<CreateUserBody, 'username'>> & { active?: boolean };

export interface UpdatePeriodBody {
  startDate?: string;
  endDate?: string;
  deadline?: string;
}
