import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { computeUnitResult, mayRunParRound, parRows, rankParResults, type ParCriteriaSet, type ParRankedResult } from '@cchc/shared';
import ExcelJS from 'exceljs';
import { In, Repository } from 'typeorm';
import { ApiError, conflict } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { ParAdjustment } from './entities/par-adjustment.entity';
import { ParRound } from './entities/par-round.entity';
import { ParSheetRow } from './entities/par-sheet-row.entity';
import { ParSheet } from './entities/par-sheet.entity';
import { rowOutcome } from './par-outcome';
import { ParRoundsService } from './par-rounds.service';
import { ParSheetsService } from './par-sheets.service';

export interface ParResults {
  roundId: number;
  year: number;
  title: string;
  published: boolean;
  publishedAt: string | null;
  previousRoundId: number | null;
  bands: Array<{ name: string; min: number }>;
  domains: Array<{ code: string; title: string }>;
  units: Array<ParRankedResult & { status: string }>;
}

/** Results are computed from the sheets when asked (a province's communes are a few hundred rows). */
@Injectable()
export class ParResultsService {
  constructor(
    private readonly rounds: ParRoundsService,
    private readonly sheetsService: ParSheetsService,
    @InjectRepository(ParSheet) private readonly sheets: Repository<ParSheet>,
    @InjectRepository(ParSheetRow) private readonly rows: Repository<ParSheetRow>,
    @InjectRepository(ParAdjustment) private readonly adjustments: Repository<ParAdjustment>,
  ) {}

  async compute(round: ParRound, set: ParCriteriaSet, withPrevious = true): Promise<ParResults> {
    const sheets = await this.sheets.find({ where: { roundId: round.id }, order: { unitCode: 'ASC' } });
    const ids = sheets.map((s) => s.id);
    const [rows, adj] = await Promise.all([
      ids.length ? this.rows.find({ where: { sheetId: In(ids) } }) : Promise.resolve([] as ParSheetRow[]),
      this.adjustments.find({ where: { roundId: round.id } }),
    ]);
    const defs = parRows(set);
    const rules = { bonusCap: round.bonusCap, penaltyCap: round.penaltyCap, surveyWeight: round.surveyWeight, bands: this.rounds.bandsOf(round) };
    const results = sheets.map((s) => {
      const mine = new Map(rows.filter((r) => r.sheetId === s.id).map((r) => [r.code, r]));
      const sum = (kind: 'bonus' | 'penalty') => adj.filter((a) => a.unitCode === s.unitCode && a.kind === kind).reduce((a, x) => a + x.points, 0);
      return computeUnitResult(set, rules, {
        unitCode: s.unitCode,
        unitName: s.unitName,
        rows: defs.map((d) => rowOutcome(d, mine.get(d.code))),
        bonus: sum('bonus'),
        penalty: sum('penalty'),
        surveyPercent: s.surveyPercent,
      });
    });
    let previous = new Map<string, { index: number; rank: number }>();
    let previousRoundId: number | null = null;
    const prev = withPrevious ? await this.rounds.previousRound(round) : null;
    if (prev) {
      previousRoundId = prev.id;
      const pr = await this.compute(prev, await this.rounds.criteriaOf(prev), false);
      previous = new Map(pr.units.map((u) => [u.unitCode, { index: u.index, rank: u.rank }]));
    }
    const status = new Map(sheets.map((s) => [s.unitCode, s.status]));
    return {
      roundId: round.id,
      year: round.year,
      title: round.title,
      published: round.publishedAt !== null,
      publishedAt: round.publishedAt?.toISOString() ?? null,
      previousRoundId,
      bands: this.rounds.bandsOf(round),
      domains: set.domains.map((d) => ({ code: d.code, title: d.title })),
      units: rankParResults(results, previous).map((r) => ({ ...r, status: status.get(r.unitCode) ?? 'draft' })),
    };
  }

  /** Before publication only the appraising unit and administrators see results; afterwards every participant too. */
  async read(user: AuthUser, roundId: string): Promise<ParResults> {
    const round = await this.rounds.getRound(roundId);
    await this.rounds.assertReader(user, round);
    if (!round.publishedAt && !mayRunParRound(user, round.appraisingUnitCode)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'par_not_published', 'Kết quả chưa được công bố.', 'Results are not published yet.');
    }
    return this.compute(round, await this.rounds.criteriaOf(round));
  }

  async publish(user: AuthUser, roundId: string): Promise<ParResults> {
    const round = await this.rounds.getRound(roundId);
    this.rounds.assertRunner(user, round);
    if (round.publishedAt) throw conflict('par_round_published', 'Kết quả đã được công bố.', 'Already published.');
    const pending = await this.sheetsService.notFinal(round.id);
    if (pending.length) {
      throw conflict('par_not_final', `Còn ${pending.length} xã chưa hoàn thiện kết quả: ${pending.slice(0, 10).join(', ')}${pending.length > 10 ? '…' : ''}.`, `${pending.length} sheets are not final.`, { pending });
    }
    await this.rounds.markPublished(round, user);
    return this.compute(round, await this.rounds.criteriaOf(round));
  }

  /** One row per commune, domains as columns (points / max), then bonus, penalty, survey, index, band, rank. */
  async xlsx(user: AuthUser, roundId: string): Promise<{ name: string; bytes: Buffer }> {
    const r = await this.read(user, roundId);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CCHC';
    const ws = wb.addWorksheet('Kết quả');
    ws.addRow([r.title]).font = { bold: true, size: 13 };
    ws.addRow([r.published ? `Công bố: ${r.publishedAt}` : 'CHƯA CÔNG BỐ (bản xem trước)']);
    const header = ['Xếp hạng', 'Mã xã', 'Tên xã', ...r.domains.map((d) => `${d.code}. ${d.title}`), 'Điểm thẩm định', 'Điểm tối đa áp dụng', 'Điểm thưởng', 'Điểm trừ', 'Điểm điều tra XHH', 'Chỉ số (%)', 'Xếp loại', 'Thay đổi so với năm trước'];
    const h = ws.addRow(header);
    h.font = { bold: true };
    h.alignment = { wrapText: true, vertical: 'middle' };
    for (const u of r.units) {
      ws.addRow([
        u.rank,
        u.unitCode,
        u.unitName ?? '',
        ...u.domains.map((d) => d.points),
        u.appraised,
        u.applicableMax,
        u.bonus,
        u.penalty,
        u.surveyPoints ?? '',
        u.index,
        u.band,
        u.indexChange ?? '',
      ]);
    }
    ws.columns.forEach((c, i) => (c.width = i === 2 ? 28 : i >= 3 && i < 3 + r.domains.length ? 16 : 12));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    return { name: `chi-so-cchc-${r.year}-dot-${r.roundId}.xlsx`, bytes };
  }
}
