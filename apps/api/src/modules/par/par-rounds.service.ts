import { HttpStatus, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  bandsProblem,
  currentStage,
  DEFAULT_PAR_BANDS,
  deadlinesProblem,
  mayRunParRound,
  PAR_STAGE_LABEL_VI,
  PAR_STAGES,
  stageOpen,
  type ParBand,
  type ParCriteriaSet,
  type ParDeadlines,
  type ParStage,
} from '@cchc/shared';
import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { JobQueueService } from '../../queue/queue.service';
import { QueueName } from '../../queue/queue.constants';
import { UnitsService } from '../units/units.service';
import type { AdminUnit } from '../units/entities/admin-unit.entity';
import type { CreateParRoundDto, ParDeadlinesDto } from './dto/par-round.dto';
import { ParRound } from './entities/par-round.entity';
import { ParScoreAudit } from './entities/par-score-audit.entity';
import { ParSheet } from './entities/par-sheet.entity';
import { ParCriteriaSetsService } from './par-criteria-sets.service';

const COLUMN: Record<ParStage, keyof ParRound> = {
  self_assessment: 'deadlineSelfAssessment',
  appraisal_1: 'deadlineAppraisal1',
  explanation: 'deadlineExplanation',
  appraisal_2: 'deadlineAppraisal2',
  finalisation: 'deadlineFinalisation',
};

export interface ParRoundView {
  id: number;
  year: number;
  title: string;
  appraisingUnitCode: string;
  appraisingUnitName: string;
  criteriaVersion: string;
  criteriaTitle: string;
  demo: boolean;
  deadlines: ParDeadlines;
  lockedStages: ParStage[];
  stage: ParStage | 'closed' | 'published';
  stageLabel: string;
  bonusCap: number;
  penaltyCap: number;
  surveyWeight: number;
  bands: ParBand[];
  publishedAt: string | null;
  participants: number;
  /** Sheets by status (draft, submitted, explaining, final, …). */
  sheetsByStatus: Record<string, number>;
  /** What the caller may do here. */
  canRun: boolean;
}

/** Rounds: opening, deadlines and their locks, and the stage checks every write goes through. */
@Injectable()
export class ParRoundsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ParRounds');

  constructor(
    @InjectRepository(ParRound) private readonly rounds: Repository<ParRound>,
    @InjectRepository(ParSheet) private readonly sheets: Repository<ParSheet>,
    private readonly dataSource: DataSource,
    private readonly criteria: ParCriteriaSetsService,
    private readonly units: UnitsService,
    private readonly queue: JobQueueService,
  ) {}

  /** The in-process driver keeps no timers across a restart; BullMQ folds the repeats into the jobs it holds. */
  async onApplicationBootstrap(): Promise<void> {
    const open = await this.rounds.find({ where: { publishedAt: IsNull() } }).catch(() => [] as ParRound[]);
    for (const r of open) await this.scheduleLocks(r).catch((e: Error) => this.logger.warn(`round ${r.id}: deadline jobs not scheduled: ${e.message}`));
  }

  deadlinesOf(r: ParRound): ParDeadlines {
    return Object.fromEntries(PAR_STAGES.map((s) => [s, (r[COLUMN[s]] as Date).toISOString()])) as ParDeadlines;
  }

  lockedOf(r: ParRound): ParStage[] {
    return r.lockedStages.split(',').filter((s): s is ParStage => (PAR_STAGES as readonly string[]).includes(s));
  }

  bandsOf(r: ParRound): ParBand[] {
    return JSON.parse(r.bands) as ParBand[];
  }

  async getRound(id: string | number): Promise<ParRound> {
    const n = Number(id);
    const round = Number.isInteger(n) && n > 0 ? await this.rounds.findOne({ where: { id: n } }) : null;
    if (!round) throw notFound(`Không có kỳ đánh giá số ${String(id)}.`, `No round ${String(id)}.`, 'roundId');
    return round;
  }

  criteriaOf(r: ParRound): Promise<ParCriteriaSet> {
    return this.criteria.published(r.criteriaVersion);
  }

  /** 409 unless the stage's window is open now and the deadline job has not locked it. */
  assertOpen(r: ParRound, stage: ParStage, now = new Date()): void {
    if (stageOpen(stage, this.deadlinesOf(r), now, this.lockedOf(r), r.publishedAt !== null)) return;
    const label = PAR_STAGE_LABEL_VI[stage];
    if (r.publishedAt) throw conflict('par_round_published', 'Kết quả đã công bố: không thay đổi được nữa.', 'Results are published: nothing can change.');
    const i = PAR_STAGES.indexOf(stage);
    const opens = i > 0 ? new Date(this.deadlinesOf(r)[PAR_STAGES[i - 1]]) : null;
    if (opens && now < opens) {
      throw conflict('par_stage_not_open', `Giai đoạn "${label}" chưa mở (mở từ ${opens.toISOString()}).`, `The ${stage} stage opens at ${opens.toISOString()}.`, { stage });
    }
    throw conflict('par_stage_closed', `Đã hết hạn giai đoạn "${label}" (${this.deadlinesOf(r)[stage]}).`, `The ${stage} deadline has passed.`, { stage });
  }

  assertRunner(user: AuthUser, r: ParRound): void {
    if (!mayRunParRound(user, r.appraisingUnitCode)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Chỉ cán bộ thẩm định của đơn vị chủ trì kỳ đánh giá (hoặc quản trị viên) được làm việc này.', "Only the appraising unit's reviewers (or administrators) may do this.");
    }
  }

  /** The round is visible to its appraising unit's staff, its participants' staff and administrators. */
  async assertReader(user: AuthUser, r: ParRound): Promise<void> {
    if (user.unitPath === null) return;
    if (user.unitPath && r.appraisingUnitPath.startsWith(user.unitPath)) return;
    if (user.unitCode && (await this.sheets.exist({ where: { roundId: r.id, unitCode: user.unitCode } }))) return;
    throw forbidden();
  }

  /** An appraising unit: a district (three tiers) or a province whose children are communes (two tiers). */
  private async appraisingUnit(code: string): Promise<{ unit: AdminUnit; communes: AdminUnit[] }> {
    const unit = await this.units.getOrThrow(code);
    if (unit.level === 'commune') {
      throw badRequest('appraisingUnitCode', 'Đơn vị chủ trì phải là tỉnh (hai cấp) hoặc huyện (ba cấp), không phải xã.', 'The appraising unit must be a province (two tiers) or a district (three tiers).');
    }
    if (unit.level === 'province') {
      const children = await this.units.children(unit);
      if (children.some((c) => c.level !== 'commune')) {
        throw badRequest('appraisingUnitCode', 'Tỉnh còn cấp huyện: kỳ đánh giá cấp xã do huyện chủ trì.', 'A province with districts: the district appraises its communes.');
      }
    }
    const communes = (await this.units.communesUnder(unit)).filter((c) => c.validTo === null);
    if (communes.length === 0) throw badRequest('appraisingUnitCode', 'Đơn vị không có xã nào để đánh giá.', 'The unit has no communes.');
    return { unit, communes };
  }

  private parseDeadlines(d: ParDeadlinesDto | undefined, base?: ParDeadlines): ParDeadlines {
    const merged = { ...(base ?? {}), ...Object.fromEntries(Object.entries(d ?? {}).filter(([, v]) => v !== undefined)) } as Partial<ParDeadlines>;
    const problem = deadlinesProblem(merged);
    if (problem) throw badRequest(problem.field, problem.vi, problem.en);
    return Object.fromEntries(PAR_STAGES.map((s) => [s, new Date(merged[s]!).toISOString()])) as ParDeadlines;
  }

  async create(user: AuthUser, dto: CreateParRoundDto): Promise<ParRoundView> {
    if (!mayRunParRound(user, dto.appraisingUnitCode)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Chỉ cán bộ thẩm định của chính đơn vị chủ trì (hoặc quản trị viên) được mở kỳ đánh giá.', "Only the appraising unit's own reviewers (or administrators) open a round.");
    }
    const set = await this.criteria.published(dto.criteriaVersion);
    const { unit, communes } = await this.appraisingUnit(dto.appraisingUnitCode);
    const deadlines = this.parseDeadlines(dto.deadlines);
    const bands = dto.bands ?? [...DEFAULT_PAR_BANDS];
    const bp = bandsProblem(bands);
    if (bp) throw badRequest('bands', bp.vi, bp.en);
    const now = new Date();
    const round = await this.dataSource.transaction(async (em) => {
      const r = em.getRepository(ParRound).create({
        year: dto.year,
        title: dto.title?.trim() || `Chỉ số CCHC năm ${dto.year} – ${unit.name}`,
        appraisingUnitCode: unit.code,
        appraisingUnitPath: unit.path,
        criteriaVersion: dto.criteriaVersion,
        deadlineSelfAssessment: new Date(deadlines.self_assessment),
        deadlineAppraisal1: new Date(deadlines.appraisal_1),
        deadlineExplanation: new Date(deadlines.explanation),
        deadlineAppraisal2: new Date(deadlines.appraisal_2),
        deadlineFinalisation: new Date(deadlines.finalisation),
        bonusCap: dto.bonusCap ?? 0,
        penaltyCap: dto.penaltyCap ?? 0,
        surveyWeight: dto.surveyWeight ?? 0,
        bands: JSON.stringify(bands.map((b) => ({ name: b.name.trim(), min: b.min }))),
        lockedStages: '',
        publishedAt: null,
        createdBy: user.username,
        createdAt: now,
      });
      await em.getRepository(ParRound).save(r);
      await em.getRepository(ParSheet).insert(
        communes.map((c) => ({ roundId: r.id, unitCode: c.code, unitName: c.name, status: 'draft' as const, surveyPercent: null, submittedAt: null, finalizedAt: null, updatedAt: now })),
      );
      return r;
    });
    await this.scheduleLocks(round);
    this.logger.log(`round ${round.id} opened by ${user.username} for ${unit.code} on ${set.title}`);
    return this.view(user, round);
  }

  /** Moves deadlines (extend or shorten), keeping their order; a stage given a future deadline opens again. */
  async patchDeadlines(user: AuthUser, id: string, dto: ParDeadlinesDto): Promise<ParRoundView> {
    const r = await this.getRound(id);
    this.assertRunner(user, r);
    if (r.publishedAt) throw conflict('par_round_published', 'Kết quả đã công bố: không đổi hạn được.', 'Published: deadlines are final.');
    const before = this.deadlinesOf(r);
    const next = this.parseDeadlines(dto, before);
    const now = Date.now();
    const changed = PAR_STAGES.filter((s) => before[s] !== next[s]);
    for (const s of changed) (r as unknown as Record<string, Date>)[COLUMN[s]] = new Date(next[s]);
    r.lockedStages = this.lockedOf(r)
      .filter((s) => !(changed.includes(s) && Date.parse(next[s]) > now))
      .join(',');
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(ParRound).save(r);
      await em.getRepository(ParScoreAudit).insert(
        changed.map((s) => ({ roundId: r.id, unitCode: r.appraisingUnitCode, rowCode: null, field: `deadline.${s}`, stage: s, actor: user.username, before: before[s], after: next[s], at: new Date() })),
      );
    });
    await this.scheduleLocks(r);
    return this.view(user, r);
  }

  /** One delayed job per stage not yet locked, keyed by its deadline (a moved deadline gets a new job). */
  async scheduleLocks(r: ParRound): Promise<void> {
    const locked = this.lockedOf(r);
    const d = this.deadlinesOf(r);
    for (const stage of PAR_STAGES) {
      if (locked.includes(stage)) continue;
      const delayMs = Math.max(0, Date.parse(d[stage]) - Date.now());
      await this.queue.enqueue(QueueName.ParDeadline, { roundId: r.id, stage, deadline: d[stage] }, { delayMs });
    }
  }

  /**
   * The deadline job: locks the stage when its deadline (still the one the job was set for) has passed.
   * Early (a capped timer) → 'early', the caller schedules the rest. Idempotent.
   */
  async lockStage(roundId: number, stage: string, deadline: string): Promise<'locked' | 'stale' | 'early'> {
    const r = await this.rounds.findOne({ where: { id: roundId } });
    if (!r || !(PAR_STAGES as readonly string[]).includes(stage)) return 'stale';
    const s = stage as ParStage;
    if (this.deadlinesOf(r)[s] !== new Date(deadline).toISOString()) return 'stale';
    if (Date.now() < Date.parse(deadline)) return 'early';
    if (this.lockedOf(r).includes(s)) return 'locked';
    const locked = [...this.lockedOf(r), s];
    // Only this round's row, and only if no one moved the deadline meanwhile.
    await this.rounds.update({ id: r.id, [COLUMN[s]]: r[COLUMN[s]] as Date }, { lockedStages: PAR_STAGES.filter((x) => locked.includes(x)).join(',') });
    this.logger.log(`round ${r.id}: ${stage} locked at its deadline ${deadline}`);
    return 'locked';
  }

  async view(user: AuthUser, r: ParRound): Promise<ParRoundView> {
    const [set, unit, counts] = await Promise.all([
      this.criteria.get(r.criteriaVersion),
      this.units.resolve(r.appraisingUnitCode),
      this.sheets
        .createQueryBuilder('s')
        .select('s.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .where('s.roundId = :id', { id: r.id })
        .groupBy('s.status')
        .getRawMany<{ status: string; n: string | number }>(),
    ]);
    const stage = currentStage(this.deadlinesOf(r), new Date(), r.publishedAt !== null);
    const sheetsByStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    return {
      id: r.id,
      year: r.year,
      title: r.title,
      appraisingUnitCode: r.appraisingUnitCode,
      appraisingUnitName: unit?.name ?? r.appraisingUnitCode,
      criteriaVersion: r.criteriaVersion,
      criteriaTitle: set.title,
      demo: set.demo,
      deadlines: this.deadlinesOf(r),
      lockedStages: this.lockedOf(r),
      stage,
      stageLabel: PAR_STAGE_LABEL_VI[stage],
      bonusCap: r.bonusCap,
      penaltyCap: r.penaltyCap,
      surveyWeight: r.surveyWeight,
      bands: this.bandsOf(r),
      publishedAt: r.publishedAt?.toISOString() ?? null,
      participants: Object.values(sheetsByStatus).reduce((a, b) => a + b, 0),
      sheetsByStatus,
      canRun: mayRunParRound(user, r.appraisingUnitCode),
    };
  }

  async get(user: AuthUser, id: string): Promise<ParRoundView> {
    const r = await this.getRound(id);
    await this.assertReader(user, r);
    return this.view(user, r);
  }

  /** Rounds the caller may see: administrators all; others those of their subtree's appraising units or where their unit takes part. */
  async list(user: AuthUser): Promise<ParRoundView[]> {
    let rows: ParRound[];
    if (user.unitPath === null) {
      rows = await this.rounds.find({ order: { year: 'DESC', id: 'DESC' } });
    } else {
      const part = user.unitCode ? (await this.sheets.find({ where: { unitCode: user.unitCode }, select: { roundId: true } })).map((s) => s.roundId) : [];
      const mine = await this.rounds
        .createQueryBuilder('r')
        .where('r.appraisingUnitPath LIKE :p', { p: `${user.unitPath}%` })
        .orderBy('r.year', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .getMany();
      const extra = part.length ? await this.rounds.find({ where: { id: In(part), appraisingUnitCode: Not(IsNull()) } }) : [];
      const seen = new Set(mine.map((r) => r.id));
      rows = [...mine, ...extra.filter((r) => !seen.has(r.id))];
    }
    return Promise.all(rows.map((r) => this.view(user, r)));
  }

  /** Last year's published round of the same appraising unit, for the change in the results. */
  previousRound(r: ParRound): Promise<ParRound | null> {
    return this.rounds.findOne({ where: { appraisingUnitCode: r.appraisingUnitCode, year: r.year - 1, publishedAt: Not(IsNull()) }, order: { id: 'DESC' } });
  }

  async markPublished(r: ParRound, user: AuthUser): Promise<void> {
    const at = new Date();
    const res = await this.rounds.update({ id: r.id, publishedAt: IsNull() }, { publishedAt: at });
    if (!res.affected) throw conflict('par_round_published', 'Kết quả đã được công bố.', 'Already published.');
    await this.dataSource.getRepository(ParScoreAudit).insert({ roundId: r.id, unitCode: r.appraisingUnitCode, rowCode: null, field: 'published', stage: 'finalisation', actor: user.username, before: null, after: at.toISOString(), at });
    r.publishedAt = at;
  }
}
