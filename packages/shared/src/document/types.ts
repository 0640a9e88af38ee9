/**
 * The report as an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the fields of its
 * header and signature block, and the narrative sections I–V as numbered subsections.
 */

/** Header, recipients and signature of the printed report. */
export interface ReportDocumentFields {
  /** "232/BC-UBND" as printed after "Số: ". */
  soKyHieu: string;
  /** Địa danh before the date: "Quảng Thọ". */
  place: string;
  /** ISO date (yyyy-mm-dd) of issue. */
  date: string;
  /** Recipients after "Kính gửi:", without the leading dash or the closing ";"/".". */
  kinhGui: string[];
  /** "Nơi nhận:" list, same convention ("Như trên", "Lưu: VT"). */
  noiNhan: string[];
  /** "TM. ỦY BAN NHÂN DÂN" (or "KT. CHỦ TỊCH" …). */
  signerCapacity: string;
  signerTitle: string;
  signerName: string;
  /** Tên cơ quan chủ quản, printed upper-case: "UBND HUYỆN QUẢNG ĐIỀN"; empty for a province. */
  issuerParent: string;
  /** Tên cơ quan ban hành: "UBND XÃ QUẢNG THỌ". */
  issuerName: string;
  /** Trích yếu under "BÁO CÁO"; the period's default when absent. */
  trichYeu?: string;
  /** Mở đầu before section I ("Thực hiện Kế hoạch số … UBND xã báo cáo …, cụ thể như sau:"), one string per paragraph. */
  preamble?: string[];
}

export const NARRATIVE_SECTION_KEYS = ['I', 'II', 'III', 'IV', 'V'] as const;
export type NarrativeSectionKey = (typeof NARRATIVE_SECTION_KEYS)[number];

/**
 * A numbered subsection ("1.", "1.1."). A paragraph starting with "- " or "+ " is a list item;
 * a paragraph with tabs is a table row (as pasted from Word).
 */
export interface NarrativeSubsection {
  /** "1", "1.1", "6.2" — printed with a trailing dot. */
  number: string;
  title: string;
  paragraphs: string[];
  children?: NarrativeSubsection[];
}

/** The body of one roman-numbered section: paragraphs before the first subsection, then the subsections. */
export interface NarrativeSectionBody {
  intro: string[];
  subsections: NarrativeSubsection[];
}

export interface NarrativeSection extends NarrativeSectionBody {
  /** Upper-case heading without the roman number: "ĐÁNH GIÁ CHUNG". */
  title: string;
}

/** Sections I–V, keyed like the legacy text narrative ({ I: "…", II: "…" }). */
export type StructuredNarrative = Partial<Record<NarrativeSectionKey, NarrativeSection>>;

/** The legacy form: each section as one text. */
export type TextNarrative = Partial<Record<NarrativeSectionKey, string>>;

/** Stored in reports.document. */
export interface ReportDocument {
  fields: ReportDocumentFields;
}
