import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BOARD_CARDS, LEVEL_NAME_EN, LEVEL_NAME_VI, boardCardOf, daysLate, isOnTime, type BoardCard } from '@cchc/shared';
import { badRequest } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { Report, ReportStatus } from './entities/report.entity';
import { ReportsService } from './reports.service';

/** on_time / late: judged on the first submission; missing: never submitted and past the deadline (a draft included: its card says drafting); not_due: not submitted, deadline ahead. */
export type Timeliness = 'on_time' | 'late' | 'missing' | 'not_due';
export type SubmissionStatus = ReportStatus | 'missing';

export interface CommuneSubmission {
  unitCode: string;
  unitName: string;
  level: AdminUnit['level'];
  parentCode: string | null;
  status: SubmissionStatus;
  version: number;
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
  approvedAt: Date | null;
  timeliness: Timeliness;
  /** Which board card the commune is on (drafting ≠ not started). */
  card: BoardCard;
  /** Vietnam days the first submission came after the deadline (0 on time, null never submitted). */
  daysLate: number | null;
  /** Submitted again after a return: firstSubmittedAt and lastSubmittedAt differ. */
  resubmitted: boolean;
  lastSubmittedAt: Date | null;
  lastChange: Date | null;
  lastChangeBy: string | null;
}

export interface SubmissionCounts {
  expected: number;
  byStatus: Record<SubmissionStatus, number>;
  byTimeliness: Record<Timeliness, number>;
  /** The board's cards: they add up to `expected`. */
  cards: Record<BoardCard, number>;
}

export interface GroupSubmission extends SubmissionCounts {
  unitCode: string;
  unitName: string;
  level: AdminUnit['level'];
  lastChange: Date | null;
  /** The group's own report: what the unit above reviews, and reminds it of. */
  ownStatus: SubmissionStatus;
}

const emptyCounts = (): SubmissionCounts => ({
  expected: 0,
  byStatus: { missing: 0, draft: 0, submitted: 0, returned: 0, approved: 0 },
  byTimeliness: { on_time: 0, late: 0, missing: 0, not_due: 0 },
  cards: Object.fromEntries(BOARD_CARDS.map((c) => [c, 0])) as Record<BoardCard, number>,
});

function count(c: SubmissionCounts, row: CommuneSubmission): void {
  c.expected += 1;
  c.byStatus[row.status] += 1;
  c.byTimeliness[row.timeliness] += 1;
  c.cards[row.card] += 1;
}

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
  ) {}

  /**
   * Who has submitted under a district or province. Rows are the unit's children: a commune child
   * is one row, a district child is a row of counts over its communes; `level=commune` lists every
   * commune of the subtree instead. Three queries whatever the size: units, reports, period.
   */
  async overview(user: AuthUser, unitCode: string, periodId: string, level?: string) {
    if (level !== undefined && level !== 'commune' && level !== 'children') {
      throw badRequest('level', 'Tham số level chỉ nhận "commune" (mọi xã) hoặc "children" (đơn vị trực thuộc).', 'level must be "commune" or "children".');
    }
    const { unit, period } = await this.reports.resolve(user, unitCode, periodId, 'submissions.read');
    if (unit.level === 'commune') {
      throw badRequest(
        'unitCode',
        `"${unit.name}" thuộc ${LEVEL_NAME_VI.commune}: tình hình nộp báo cáo xem theo đơn vị có đơn vị trực thuộc.`,
        `"${unit.name}" is a ${LEVEL_NAME_EN.commune}: the submission overview is for a unit with units below it.`,
      );
    }
    const units = await this.dataSource
      .getRepository(AdminUnit)
      .createQueryBuilder('u')
      // The unit's own tree only: /46/ prefixes both Tỉnh Thừa Thiên Huế (2024) and Thành phố Huế (2025).
      .where('u.tree = :tree AND u.path LIKE :p AND u.code <> :code', { tree: unit.tree, p: `${unit.path}%`, code: unit.code })
      .orderBy('u.code', 'ASC')
      .getMany();
    const reports = await this.dataSource
      .getRepository(Report)
      .createQueryBuilder('r')
      .select(['r.id', 'r.unitCode', 'r.status', 'r.version', 'r.submittedAt', 'r.firstSubmittedAt', 'r.approvedAt', 'r.updatedAt', 'r.updatedBy'])
      .where('r.period_id = :period AND r.unit_path LIKE :p', { period: period.id, p: `${unit.path}%` })
      .getMany();
    const byUnit = new Map(reports.map((r) => [r.unitCode, r]));
    const pastDeadline = !isOnTime(new Date().toISOString(), period.deadline);

    const communes: CommuneSubmission[] = units
      .filter((u) => u.level === 'commune')
      .map((u) => {
        const r = byUnit.get(u.code);
        const timeliness: Timeliness = r?.firstSubmittedAt
          ? isOnTime(r.firstSubmittedAt.toISOString(), period.deadline)
            ? 'on_time'
            : 'late'
          : pastDeadline
            ? 'missing'
            : 'not_due';
        return {
          unitCode: u.code,
          unitName: u.name,
          level: u.level,
          parentCode: u.parentCode,
          status: r?.status ?? 'missing',
          version: r?.version ?? 0,
          submittedAt: r?.submittedAt ?? null,
          firstSubmittedAt: r?.firstSubmittedAt ?? null,
          approvedAt: r?.approvedAt ?? null,
          timeliness,
          card: boardCardOf(r?.status),
          daysLate: r?.firstSubmittedAt ? daysLate(r.firstSubmittedAt, period.deadline) : null,
          resubmitted: !!(r?.firstSubmittedAt && r.submittedAt && r.submittedAt.getTime() !== r.firstSubmittedAt.getTime()),
          lastSubmittedAt: r?.submittedAt ?? null,
          lastChange: r?.updatedAt ?? null,
          lastChangeBy: r?.updatedBy ?? null,
        };
      });

    const totals = emptyCounts();
    for (const c of communes) count(totals, c);
    const base = {
      unitCode: unit.code,
      unitName: unit.name,
      level: unit.level,
      period: period.id,
      deadline: period.deadline,
      pastDeadline,
      totals,
    };
    const children = units.filter((u) => u.parentCode === unit.code);
    if (level === 'commune' || children.every((c) => c.level === 'commune')) {
      return { ...base, rowsLevel: 'commune' as const, rows: communes };
    }
    const groups = new Map<string, GroupSubmission>();
    for (const c of children) {
      groups.set(c.code, { unitCode: c.code, unitName: c.name, level: c.level, lastChange: null, ownStatus: byUnit.get(c.code)?.status ?? 'missing', ...emptyCounts() });
    }
    const pathOf = new Map(units.map((u) => [u.code, u.path]));
    for (const c of communes) {
      // The child of `unit` on the commune's path: the segment right after the unit's own.
      const segs = (pathOf.get(c.unitCode) ?? '').split('/').filter(Boolean);
      const childCode = segs[segs.indexOf(unit.code) + 1];
      const g = childCode ? groups.get(childCode) : undefined;
      if (!g) continue;
      count(g, c);
      if (c.lastChange && (!g.lastChange || c.lastChange > g.lastChange)) g.lastChange = c.lastChange;
    }
    return { ...base, rowsLevel: 'district' as const, rows: [...groups.values()] };
  }
}
