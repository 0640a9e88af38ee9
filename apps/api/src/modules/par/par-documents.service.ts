import { Injectable } from '@nestjs/common';
import { PAR_STAGE_LABEL_VI, type ReportDocumentFields } from '@cchc/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { buildStateDocx } from '../outputs/documents/report-docx.writer';
import { UnitsService } from '../units/units.service';
import { ParResultsService } from './par-results.service';
import { ParRoundsService } from './par-rounds.service';
import { ParSheetsService } from './par-sheets.service';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v).replace('.', ','));
const today = () => new Date().toISOString().slice(0, 10);

/** The commune's sheet (for signing) and the council's summary (biên bản tổng hợp kết quả thẩm định) as DOCX. */
@Injectable()
export class ParDocumentsService {
  constructor(
    private readonly rounds: ParRoundsService,
    private readonly sheets: ParSheetsService,
    private readonly results: ParResultsService,
    private readonly units: UnitsService,
  ) {}

  async sheetDocx(user: AuthUser, roundId: string, unitCode: string): Promise<{ name: string; bytes: Buffer }> {
    const { round, sheet, set } = await this.sheets.load(user, roundId, unitCode);
    const view = await this.sheets.view(user, round, sheet, set);
    const appraising = await this.units.resolve(round.appraisingUnitCode);
    const fields: ReportDocumentFields = {
      soKyHieu: '      /PTĐ-UBND',
      place: sheet.unitName.replace(/^(Xã|Phường|Thị trấn|Đặc khu) /, ''),
      date: today(),
      kinhGui: [`Hội đồng thẩm định Chỉ số CCHC ${appraising?.name ?? ''}`.trim()],
      noiNhan: ['Như trên', 'Lưu: VT'],
      signerCapacity: 'TM. ỦY BAN NHÂN DÂN',
      signerTitle: 'CHỦ TỊCH',
      signerName: '',
      issuerParent: '',
      issuerName: `UBND ${sheet.unitName}`,
    };
    const bytes = await buildStateDocx({
      fields,
      kind: 'PHIẾU TỰ ĐÁNH GIÁ',
      title: `Chỉ số cải cách hành chính năm ${round.year}`,
      paragraphs: [`Thực hiện ${round.title}, ${sheet.unitName} tự đánh giá, chấm điểm các tiêu chí như sau (trạng thái: ${PAR_STAGE_LABEL_VI[view.stage]}):`],
      table: {
        headers: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Thẩm định', 'Tài liệu kiểm chứng'],
        widths: [8, 40, 10, 10, 10, 22],
        rows: view.rows.map((r) => [
          r.code,
          r.title,
          fmt(r.maxPoints),
          r.self.notApplicable ? 'KAD' : fmt(r.self.score),
          r.outcome.notApplicable ? 'KAD' : fmt(r.outcome.score),
          [...r.documents.map((d) => `${d.number} (${d.date})`), ...r.evidence.map((e) => e.fileName)].join('; '),
        ]),
      },
      closingParagraphs: [`Tổng điểm tự chấm: ${fmt(view.selfTotal)}; điểm thẩm định: ${fmt(view.appraisedTotal)} trên ${fmt(view.applicableMax)} điểm áp dụng (KAD: không áp dụng).`],
    });
    return { name: `phieu-tu-danh-gia-${sheet.unitCode}-${round.year}.docx`, bytes };
  }

  async summaryDocx(user: AuthUser, roundId: string): Promise<{ name: string; bytes: Buffer }> {
    const r = await this.results.read(user, roundId);
    const round = await this.rounds.getRound(roundId);
    const appraising = await this.units.resolve(round.appraisingUnitCode);
    const fields: ReportDocumentFields = {
      soKyHieu: '      /BB-HĐTĐ',
      place: (appraising?.name ?? '').replace(/^(Tỉnh|Thành phố) /, ''),
      date: today(),
      kinhGui: [],
      noiNhan: [`UBND ${appraising?.name ?? ''}`.trim(), 'Các xã, phường', 'Lưu: VT'],
      signerCapacity: 'TM. HỘI ĐỒNG THẨM ĐỊNH',
      signerTitle: 'CHỦ TỊCH HỘI ĐỒNG',
      signerName: '',
      issuerParent: `UBND ${appraising?.name ?? ''}`.trim(),
      issuerName: 'HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC',
    };
    const bytes = await buildStateDocx({
      fields,
      kind: 'BIÊN BẢN',
      title: `Tổng hợp kết quả thẩm định Chỉ số CCHC năm ${r.year}`,
      paragraphs: [
        `Hội đồng thẩm định tổng hợp kết quả thẩm định Chỉ số CCHC năm ${r.year} của ${r.units.length} xã, phường ${r.published ? '(đã công bố)' : '(chưa công bố)'}.`,
        `Chỉ số = (điểm thẩm định + điểm thưởng − điểm trừ + điểm điều tra xã hội học) / điểm tối đa áp dụng × 100. Xếp loại: ${r.bands.map((b) => `${b.name} từ ${b.min}%`).join('; ')}.`,
      ],
      table: {
        headers: ['Hạng', 'Xã, phường', 'Thẩm định', 'Thưởng/Trừ', 'Điều tra XHH', 'Chỉ số (%)', 'Xếp loại'],
        widths: [8, 32, 12, 12, 12, 12, 12],
        rows: r.units.map((u) => [String(u.rank), u.unitName ?? u.unitCode, `${fmt(u.appraised)}/${fmt(u.applicableMax)}`, `+${fmt(u.bonus)}/−${fmt(u.penalty)}`, fmt(u.surveyPoints), fmt(u.index), u.band]),
      },
      closingParagraphs: ['Biên bản được lập và thông qua tại phiên họp của Hội đồng./.'],
    });
    return { name: `bien-ban-tong-hop-tham-dinh-${r.year}-dot-${r.roundId}.docx`, bytes };
  }
}
