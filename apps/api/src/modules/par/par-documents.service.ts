import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { parRows, type DocumentUnit, type ParSheetStatusCode } from '@cchc/shared';
import { In, Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { todayInVietnam } from '../units/unit-trees';
import { UnitsService } from '../units/units.service';
import { buildParSheetDocx, buildParSummaryDocx } from './documents/par-docx.writer';
import { ParSheetRow } from './entities/par-sheet-row.entity';
import { ParSheet } from './entities/par-sheet.entity';
import { ParResultsService } from './par-results.service';
import { ParRoundsService } from './par-rounds.service';
import { ParSheetsService } from './par-sheets.service';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The round's documents to sign: a commune's sheet, and the council's summary of the appraisal. */
@Injectable()
export class ParDocumentsService {
  constructor(
    private readonly rounds: ParRoundsService,
    private readonly sheetsService: ParSheetsService,
    private readonly results: ParResultsService,
    private readonly units: UnitsService,
    @InjectRepository(ParSheet) private readonly sheets: Repository<ParSheet>,
    @InjectRepository(ParSheetRow) private readonly rows: Repository<ParSheetRow>,
  ) {}

  /** The unit as of the round's year (names change with mergers), else as the sheet recorded it. */
  private async unitAt(code: string, year: number, fallbackName: string): Promise<{ unit: DocumentUnit; parentCode: string | null }> {
    const u = await this.units.resolve(code, `${year}-12-31`);
    return { unit: { name: u?.name ?? fallbackName, level: u?.level ?? 'commune' }, parentCode: u?.parentCode ?? null };
  }

  /** Who may read the sheet may print it (the commune, its appraisers, administrators). */
  async sheetDocx(user: AuthUser, roundId: string, unitCode: string): Promise<{ name: string; bytes: Buffer }> {
    const { round, sheet, set } = await this.sheetsService.load(user, roundId, unitCode);
    const view = await this.sheetsService.view(user, round, sheet, set);
    const { unit, parentCode } = await this.unitAt(sheet.unitCode, round.year, sheet.unitName);
    const parent = parentCode ? await this.units.resolve(parentCode, `${round.year}-12-31`) : null;
    const bytes = await buildParSheetDocx({
      year: round.year,
      roundTitle: round.title,
      set,
      unit,
      parent: parent ? { name: parent.name, level: parent.level } : null,
      date: todayInVietnam(),
      status: view.status,
      rows: view.rows.map((r) => ({
        code: r.code,
        maxPoints: r.maxPoints,
        self: { score: r.self.score, notApplicable: r.self.notApplicable },
        appraised: r.appraisal1 || r.appraisal2 ? { score: r.outcome.score, notApplicable: r.outcome.notApplicable } : null,
        note: r.self.comment,
        documents: r.documents,
        files: r.evidence.map((e) => e.fileName),
      })),
      domains: view.domains,
      selfTotal: view.selfTotal,
      appraisedTotal: view.appraisedTotal,
      applicableMax: view.applicableMax,
      adjustments: view.adjustments,
    });
    return { name: `phieu-tu-danh-gia-${round.year}-${sheet.unitCode}.docx`, bytes };
  }

  /** The council's minutes: the appraising unit's reviewers and administrators only (not the communes, published or not). */
  async summaryDocx(user: AuthUser, roundId: string): Promise<{ name: string; bytes: Buffer }> {
    const round = await this.rounds.getRound(roundId);
    this.rounds.assertRunner(user, round);
    const set = await this.rounds.criteriaOf(round);
    const results = await this.results.compute(round, set, false);
    const sheets = await this.sheets.find({ where: { roundId: round.id } });
    const rows = sheets.length ? await this.rows.find({ where: { sheetId: In(sheets.map((s) => s.id)) } }) : [];
    const selfBySheet = new Map<number, number>();
    for (const r of rows) if (!r.selfNa && r.selfScore !== null) selfBySheet.set(r.sheetId, (selfBySheet.get(r.sheetId) ?? 0) + r.selfScore);
    const selfByUnit = new Map(sheets.map((s) => [s.unitCode, round2(selfBySheet.get(s.id) ?? 0)]));
    const { unit } = await this.unitAt(round.appraisingUnitCode, round.year, round.appraisingUnitCode);
    const bytes = await buildParSummaryDocx({
      year: round.year,
      roundTitle: round.title,
      set,
      appraisingUnit: unit,
      date: todayInVietnam(),
      scale: { appraisedMax: round2(parRows(set).reduce((a, r) => a + r.maxPoints, 0)), surveyWeight: round.surveyWeight, bonusCap: round.bonusCap, penaltyCap: round.penaltyCap },
      bands: results.bands,
      publishedAt: results.publishedAt,
      units: results.units.map((u) => ({
        rank: u.rank,
        unitName: u.unitName ?? u.unitCode,
        status: u.status as ParSheetStatusCode,
        self: selfByUnit.get(u.unitCode) ?? 0,
        appraised: u.appraised,
        bonus: u.bonus,
        penalty: u.penalty,
        surveyPoints: u.surveyPoints,
        index: u.index,
        band: u.band,
      })),
    });
    return { name: `bien-ban-tham-dinh-chi-so-cchc-${round.year}-dot-${round.id}.docx`, bytes };
  }
}
