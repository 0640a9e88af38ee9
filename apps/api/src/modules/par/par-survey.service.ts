import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { mayRunParRound } from '@cchc/shared';
import ExcelJS from 'exceljs';
import { Repository } from 'typeorm';
import { badRequest, forbidden } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import type { ParSheetSummaryDto } from './dto/par-results.dto';
import { ParSheet } from './entities/par-sheet.entity';
import { readLimited } from './par-http';
import { ParRoundsService } from './par-rounds.service';
import { ParSheetsService } from './par-sheets.service';

const SURVEY_MAX_BYTES = 5 * 1_048_576;

/** Reads survey rows (code, percent) from CSV or XLSX; a first row whose percent is not a number is a header. */
export async function parseSurveyFile(bytes: Buffer): Promise<Array<{ line: number; unitCode: string; percent: number }>> {
  let cells: Array<[unknown, unknown]>;
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes);
    } catch {
      throw badRequest('file', 'Không đọc được tệp XLSX.', 'Unreadable XLSX file.');
    }
    const ws = wb.worksheets[0];
    cells = [];
    ws?.eachRow({ includeEmpty: true }, (row, n) => {
      const v = (i: number) => {
        const c = row.getCell(i).value;
        return c && typeof c === 'object' && 'result' in c ? (c as { result: unknown }).result : c;
      };
      cells[n - 1] = [v(1), v(2)];
    });
  } else {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    cells = text.split(/\r?\n/).map((l) => {
      const [a, b] = l.split(/[,;\t]/);
      return [a?.trim().replace(/^"|"$/g, '') ?? '', b?.trim().replace(/^"|"$/g, '') ?? ''];
    });
  }
  const out: Array<{ line: number; unitCode: string; percent: number }> = [];
  cells.forEach((c, i) => {
    if (!c) return;
    const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '').trim();
    const code = text(c[0]);
    const raw = typeof c[1] === 'number' ? c[1] : Number(text(c[1]).replace(',', '.'));
    if (!code && (c[1] === '' || c[1] === null || c[1] === undefined)) return;
    if (i === 0 && !Number.isFinite(raw)) return;
    if (!/^\d{1,10}$/.test(code)) throw badRequest(`line ${i + 1}`, `Dòng ${i + 1}: mã xã "${code}" không hợp lệ.`, `Line ${i + 1}: bad unit code.`);
    if (!Number.isFinite(raw) || raw < 0 || raw > 100) throw badRequest(`line ${i + 1}`, `Dòng ${i + 1}: điểm điều tra phải là số từ 0 đến 100.`, `Line ${i + 1}: percent 0–100.`);
    out.push({ line: i + 1, unitCode: code, percent: raw });
  });
  if (!out.length) throw badRequest('file', 'Tệp không có dòng điểm nào.', 'No rows.');
  return out;
}

@Injectable()
export class ParSurveyService {
  constructor(
    private readonly rounds: ParRoundsService,
    private readonly sheets: ParSheetsService,
    @InjectRepository(ParSheet) private readonly sheetRepo: Repository<ParSheet>,
  ) {}

  set(user: AuthUser, roundId: string, scores: Array<{ unitCode: string; percent: number }>): Promise<{ updated: number }> {
    return this.sheets.setSurvey(user, roundId, scores);
  }

  async import(user: AuthUser, roundId: string, body: unknown, declared?: number): Promise<{ updated: number }> {
    const round = await this.rounds.getRound(roundId);
    this.rounds.assertRunner(user, round);
    const rows = await parseSurveyFile(await readLimited(body, SURVEY_MAX_BYTES, declared));
    return this.sheets.setSurvey(user, roundId, rows, 'lines');
  }

  async sheetList(user: AuthUser, roundId: string): Promise<ParSheetSummaryDto[]> {
    const round = await this.rounds.getRound(roundId);
    const runner = mayRunParRound(user, round.appraisingUnitCode);
    if (!runner && !user.unitCode) throw forbidden();
    const rows = await this.sheetRepo.find({ where: runner ? { roundId: round.id } : { roundId: round.id, unitCode: user.unitCode! }, order: { unitCode: 'ASC' } });
    if (!runner && rows.length === 0) throw forbidden();
    return rows.map((s) => ({ unitCode: s.unitCode, unitName: s.unitName, status: s.status, submittedAt: s.submittedAt?.toISOString() ?? null, finalizedAt: s.finalizedAt?.toISOString() ?? null, surveyPercent: s.surveyPercent }));
  }
}
