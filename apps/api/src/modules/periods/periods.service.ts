import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { defaultPeriodWindow, parsePeriodId, periodDatesProblem, type PeriodDates, type ScoringScheme, type Template } from '@cchc/shared';
import { badRequest, conflict, notFound } from '../../common/api-error';
import { ScoringSchemesService } from '../templates/scoring-schemes.service';
import { TemplatesService } from '../templates/templates.service';
import { ExpiringCache } from '../../common/expiring-cache';
import { Period } from './entities/period.entity';
import { UpdatePeriodDto } from './dto/update-period.dto';

/**
 * Every report read and save, summary and ranking asks for its period: answers are kept this long.
 * An update in this process is seen at once (`upsert` replaces the entry); another process's within the TTL.
 */
const PERIOD_TTL_MS = 5_000;

@Injectable()
export class PeriodsService {
  /** null: not opened (kept only for `exists`, which rankings ask of the previous period on every read). */
  private readonly cache = new ExpiringCache<Period | null>(PERIOD_TTL_MS, 1000);

  constructor(
    @InjectRepository(Period) private readonly periods: Repository<Period>,
    private readonly templates: TemplatesService,
    private readonly schemes: ScoringSchemesService,
  ) {}

  /** The scoring scheme the period is scored with (its own choice, else the newest published for its template). */
  async schemeOf(periodId: string): Promise<ScoringScheme> {
    const p = await this.getOrThrow(periodId);
    return this.schemes.forPeriod(p, await this.templates.forPeriod(p));
  }

  /** The template the period is reported on (published, so cached for good once read). */
  async templateOf(periodId: string): Promise<Template> {
    return this.templates.forPeriod(await this.getOrThrow(periodId));
  }

  /** Like templateOf, for a period that may not be opened (the newest published then). */
  async templateOfOrLatest(periodId: string): Promise<Template> {
    return (await this.exists(periodId)) ? this.templateOf(periodId) : this.templates.latestPublished();
  }

  list(): Promise<Period[]> {
    return this.periods.find({ order: { year: 'DESC', endDate: 'DESC' } });
  }

  findById(id: string): Promise<Period | null> {
    return this.periods.findOne({ where: { id } });
  }

  /** Whether the period is opened; a period opened by another process may be missed for PERIOD_TTL_MS. */
  async exists(id: string): Promise<boolean> {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit !== null;
    return (await this.cachedRead(id)) !== null;
  }

  async getOrThrow(id: string): Promise<Period> {
    const hit = this.cache.get(id);
    // A cached miss is asked again: a period opened by another process must be found at once here.
    const p = hit ? { ...hit } : await this.cachedRead(id);
    if (!p) {
      throw notFound(
        `Kỳ báo cáo "${id}" không tồn tại (dạng hợp lệ: 2023, 2023S1, 2023Q1, 2023Q3; kỳ phải được quản trị viên mở).`,
        `Unknown period "${id}" (valid ids: 2023, 2023S1, 2023Q1, 2023Q3, opened by an administrator).`,
        'period',
      );
    }
    return p;
  }

  private async cachedRead(id: string): Promise<Period | null> {
    const stamp = this.cache.stamp();
    const p = parsePeriodId(id) ? await this.findById(id) : null;
    // Copies, so no caller can change the entry.
    if (parsePeriodId(id)) this.cache.set(id, p ? { ...p } : null, stamp);
    return p;
  }

  /** Opens a period with the regulation's default window and deadline, or changes them. */
  async upsert(id: string, dto: UpdatePeriodDto = {}): Promise<Period> {
    const info = parsePeriodId(id);
    if (!info) throw badRequest('period', `Mã kỳ "${id}" không hợp lệ (ví dụ: 2023, 2023S1, 2023Q1, 2023Q3).`, `Invalid period id "${id}".`);
    const existing = await this.findById(id);
    const current: Period =
      existing ?? this.periods.create({ id, type: info.type, year: info.year, ...defaultPeriodWindow(id), templateVersion: null, scoringVersion: null });
    const { templateVersion, scoringVersion, reminderDays, ...dates } = dto;
    const sent = Object.fromEntries(Object.entries(dates).filter(([, v]) => v !== undefined)) as Partial<PeriodDates>;
    // What was sent is checked first, so the field named is the one the administrator typed.
    const merged = { startDate: current.startDate, endDate: current.endDate, deadline: current.deadline, ...sent };
    const problem = periodDatesProblem(merged);
    if (problem) throw badRequest(problem.field, problem.vi, problem.en);
    Object.assign(current, sent);
    if (reminderDays !== undefined) current.reminderDays = reminderDays === null ? null : reminderDays.replace(/\s+/g, '');
    if (templateVersion !== undefined && templateVersion !== current.templateVersion) {
      if (!(await this.templates.isPublished(templateVersion))) {
        throw badRequest('templateVersion', `Biểu mẫu "${templateVersion}" không có hoặc chưa ban hành.`, `Template "${templateVersion}" does not exist or is not published.`);
      }
      if (existing && (await this.hasReports(id))) {
        throw conflict(
          'period_has_reports',
          `Kỳ ${id} đã có báo cáo nên không thể đổi biểu mẫu (đang dùng "${current.templateVersion}").`,
          `Period ${id} has reports; its template version ("${current.templateVersion}") cannot change.`,
        );
      }
      current.templateVersion = templateVersion;
    }
    if (!current.templateVersion) current.templateVersion = (await this.templates.latestPublished()).version;
    if (scoringVersion !== undefined && scoringVersion !== current.scoringVersion) {
      const { scheme, status } = await this.schemes.getOrThrow(scoringVersion).catch(() => ({ scheme: null, status: null }));
      if (!scheme || status !== 'published' || scheme.templateVersion !== current.templateVersion) {
        throw badRequest(
          'scoringVersion',
          `Cách chấm điểm "${scoringVersion}" không có, chưa ban hành, hoặc không dành cho biểu mẫu "${current.templateVersion}" của kỳ.`,
          `Scheme "${scoringVersion}" does not exist, is not published, or is not for the period's template "${current.templateVersion}".`,
        );
      }
      current.scoringVersion = scoringVersion;
    } else if (current.scoringVersion && templateVersion !== undefined) {
      // A scheme named for another template no longer fits.
      const named = await this.schemes.getOrThrow(current.scoringVersion);
      if (named.scheme.templateVersion !== current.templateVersion) current.scoringVersion = null;
    }
    this.cache.delete(id);
    try {
      return await this.periods.save(current, { transaction: false }); // one row; see serialize-sqlite-transactions.ts
    } finally {
      this.cache.delete(id); // a read that began while the row was being written is not kept either
    }
  }

  /** Whether any report (in any state) exists for the period: its values were given against its version. */
  private async hasReports(id: string): Promise<boolean> {
    const rows: unknown[] = await this.periods.manager.query('SELECT 1 AS x FROM reports WHERE period_id = ? LIMIT 1', [id]);
    return rows.length > 0;
  }
}
