import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  currentStage,
  mayFillParSheet,
  mayReadParSheet,
  mayRunParRound,
  parRows,
  scoreProblem,
  stageOpen,
  suggestScore,
  type ParCriteriaSet,
  type ParStage,
  type ParSuggestion,
} from '@cchc/shared';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { ReportStore } from '../reports/report.store';
import type { ParAppraisalDto, ParExplanationDto, ParSelfAssessmentDto, ParSheetResponseDto, ParSheetRowResponseDto } from './dto/par-sheet.dto';
import { ParAdjustment } from './entities/par-adjustment.entity';
import { ParEvidence } from './entities/par-evidence.entity';
import { ParRound } from './entities/par-round.entity';
import { ParScoreAudit } from './entities/par-score-audit.entity';
import { ParSheetRow } from './entities/par-sheet-row.entity';
import { ParSheet, ParSheetStatus } from './entities/par-sheet.entity';
import { ParRoundsService } from './par-rounds.service';
import { rowOutcome } from './par-outcome';

type Row = ReturnType<typeof parRows>[number];

interface AuditChange {
  rowCode: string | null;
  field: string;
  before: unknown;
  after: unknown;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
const round2 = (n: number) => Math.round(n * 100) / 100;

export function allowedScores(row: Row): number[] {
  if (row.scoring.kind === 'yesno') return [0, row.maxPoints];
  if (row.scoring.kind === 'tiers') return [0, ...row.scoring.tiers.map((t) => round2((t / 100) * row.maxPoints))].sort((a, b) => a - b);
  return [];
}

/** A commune's sheet through every stage. Each write checks the caller, the sheet's state and the stage window, and audits every score change. */
@Injectable()
export class ParSheetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: ParRoundsService,
    private readonly reports: ReportStore,
    @InjectRepository(ParSheet) private readonly sheets: Repository<ParSheet>,
    @InjectRepository(ParSheetRow) private readonly rows: Repository<ParSheetRow>,
    @InjectRepository(ParEvidence) private readonly evidence: Repository<ParEvidence>,
    @InjectRepository(ParAdjustment) private readonly adjustments: Repository<ParAdjustment>,
    @InjectRepository(ParScoreAudit) private readonly audit: Repository<ParScoreAudit>,
  ) {}

  /** The round and sheet, if the caller may read it: 404 for a unit not taking part, 403 for anyone but the commune, its appraisers and administrators. */
  async load(user: AuthUser, roundId: string, unitCode: string): Promise<{ round: ParRound; sheet: ParSheet; set: ParCriteriaSet }> {
    const round = await this.rounds.getRound(roundId);
    if (!mayReadParSheet(user, round.appraisingUnitCode, unitCode)) throw forbidden('Chỉ xã đó, cán bộ thẩm định của đơn vị chủ trì và quản trị viên được xem phiếu này.', "Only the commune, the appraising unit's reviewers and administrators may see this sheet.");
    const sheet = /^\d{1,10}$/.test(unitCode) ? await this.sheets.findOne({ where: { roundId: round.id, unitCode } }) : null;
    if (!sheet) throw notFound(`Xã "${unitCode}" không tham gia kỳ đánh giá này.`, `Unit "${unitCode}" does not take part in this round.`, 'unitCode');
    return { round, sheet, set: await this.rounds.criteriaOf(round) };
  }

  private assertFiller(user: AuthUser, sheet: ParSheet): void {
    if (!mayFillParSheet(user, sheet.unitCode)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden_role', 'Chỉ cán bộ của chính xã được tự đánh giá và giải trình.', "Only the commune's own officers self-assess and explain.");
    }
  }

  private assertAppraiser(user: AuthUser, round: ParRound): void {
    this.rounds.assertRunner(user, round);
  }

  async suggestions(round: ParRound, set: ParCriteriaSet, unitCode: string, em: EntityManager = this.dataSource.manager): Promise<Map<string, ParSuggestion>> {
    const sourced = parRows(set).filter((r) => r.source);
    const out = new Map<string, ParSuggestion>();
    if (!sourced.length) return out;
    // Only an approved year report suggests: a draft's figures may still change.
    const stored = await this.reports.approvedValues(em, unitCode, String(round.year));
    if (!stored) return out;
    for (const r of sourced) {
      const s = suggestScore(r, stored.values);
      if (s) out.set(r.code, s);
    }
    return out;
  }

  async view(user: AuthUser, round: ParRound, sheet: ParSheet, set: ParCriteriaSet): Promise<ParSheetResponseDto> {
    const [stored, files, adj, suggestions] = await Promise.all([
      this.rows.find({ where: { sheetId: sheet.id } }),
      this.evidence.find({ where: { roundId: round.id, unitCode: sheet.unitCode }, order: { id: 'ASC' } }),
      this.adjustments.find({ where: { roundId: round.id, unitCode: sheet.unitCode }, order: { id: 'ASC' } }),
      sheet.status === 'draft' ? this.suggestions(round, set, sheet.unitCode) : Promise.resolve(new Map<string, ParSuggestion>()),
    ]);
    const byCode = new Map(stored.map((r) => [r.code, r]));
    const runner = mayRunParRound(user, round.appraisingUnitCode);
    const rows: ParSheetRowResponseDto[] = parRows(set).map((def) => {
      const r = byCode.get(def.code);
      const sug = (r?.suggestion as ParSuggestion | null | undefined) ?? suggestions.get(def.code) ?? null;
      const out = rowOutcome(def, r);
      return {
        code: def.code,
        domainCode: def.domainCode,
        criterionCode: def.criterionCode,
        title: def.title,
        maxPoints: def.maxPoints,
        scoring: def.scoring.kind,
        allowedScores: allowedScores(def),
        notApplicableAllowed: def.notApplicableAllowed,
        evidenceRequired: def.evidence,
        self: { score: r?.selfScore ?? null, notApplicable: r?.selfNa ?? false, comment: r?.selfNote ?? null },
        documents: r?.documents ?? [],
        suggestion: sug ? { points: sug.points, inputs: sug.inputs, ratioPercent: sug.ratioPercent, reasonVi: sug.reason.vi } : null,
        overrideReason: r?.overrideReason ?? null,
        appraisal1: r && (r.appraisal1Score !== null || r.appraisal1Na !== null || r.appraisal1Comment) ? { score: r.appraisal1Score, notApplicable: r.appraisal1Na ?? false, comment: r.appraisal1Comment } : null,
        explainRequested: r?.explainRequested ?? false,
        explanation: r?.explanation ?? null,
        appraisal2: r && (r.appraisal2Score !== null || r.appraisal2Na !== null || r.appraisal2Comment) ? { score: r.appraisal2Score, notApplicable: r.appraisal2Na ?? false, comment: r.appraisal2Comment } : null,
        outcome: { score: out.score, notApplicable: out.notApplicable, comment: null },
        evidence: files
          .filter((f) => f.rowCode === def.code)
          .map((f) => ({ id: f.id, rowCode: f.rowCode, fileName: f.fileName, mime: f.mime, size: f.size, stage: f.stage, uploadedBy: f.uploadedBy, uploadedAt: f.uploadedAt.toISOString() })),
      };
    });
    const domains = set.domains.map((d) => {
      const mine = rows.filter((r) => r.domainCode === d.code);
      const applies = (na: boolean, allowed: boolean) => !(na && allowed);
      return {
        code: d.code,
        title: d.title,
        max: round2(mine.filter((r) => applies(r.outcome.notApplicable, r.notApplicableAllowed)).reduce((a, r) => a + r.maxPoints, 0)),
        self: round2(mine.reduce((a, r) => a + (r.self.notApplicable ? 0 : (r.self.score ?? 0)), 0)),
        appraised: round2(mine.reduce((a, r) => a + (r.outcome.notApplicable ? 0 : (r.outcome.score ?? 0)), 0)),
      };
    });
    const d = this.rounds.deadlinesOf(round);
    const locked = this.rounds.lockedOf(round);
    const published = round.publishedAt !== null;
    const now = new Date();
    const open = (s: ParStage) => stageOpen(s, d, now, locked, published);
    const filler = mayFillParSheet(user, sheet.unitCode);
    const auditRows = runner ? await this.audit.find({ where: { roundId: round.id, unitCode: sheet.unitCode }, order: { id: 'ASC' } }) : [];
    return {
      roundId: round.id,
      unitCode: sheet.unitCode,
      unitName: sheet.unitName,
      status: sheet.status,
      stage: currentStage(d, now, published),
      canEdit: filler && ((open('self_assessment') && sheet.status === 'draft') || (open('explanation') && rows.some((r) => r.explainRequested))),
      appraiserView: runner,
      canAppraise: runner && sheet.status !== 'draft' && sheet.status !== 'final' && (open('appraisal_1') || open('appraisal_2') || open('finalisation')),
      submittedAt: sheet.submittedAt?.toISOString() ?? null,
      finalizedAt: sheet.finalizedAt?.toISOString() ?? null,
      surveyPercent: sheet.surveyPercent,
      rows,
      domains,
      selfTotal: round2(domains.reduce((a, x) => a + x.self, 0)),
      appraisedTotal: round2(domains.reduce((a, x) => a + x.appraised, 0)),
      applicableMax: round2(domains.reduce((a, x) => a + x.max, 0)),
      adjustments: adj.map((a) => ({ id: a.id, kind: a.kind, points: a.points, reason: a.reason, documents: a.documents ?? [], createdBy: a.createdBy, createdAt: a.createdAt.toISOString() })),
      audit: auditRows.map((a) => ({ rowCode: a.rowCode, field: a.field, stage: a.stage, actor: a.actor, before: a.before, after: a.after, at: a.at.toISOString() })),
    };
  }

  async read(user: AuthUser, roundId: string, unitCode: string): Promise<ParSheetResponseDto> {
    const { round, sheet, set } = await this.load(user, roundId, unitCode);
    return this.view(user, round, sheet, set);
  }

  /** Runs a write on a locked sheet row, re-reading it inside the transaction so two writers never interleave. */
  private async write(
    sheetId: number,
    fn: (em: EntityManager, sheet: ParSheet, rows: Map<string, ParSheetRow>) => Promise<AuditChange[] | void>,
    ctx: { round: ParRound; actor: string; stage: ParStage },
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const sheet = await em.getRepository(ParSheet).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id: sheetId }).getOneOrFail();
      const rows = new Map((await em.getRepository(ParSheetRow).find({ where: { sheetId } })).map((r) => [r.code, r]));
      const changes = (await fn(em, sheet, rows)) ?? [];
      const at = new Date();
      const real = changes.filter((c) => str(c.before) !== str(c.after));
      if (real.length) {
        await em.getRepository(ParScoreAudit).insert(
          real.map((c) => ({ roundId: ctx.round.id, unitCode: sheet.unitCode, rowCode: c.rowCode, field: c.field, stage: ctx.stage, actor: ctx.actor, before: str(c.before), after: str(c.after), at })),
        );
      }
      sheet.updatedAt = at;
      await em.getRepository(ParSheet).save(sheet);
    });
  }

  private rowFor(rows: Map<string, ParSheetRow>, sheetId: number, code: string): ParSheetRow {
    let r = rows.get(code);
    if (!r) {
      r = Object.assign(new ParSheetRow(), {
        sheetId,
        code,
        selfScore: null,
        selfNa: false,
        selfNote: null,
        documents: null,
        suggestedScore: null,
        suggestion: null,
        overrideReason: null,
        appraisal1Score: null,
        appraisal1Na: null,
        appraisal1Comment: null,
        explainRequested: false,
        explanation: null,
        appraisal2Score: null,
        appraisal2Na: null,
        appraisal2Comment: null,
      });
      rows.set(code, r);
    }
    return r;
  }

  private defsOf(set: ParCriteriaSet): Map<string, Row> {
    return new Map(parRows(set).map((r) => [r.code, r]));
  }

  private checkScore(def: Row, i: number, score: number | null | undefined, na: boolean | undefined, prefix = 'rows'): void {
    if (na && !def.notApplicableAllowed) throw badRequest(`${prefix}[${i}].notApplicable`, `${def.code} không được chọn "Không áp dụng".`, `${def.code} does not allow "not applicable".`);
    if (score !== null && score !== undefined) {
      const p = scoreProblem(def, score);
      if (p) throw badRequest(`${prefix}[${i}].score`, p.vi, p.en);
    }
  }

  private rowDef(defs: Map<string, Row>, code: string, i: number): Row {
    const def = defs.get(code);
    if (!def) throw badRequest(`rows[${i}].code`, `Không có tiêu chí thành phần "${code}" trong bộ tiêu chí.`, `No sub-criterion "${code}".`);
    return def;
  }

  async saveSelf(user: AuthUser, roundId: string, unitCode: string, dto: ParSelfAssessmentDto): Promise<ParSheetResponseDto> {
    const { round, sheet, set } = await this.load(user, roundId, unitCode);
    this.assertFiller(user, sheet);
    this.rounds.assertOpen(round, 'self_assessment');
    const defs = this.defsOf(set);
    const suggestions = await this.suggestions(round, set, sheet.unitCode);
    // Everything is checked before anything is written.
    const plan = dto.rows.map((x, i) => {
      const def = this.rowDef(defs, x.code, i);
      const sug = suggestions.get(x.code) ?? null;
      const score = x.acceptSuggestion ? (sug?.points ?? null) : x.score;
      if (x.acceptSuggestion && !sug) throw badRequest(`rows[${i}].acceptSuggestion`, `${x.code} không có điểm gợi ý từ báo cáo năm đã duyệt.`, `${x.code} has no suggestion from an approved year report.`);
      this.checkScore(def, i, score, x.notApplicable);
      const overrides = sug && score !== null && score !== undefined && Math.abs(score - sug.points) > 1e-9 && !x.notApplicable;
      if (overrides && !x.overrideReason?.trim()) {
        throw badRequest(`rows[${i}].overrideReason`, `${x.code}: điểm tự chấm khác điểm gợi ý (${sug.points}) — cần ghi lý do.`, `${x.code}: the score differs from the suggestion (${sug.points}); give a reason.`);
      }
      return { x, sug, score, overrides };
    });
    await this.write(
      sheet.id,
      async (em, s, rows) => {
        if (s.status !== 'draft') throw conflict('par_sheet_submitted', 'Phiếu đã nộp: không sửa tự đánh giá được nữa.', 'The sheet is submitted.');
        const changes: AuditChange[] = [];
        for (const { x, sug, score, overrides } of plan) {
          const r = this.rowFor(rows, s.id, x.code);
          if (score !== undefined) {
            changes.push({ rowCode: x.code, field: 'self_score', before: r.selfScore, after: score });
            r.selfScore = score;
          }
          if (x.notApplicable !== undefined) {
            changes.push({ rowCode: x.code, field: 'self_na', before: r.selfNa, after: x.notApplicable });
            r.selfNa = x.notApplicable;
          }
          if (x.note !== undefined) r.selfNote = x.note?.trim() || null;
          if (x.documents !== undefined) r.documents = x.documents.map((d) => ({ number: d.number.trim(), date: d.date, ...(d.title ? { title: d.title.trim() } : {}) }));
          r.suggestion = sug ?? null;
          r.suggestedScore = sug?.points ?? null;
          if (score !== undefined || x.overrideReason !== undefined) r.overrideReason = overrides ? x.overrideReason!.trim() : null;
          await em.getRepository(ParSheetRow).save(r);
        }
        return changes;
      },
      { round, actor: user.username, stage: 'self_assessment' },
    );
    return this.read(user, roundId, unitCode);
  }

  async submit(user: AuthUser, roundId: string, unitCode: string): Promise<ParSheetResponseDto> {
    const { round, sheet, set } = await this.load(user, roundId, unitCode);
    this.assertFiller(user, sheet);
    this.rounds.assertOpen(round, 'self_assessment');
    await this.write(
      sheet.id,
      async (_em, s, rows) => {
        if (s.status !== 'draft') throw conflict('par_sheet_submitted', 'Phiếu đã được nộp.', 'Already submitted.');
        const missing = parRows(set)
          .filter((d) => {
            const r = rows.get(d.code);
            return !r || (r.selfScore === null && !(r.selfNa && d.notApplicableAllowed));
          })
          .map((d) => d.code);
        if (missing.length) {
          throw badRequest('rows', `Còn ${missing.length} tiêu chí chưa tự chấm: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}.`, `${missing.length} rows not scored.`, { missing });
        }
        const before = s.status;
        s.status = 'submitted';
        s.submittedAt = new Date();
        return [{ rowCode: null, field: 'status', before, after: s.status }];
      },
      { round, actor: user.username, stage: 'self_assessment' },
    );
    return this.read(user, roundId, unitCode);
  }

  /** The appraisal of whichever appraisal window is open; requests for explanation belong to the first. */
  async appraise(user: AuthUser, roundId: string, unitCode: string, dto: ParAppraisalDto): Promise<ParSheetResponseDto> {
    const { round, sheet, set } = await this.load(user, roundId, unitCode);
    this.assertAppraiser(user, round);
    const d = this.rounds.deadlinesOf(round);
    const now = new Date();
    const stage: ParStage = stageOpen('appraisal_1', d, now, this.rounds.lockedOf(round), round.publishedAt !== null) ? 'appraisal_1' : 'appraisal_2';
    this.rounds.assertOpen(round, stage, now);
    const defs = this.defsOf(set);
    dto.rows.forEach((x, i) => {
      const def = this.rowDef(defs, x.code, i);
      this.checkScore(def, i, x.score, x.notApplicable);
      if (x.requestExplanation !== undefined && stage !== 'appraisal_1') {
        throw badRequest(`rows[${i}].requestExplanation`, 'Chỉ yêu cầu giải trình ở lần thẩm định thứ nhất.', 'Explanations are requested in the first appraisal only.');
      }
    });
    await this.write(
      sheet.id,
      async (em, s, rows) => {
        if (s.status === 'draft') throw conflict('par_sheet_not_submitted', 'Xã chưa nộp phiếu tự đánh giá.', 'The commune has not submitted its sheet.');
        if (s.status === 'final') throw conflict('par_sheet_final', 'Phiếu đã hoàn thiện kết quả.', 'The sheet is final.');
        const changes: AuditChange[] = [];
        const first = stage === 'appraisal_1';
        for (const x of dto.rows) {
          const r = this.rowFor(rows, s.id, x.code);
          if (x.score !== undefined) {
            changes.push({ rowCode: x.code, field: first ? 'appraisal1_score' : 'appraisal2_score', before: first ? r.appraisal1Score : r.appraisal2Score, after: x.score });
            if (first) r.appraisal1Score = x.score;
            else r.appraisal2Score = x.score;
          }
          if (x.notApplicable !== undefined) {
            changes.push({ rowCode: x.code, field: first ? 'appraisal1_na' : 'appraisal2_na', before: first ? r.appraisal1Na : r.appraisal2Na, after: x.notApplicable });
            if (first) r.appraisal1Na = x.notApplicable;
            else r.appraisal2Na = x.notApplicable;
          }
          if (x.comment !== undefined) {
            if (first) r.appraisal1Comment = x.comment?.trim() || null;
            else r.appraisal2Comment = x.comment?.trim() || null;
          }
          if (x.requestExplanation !== undefined) {
            changes.push({ rowCode: x.code, field: 'explain_requested', before: r.explainRequested, after: x.requestExplanation });
            r.explainRequested = x.requestExplanation;
          }
          await em.getRepository(ParSheetRow).save(r);
        }
        const before = s.status;
        const asked = [...rows.values()].some((r) => r.explainRequested);
        s.status = first ? (asked ? 'explaining' : 'appraised') : 'reappraised';
        if (before !== s.status) changes.push({ rowCode: null, field: 'status', before, after: s.status });
        return changes;
      },
      { round, actor: user.username, stage },
    );
    return this.read(user, roundId, unitCode);
  }

  async explain(user: AuthUser, roundId: string, unitCode: string, dto: ParExplanationDto): Promise<ParSheetResponseDto> {
    const { round, sheet } = await this.load(user, roundId, unitCode);
    this.assertFiller(user, sheet);
    this.rounds.assertOpen(round, 'explanation');
    await this.write(
      sheet.id,
      async (em, s, rows) => {
        dto.rows.forEach((x, i) => {
          if (!rows.get(x.code)?.explainRequested) throw badRequest(`rows[${i}].code`, `Tiêu chí ${x.code} không được yêu cầu giải trình.`, `${x.code} was not asked to be explained.`);
        });
        const changes: AuditChange[] = [];
        for (const x of dto.rows) {
          const r = rows.get(x.code)!;
          changes.push({ rowCode: x.code, field: 'explanation', before: r.explanation, after: x.explanation.trim() });
          r.explanation = x.explanation.trim();
          await em.getRepository(ParSheetRow).save(r);
        }
        const before = s.status;
        s.status = 'explained';
        if (before !== s.status) changes.push({ rowCode: null, field: 'status', before, after: s.status });
        return changes;
      },
      { round, actor: user.username, stage: 'explanation' },
    );
    return this.read(user, roundId, unitCode);
  }

  async finalize(user: AuthUser, roundId: string, unitCode: string): Promise<ParSheetResponseDto> {
    const { round, sheet } = await this.load(user, roundId, unitCode);
    this.assertAppraiser(user, round);
    this.rounds.assertOpen(round, 'finalisation');
    await this.write(
      sheet.id,
      (_em, s) => {
        if (s.status === 'final') throw conflict('par_sheet_final', 'Phiếu đã hoàn thiện kết quả.', 'Already final.');
        const before = s.status;
        s.status = 'final';
        s.finalizedAt = new Date();
        return Promise.resolve([{ rowCode: null, field: 'status', before, after: 'final' }]);
      },
      { round, actor: user.username, stage: 'finalisation' },
    );
    return this.read(user, roundId, unitCode);
  }

  /** Bonus and penalty entries: from the first appraisal until finalisation closes. */
  private assertAdjustable(round: ParRound): ParStage {
    const d = this.rounds.deadlinesOf(round);
    const now = new Date();
    const stage = (['appraisal_1', 'explanation', 'appraisal_2', 'finalisation'] as const).find((s) => stageOpen(s, d, now, this.rounds.lockedOf(round), round.publishedAt !== null));
    if (!stage) this.rounds.assertOpen(round, now < new Date(d.self_assessment) ? 'appraisal_1' : 'finalisation', now);
    return stage!;
  }

  async addAdjustment(user: AuthUser, roundId: string, unitCode: string, dto: { kind: 'bonus' | 'penalty'; points: number; reason: string; documents?: Array<{ number: string; date: string; title?: string }> }): Promise<ParSheetResponseDto> {
    const { round, sheet } = await this.load(user, roundId, unitCode);
    this.assertAppraiser(user, round);
    const stage = this.assertAdjustable(round);
    await this.write(
      sheet.id,
      async (em, s) => {
        if (s.status === 'final') throw conflict('par_sheet_final', 'Phiếu đã hoàn thiện kết quả.', 'The sheet is final.');
        const documents = dto.documents?.length ? dto.documents.map((d) => ({ number: d.number.trim(), date: d.date, ...(d.title?.trim() ? { title: d.title.trim() } : {}) })) : null;
        await em.getRepository(ParAdjustment).insert({ roundId: round.id, unitCode: s.unitCode, kind: dto.kind, points: dto.points, reason: dto.reason.trim(), documents, createdBy: user.username, createdAt: new Date() });
        const cited = documents ? ` [${documents.map((d) => `${d.number} ngày ${d.date}`).join('; ')}]` : '';
        return [{ rowCode: null, field: dto.kind, before: null, after: `${dto.points}: ${dto.reason.trim()}${cited}` }];
      },
      { round, actor: user.username, stage },
    );
    return this.read(user, roundId, unitCode);
  }

  async removeAdjustment(user: AuthUser, roundId: string, unitCode: string, id: string): Promise<ParSheetResponseDto> {
    const { round, sheet } = await this.load(user, roundId, unitCode);
    this.assertAppraiser(user, round);
    const stage = this.assertAdjustable(round);
    await this.write(
      sheet.id,
      async (em, s) => {
        if (s.status === 'final') throw conflict('par_sheet_final', 'Phiếu đã hoàn thiện kết quả.', 'The sheet is final.');
        const a = await em.getRepository(ParAdjustment).findOne({ where: { id: Number(id) || 0, roundId: round.id, unitCode: s.unitCode } });
        if (!a) throw notFound(`Không có mục cộng/trừ điểm số ${id}.`, `No adjustment ${id}.`, 'id');
        await em.getRepository(ParAdjustment).delete({ id: a.id });
        return [{ rowCode: null, field: a.kind, before: `${a.points}: ${a.reason}`, after: null }];
      },
      { round, actor: user.username, stage },
    );
    return this.read(user, roundId, unitCode);
  }

  /** Survey scores for many communes at once: all or nothing; unknown units are refused by row. */
  async setSurvey(user: AuthUser, roundId: string, scores: Array<{ unitCode: string; percent: number }>, field = 'scores'): Promise<{ updated: number }> {
    const round = await this.rounds.getRound(roundId);
    this.rounds.assertRunner(user, round);
    const stage = this.assertAdjustable(round);
    const sheets = await this.sheets.find({ where: { roundId: round.id, unitCode: In(scores.map((s) => s.unitCode)) } });
    const byUnit = new Map(sheets.map((s) => [s.unitCode, s]));
    scores.forEach((s, i) => {
      if (!byUnit.has(s.unitCode)) throw badRequest(`${field}[${i}].unitCode`, `Xã "${s.unitCode}" không tham gia kỳ đánh giá này.`, `Unit ${s.unitCode} does not take part.`);
      if (!(s.percent >= 0 && s.percent <= 100)) throw badRequest(`${field}[${i}].percent`, 'Điểm điều tra xã hội học là phần trăm từ 0 đến 100.', 'Survey score is a percent 0–100.');
      if (byUnit.get(s.unitCode)!.status === 'final') throw conflict('par_sheet_final', `Phiếu của xã ${s.unitCode} đã hoàn thiện kết quả.`, `${s.unitCode} is final.`);
    });
    const at = new Date();
    await this.dataSource.transaction(async (em) => {
      for (const s of scores) {
        const sheet = byUnit.get(s.unitCode)!;
        await em.getRepository(ParSheet).update({ id: sheet.id }, { surveyPercent: s.percent, updatedAt: at });
        await em.getRepository(ParScoreAudit).insert({ roundId: round.id, unitCode: s.unitCode, rowCode: null, field: 'survey', stage, actor: user.username, before: str(sheet.surveyPercent), after: str(s.percent), at });
      }
    });
    return { updated: scores.length };
  }

  /** Sheet statuses a round needs before publication: every one final. */
  async notFinal(roundId: number): Promise<string[]> {
    const rows = await this.sheets.find({ where: { roundId }, select: { unitCode: true, status: true } });
    return rows.filter((r) => r.status !== ('final' satisfies ParSheetStatus)).map((r) => r.unitCode);
  }
}
