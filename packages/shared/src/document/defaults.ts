import { defaultPeriodWindow, parsePeriodId, periodLabel } from '../period/period';
import type { UnitLevel } from '../template/types';
import type { NarrativeSection, NarrativeSectionKey, ReportDocumentFields, StructuredNarrative } from './types';

export interface DocumentUnit {
  name: string;
  level: UnitLevel;
}

const UNIT_PREFIX = /^(Xã|Phường|Thị trấn|Huyện|Quận|Thị xã|Thành phố|Tỉnh)\s+/iu;

/** "Xã Quảng Thọ" → "Quảng Thọ": the địa danh printed before the date. */
export function placeName(unitName: string): string {
  return unitName.trim().replace(UNIT_PREFIX, '');
}

/** "Huyện Quảng Điền" → "huyện Quảng Điền", as it reads inside a sentence. */
function inSentence(unitName: string): string {
  const m = UNIT_PREFIX.exec(unitName.trim());
  if (!m) return unitName.trim();
  return `${m[1].toLocaleLowerCase('vi')} ${unitName.trim().slice(m[0].length)}`;
}

/** "UBND XÃ QUẢNG THỌ". */
export function issuerOf(unitName: string): string {
  return `UBND ${unitName.trim().toLocaleUpperCase('vi')}`;
}

/** "Kết quả thực hiện công tác cải cách hành chính năm 2023" (period label in lower case). */
export function defaultTrichYeu(periodId: string): string {
  const label = periodLabel(periodId);
  return `Kết quả thực hiện công tác cải cách hành chính ${label.charAt(0).toLocaleLowerCase('vi')}${label.slice(1)}`;
}

/**
 * What a new report's document starts with: the parent's UBND and its home-affairs office as
 * recipients, the place from the unit's name, the chairman signing on behalf of the committee.
 * The number is left for the clerk ("     /BC-UBND"); the date is `today` or the period's deadline.
 */
export function defaultDocumentFields(unit: DocumentUnit, parent: DocumentUnit | null, periodId: string, today?: string): ReportDocumentFields {
  const kinhGui: string[] = [];
  if (parent) {
    kinhGui.push(`Ủy ban nhân dân ${inSentence(parent.name)}`);
    kinhGui.push(parent.level === 'province' ? `Sở Nội vụ ${inSentence(parent.name)}` : `Phòng Nội vụ ${inSentence(parent.name)}`);
  } else {
    kinhGui.push('Bộ Nội vụ');
  }
  const date = today ?? (parsePeriodId(periodId) ? defaultPeriodWindow(periodId).deadline : '');
  return {
    soKyHieu: '     /BC-UBND',
    place: placeName(unit.name),
    date,
    kinhGui,
    noiNhan: ['Như trên', 'Lưu: VT'],
    signerCapacity: 'TM. ỦY BAN NHÂN DÂN',
    signerTitle: 'CHỦ TỊCH',
    signerName: '',
    issuerParent: parent ? issuerOf(parent.name) : '',
    issuerName: issuerOf(unit.name),
    trichYeu: defaultTrichYeu(periodId),
  };
}

/** Section headings of the reference report (Quảng Thọ 2023); IV names the following year. */
export function narrativeSectionTitle(key: NarrativeSectionKey, year?: number): string {
  switch (key) {
    case 'I':
      return 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH';
    case 'II':
      return 'KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH';
    case 'III':
      return 'ĐÁNH GIÁ CHUNG';
    case 'IV':
      return year ? `PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM ${year + 1}` : 'PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH';
    case 'V':
      return 'KIẾN NGHỊ, ĐỀ XUẤT';
  }
}

type Outline = [string, string, Outline?][];

const OUTLINE: Record<NarrativeSectionKey, Outline> = {
  I: [
    ['1', 'Về kế hoạch cải cách hành chính'],
    ['2', 'Văn bản đã ban hành chỉ đạo, điều hành triển khai công tác CCHC'],
    ['3', 'Về kiểm tra công tác cải cách hành chính'],
    ['4', 'Về công tác tuyên truyền cải cách hành chính'],
  ],
  II: [
    [
      '1',
      'Cải cách thể chế',
      [
        ['1.1', 'Đổi mới và nâng cao chất lượng công tác xây dựng văn bản quy phạm pháp luật (VB QPPL)'],
        ['1.2', 'Hoàn thiện hệ thống thể chế, cơ chế, chính sách về các lĩnh vực quản lý nhà nước thuộc thẩm quyền của đơn vị'],
        ['1.3', 'Xây dựng và tổ chức thực hiện VB QPPL tại đơn vị'],
      ],
    ],
    [
      '2',
      'Cải cách thủ tục hành chính',
      [
        ['2.1', 'Về kiểm soát việc ban hành mới các thủ tục hành chính thuộc thẩm quyền'],
        ['2.2', 'Về rà soát, đánh giá và thực hiện các quy định về đơn giản hóa TTHC'],
        ['2.3', 'Về công khai TTHC'],
      ],
    ],
    [
      '3',
      'Cải cách tổ chức bộ máy hành chính nhà nước',
      [
        ['3.1', 'Rà soát vị trí, chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức và biên chế'],
        ['3.2', 'Về kiểm tra, đánh giá tình hình tổ chức và hoạt động của đơn vị'],
        ['3.3', 'Việc thực hiện cơ chế một cửa, một cửa liên thông'],
      ],
    ],
    [
      '4',
      'Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức',
      [
        ['4.1', 'Về cán bộ, công chức'],
        ['4.2', 'Về công tác quản lý cán bộ, công chức'],
        ['4.3', 'Thực hiện công tác đào tạo, bồi dưỡng'],
      ],
    ],
    ['5', 'Cải cách tài chính công'],
    [
      '6',
      'Hiện đại hóa hành chính',
      [
        ['6.1', 'Ứng dụng công nghệ thông tin trong hoạt động của cơ quan hành chính nhà nước'],
        ['6.2', 'Tình hình áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015'],
        ['6.3', 'Tình hình triển khai xây dựng trụ sở cơ quan hành chính'],
      ],
    ],
    ['7', 'Công tác chỉ đạo, điều hành CCHC'],
  ],
  III: [
    ['1', 'Những ưu điểm'],
    ['2', 'Những tồn tại, hạn chế trong thực hiện cải cách hành chính'],
  ],
  IV: [],
  V: [],
};

function fromOutline(o: Outline): NarrativeSection['subsections'] {
  return o.map(([number, title, children]) => ({ number, title, paragraphs: [], ...(children ? { children: fromOutline(children) } : {}) }));
}

/** Sections I–V with the reference report's numbered headings and no text: what a new report's narrative starts from. */
export function defaultNarrativeOutline(year?: number): StructuredNarrative {
  const out: StructuredNarrative = {};
  for (const key of ['I', 'II', 'III', 'IV', 'V'] as const) {
    out[key] = { title: narrativeSectionTitle(key, year), intro: [], subsections: fromOutline(OUTLINE[key]) };
  }
  return out;
}
