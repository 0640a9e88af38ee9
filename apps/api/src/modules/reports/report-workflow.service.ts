import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { indexTemplate, REPORT_TRANSITIONS, type AccessAction, type ReportAction, type Template } from '@cchc/shared';
import { badRequest, conflict, unprocessable } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { readAfterCommit } from '../../common/after-commit';
import { writeTransaction } from '../../database/write-transaction';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { ReturnReportDto } from './dto/return-report.dto';
import { ReopenReportDto, TransitionDto } from './dto/transition.dto';
import { ReportComment } from './entities/report-comment.entity';
import { ReportSnapshot } from './entities/report-snapshot.entity';
import { Report } from './entities/report.entity';
import { ReportChangeSink } from './report-change.sink';
import { ReportEvents } from './report-events';
import { TemplatesService } from '../templates/templates.service';
import { AuditChange, ReportStore, staleVersionError } from './report.store';
import { ReportsService, ReportView, wrongStateError } from './reports.service';

type Action = ReportAction;

/** Each transition's action in the shared access policy (the guard checked it on today's unit; this, on the period's). */
const POLICY_ACTION: Record<Action, AccessAction> = { submit: 'report.submit', approve: 'report.review', return: 'report.review', reopen: 'report.reopen' };

/** The snapshot each transition keeps (the lifecycle itself is the shared REPORT_TRANSITIONS). */
const SNAPSHOT: Record<Action, ReportSnapshot['kind']> = { submit: 'submitted', approve: 'approved', return: 'returned', reopen: 'reopened' };

export interface ValueChange {
  code: string;
  before: number | null;
  after: number | null;
}

@Injectable()
export class ReportWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly store: ReportStore,
    // Published templates are immutable and cached; inside a transaction a miss is read through its em.
    private readonly templates: TemplatesService,
    private readonly outbox: ReportChangeSink,
    private readonly events: ReportEvents,
  ) {}

  async submit(user: AuthUser, unitCode: string, periodId: string, dto: TransitionDto): Promise<ReportView> {
    return this.run(user, unitCode, periodId, 'submit', dto);
  }

  async approve(user: AuthUser, unitCode: string, periodId: string, dto: TransitionDto): Promise<ReportView> {
    return this.run(user, unitCode, periodId, 'approve', dto);
  }

  async return(user: AuthUser, unitCode: string, periodId: string, dto: ReturnReportDto): Promise<ReportView> {
    return this.run(user, unitCode, periodId, 'return', dto);
  }

  async reopen(user: AuthUser, unitCode: string, periodId: string, dto: ReopenReportDto): Promise<ReportView> {
    return this.run(user, unitCode, periodId, 'reopen', dto);
  }

  private async run(
    user: AuthUser,
    unitCode: string,
    periodId: string,
    action: Action,
    dto: TransitionDto & { comment?: string; reason?: string; indicatorComments?: Record<string, unknown> },
  ): Promise<ReportView> {
    // Checked before anything is read: a blank reason is refused the same way for everyone.
    if (action === 'reopen' && !dto.reason?.trim()) {
      throw badRequest('reason', 'Cần ghi lý do mở lại báo cáo (đơn vị lập báo cáo sẽ thấy lý do này).', 'A reason is required to reopen the report (the reporting unit sees it).');
    }
    const { unit, period } = await this.reports.resolve(user, unitCode, periodId, POLICY_ACTION[action]);
    const t = REPORT_TRANSITIONS[action];
    // A retry of an action that already committed under its Idempotency-Key: answer, do not act again.
    if (IdempotencyService.current()?.alreadyCommitted) return readAfterCommit(t, () => this.reports.view(unit, period));
    const stale: { unit: string; period: string }[] = [];
    let at = new Date();

    await writeTransaction(this.dataSource, async (em) => {
      stale.length = 0;
      const now = new Date();
      at = now;
      const ctx = { unitCode: unit.code, periodId: period.id, actor: user.username, at: now };
      // The report row first, locked: the same order as a save, so the two never deadlock.
      const report = await this.store.findForWrite(em, unit.code, period.id);
      if (!report) {
        throw conflict('no_report', `Không thể ${t.vi}: đơn vị chưa lập báo cáo cho kỳ này.`, `Cannot ${t.en}: there is no report for this period yet.`, { status: null });
      }
      if (!t.from.includes(report.status)) throw wrongStateError(report.status, t.vi, t.en);
      if (dto.version !== undefined && dto.version !== report.version) {
        throw staleVersionError(report.version);
      }
      // The reopen reason is stored like a return's general comment: the commune's banner and the history show it.
      const comments =
        action === 'return'
          ? this.returnComments(await this.templates.getPublished(report.templateVersion, em), report, dto, user, now)
          : action === 'reopen'
            ? this.returnComments(await this.templates.getPublished(report.templateVersion, em), report, { comment: dto.reason }, user, now)
            : [];

      const { findings, values } = await this.reports.blockingFindings(em, report, unit.level);
      if ((action === 'submit' || action === 'approve') && findings.length > 0) {
        throw unprocessable(
          'report_has_errors',
          `Không thể ${t.vi}: còn ${findings.length} lỗi cần sửa (${findings.slice(0, 3).map((f) => f.code).join(', ')}${findings.length > 3 ? ', …' : ''}).`,
          `Cannot ${t.en}: ${findings.length} error(s) remain.`,
          { findings },
        );
      }

      const patch: Partial<Report> = { status: t.to, updatedAt: now, updatedBy: user.username };
      if (action === 'submit') {
        patch.submittedAt = now;
        if (!report.firstSubmittedAt) patch.firstSubmittedAt = now;
      }
      if (action === 'approve') patch.approvedAt = now;
      if (action === 'reopen') patch.approvedAt = null;
      if (action === 'return') patch.returnComment = dto.comment?.trim() || null;
      if (action === 'reopen') patch.returnComment = dto.reason?.trim() || null;
      const changes: AuditChange[] = [{ action: 'status', field: action, before: report.status, after: t.to }];
      for (const c of comments) changes.push({ action: 'comment', field: c.indicatorCode, before: null, after: c.body });
      // Atomic against a concurrent save or transition: the row must still be at the version and status we read.
      await this.store.transition(em, report, patch, { kind: SNAPSHOT[action], values }, comments, changes, ctx);

      // Summaries count approved reports (or submitted ones with ROLLUP_BASIS=submitted): mark the parent stale in this transaction.
      if (this.reports.affectsRollup(report.status, t.to) && unit.parentCode) {
        await this.outbox.markStale(em, unit.parentCode, period.id);
        stale.push({ unit: unit.parentCode, period: period.id });
      }
      await IdempotencyService.markCommitted(em);
    });
    // Committed: from here on, a failure must not read as "not applied".
    // The stale mark is committed; kick() never throws, and the reconciler runs the rollup if this nudge is lost.
    for (const s of stale) await this.outbox.kick(s.unit, s.period);
    const reason = action === 'reopen' ? dto.reason : dto.comment;
    this.events.emit({
      action, unitCode: unit.code, unitName: unit.name, reviewingUnitCode: unit.parentCode, periodId: period.id, actor: user.username,
      comment: action === 'return' || action === 'reopen' ? reason?.trim() || null : null, at,
    });
    return readAfterCommit(t, () => this.reports.view(unit, period));
  }

  private returnComments(template: Template, report: Report, dto: { comment?: string; indicatorComments?: Record<string, unknown> }, user: AuthUser, now: Date): ReportComment[] {
    const idx = indexTemplate(template);
    const out: ReportComment[] = [];
    const make = (code: string | null, body: string) =>
      Object.assign(new ReportComment(), { reportId: report.id, indicatorCode: code, body, author: user.username, createdAt: now });
    if (dto.comment?.trim()) out.push(make(null, dto.comment.trim()));
    for (const [code, raw] of Object.entries(dto.indicatorComments ?? {})) {
      if (!idx.has(code)) {
        throw badRequest(`indicatorComments.${code}`, `Mã chỉ tiêu "${code}" không có trong biểu mẫu.`, `Indicator code "${code}" is not in the template.`);
      }
      if (typeof raw !== 'string' || raw.length > 4000) {
        throw badRequest(`indicatorComments.${code}`, `Ý kiến cho chỉ tiêu ${code} phải là văn bản (tối đa 4000 ký tự).`, `The comment on ${code} must be text (at most 4000 characters).`);
      }
      if (raw.trim()) out.push(make(code, raw.trim()));
    }
    return out;
  }

  /** What changed since the report was last sent back (returned or reopened): the reviewer's "changes since last submission". */
  async diff(user: AuthUser, unitCode: string, periodId: string): Promise<{ since: { kind: string; at: Date; version: number } | null; changes: ValueChange[] }> {
    const { unit, period } = await this.reports.resolve(user, unitCode, periodId);
    const em = this.dataSource.manager;
    const report = await this.store.find(em, unit.code, period.id);
    if (!report) return { since: null, changes: [] };
    const snap = await em
      .getRepository(ReportSnapshot)
      .createQueryBuilder('s')
      .where('s.report_id = :id AND s.kind IN (:...kinds)', { id: report.id, kinds: ['returned', 'reopened'] })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getOne();
    if (!snap) return { since: null, changes: [] };
    const { values } = await this.store.loadValues(em, report.id);
    return { since: { kind: snap.kind, at: snap.createdAt, version: snap.reportVersion }, changes: diffValues(snap.values, values) };
  }
}

export function diffValues(before: Record<string, number | null>, after: Record<string, number | null>): ValueChange[] {
  const codes = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return codes
    .map((code) => ({ code, before: before[code] ?? null, after: after[code] ?? null }))
    .filter((c) => c.before !== c.after)
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}
