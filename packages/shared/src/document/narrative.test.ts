import * as fs from 'fs';
import * as path from 'path';
import { defaultNarrativeOutline } from './defaults';
import {
  emptyNarrativeSections,
  isStructuredNarrative,
  narrativeFromText,
  narrativeFromWordPaste,
  narrativeToPlainText,
  splitNarrativeSections,
  structuredFromTextNarrative,
  textFromStructuredNarrative,
} from './narrative';
import type { NarrativeSubsection } from './types';

const SEED = fs.readFileSync(path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8');
const { sections, titles } = splitNarrativeSections(SEED);

/** The words of a text in order, numbers written "1.1." whether or not the source had the last dot. */
const words = (t: string) =>
  t
    .split('\n')
    .map((l) => l.trim().replace(/^(\d{1,2}(?:\.\d{1,2})+)\.?(\s)/, '$1.$2'))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);

const numbers = (subs: NarrativeSubsection[]): string[] => subs.flatMap((s) => [s.number, ...numbers(s.children ?? [])]);

describe('narrativeFromText on the seed report', () => {
  it('finds the five sections with their own headings', () => {
    expect(Object.keys(sections)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(titles.III).toBe('ĐÁNH GIÁ CHUNG');
    expect(titles.IV).toBe('PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024');
  });

  it('reads section I as four numbered subsections with their paragraphs', () => {
    const I = narrativeFromText(sections.I!);
    expect(I.intro).toEqual([]);
    expect(I.subsections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Về kế hoạch cải cách hành chính',
      '2 Văn bản đã ban hành chỉ đạo, điều hành triển khai công tác CCHC',
      '3 Về kiểm tra công tác cải cách hành chính',
      '4 Về công tác tuyên truyền cải cách hành chính',
    ]);
    expect(I.subsections[0].paragraphs).toHaveLength(1);
    expect(I.subsections[0].paragraphs[0]).toMatch(/^- Xác định công tác cải cách hành chính/);
    // "bên cạnh đó,\n\nUBND xã cũng…" is one sentence cut by a page break; a line in lower case joins back.
    expect(I.subsections[2].paragraphs.some((p) => p.includes('niêm yết đầy đủ các danh mục TTHC'))).toBe(true);
  });

  it('nests II.1–II.7 with 1.1–1.3 … 6.1–6.3 (6.2 printed without its last dot)', () => {
    const II = narrativeFromText(sections.II!);
    expect(II.subsections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(II.subsections[0].children?.map((c) => c.number)).toEqual(['1.1', '1.2', '1.3']);
    expect(II.subsections[5].children?.map((c) => c.number)).toEqual(['6.1', '6.2', '6.3']);
    expect(II.subsections[5].children?.[1].title).toMatch(/^Tình hình áp dụng Hệ thống quản lý chất lượng/);
    // "+ Nghị quyết…" items and "a) …" stay paragraphs of 1.1 / 1.3.
    expect(II.subsections[0].children?.[0].paragraphs.filter((p) => p.startsWith('+ '))).toHaveLength(2);
    expect(II.subsections[0].children?.[2].paragraphs.filter((p) => /^[abc]\) /.test(p))).toEqual(['a) Xây dựng và ban hành các VB QPPL:', 'b) Rà soát VB QPPL:', 'c) Tổ chức thực hiện và kiểm tra thực hiện các VB QPPL:']);
    // The equipment table of 6.3 keeps its tab-separated rows.
    const table = II.subsections[5].children?.[2].paragraphs.filter((p) => p.includes('\t')) ?? [];
    expect(table[0].split('\t')[0]).toBe('TT');
    expect(table).toHaveLength(20);
  });

  it('keeps section IV’s long numbered tasks as paragraphs, not headings', () => {
    const IV = narrativeFromText(sections.IV!);
    expect(IV.subsections).toEqual([]);
    expect(IV.intro[0]).toMatch(/^Để phát huy những kết quả đạt được/);
    expect(IV.intro.filter((p) => /^\d+\. /.test(p))).toHaveLength(10);
    // Task 1 was cut by a page break ("…công tác tuyên" / "truyền CCHC…").
    expect(IV.intro[1]).toMatch(/Đẩy mạnh công tác tuyên truyền CCHC/);
  });

  it('III has its two subsections; V one paragraph', () => {
    expect(narrativeFromText(sections.III!).subsections.map((s) => s.title)).toEqual([
      'Những ưu điểm',
      'Những tồn tại, hạn chế trong thực hiện cải cách hành chính',
    ]);
    expect(narrativeFromText(sections.V!)).toEqual({
      intro: ['- Kiến nghị cấp trên hỗ trợ UBND xã triển khai hệ thống thanh toán trực tuyến tại Bộ phận Tiếp nhận và trả kết quả UBND xã.'],
      subsections: [],
    });
  });

  it('loses nothing: every word of every section comes back through narrativeToPlainText, in order', () => {
    for (const key of ['I', 'II', 'III', 'IV', 'V'] as const) {
      const text = sections[key]!;
      const back = narrativeToPlainText(narrativeFromText(text));
      expect(words(back)).toEqual(words(text));
      // And the round trip is stable.
      expect(narrativeToPlainText(narrativeFromText(back))).toBe(back);
    }
  });

  it('structured ↔ legacy text over the whole narrative, titles from the standard outline', () => {
    const s = structuredFromTextNarrative(sections, 2023);
    expect(isStructuredNarrative(s)).toBe(true);
    expect(s.IV?.title).toBe(titles.IV);
    for (const key of ['I', 'II', 'III', 'V'] as const) expect(s[key]?.title).toBe(titles[key]);
    const text = textFromStructuredNarrative(s);
    for (const key of ['I', 'II', 'III', 'IV', 'V'] as const) expect(words(text[key]!)).toEqual(words(sections[key]!));
  });
});

describe('narrativeFromWordPaste', () => {
  it('keeps Word paragraphs, turns its bullets into "- " and reads automatic numbering', () => {
    const paste = ['1.\tCải cách thể chế', '1.1.\tVề xây dựng văn bản', '•\tĐã ban hành 02 văn bản.', '\u2013 Đã rà soát 02 văn bản.', 'đoạn tiếp theo viết thường vẫn là đoạn riêng.', '2.\tCải cách TTHC', 'TT\tLoại\tSố lượng', '1\tMáy in\t06'].join('\r\n');
    const body = narrativeFromWordPaste(paste);
    expect(body.subsections.map((s) => s.number)).toEqual(['1', '2']);
    expect(body.subsections[0].children?.[0]).toEqual({
      number: '1.1',
      title: 'Về xây dựng văn bản',
      paragraphs: ['- Đã ban hành 02 văn bản.', '- Đã rà soát 02 văn bản.', 'đoạn tiếp theo viết thường vẫn là đoạn riêng.'],
    });
    expect(body.subsections[1].paragraphs).toEqual(['TT\tLoại\tSố lượng', '1\tMáy in\t06']);
  });

  it('a "1.1." without a "1." above stays at the top; soft line breaks split paragraphs', () => {
    const body = narrativeFromWordPaste('Mở đầu\v- ý một\n1.1. Mục lẻ\nNội dung');
    expect(body.intro).toEqual(['Mở đầu', '- ý một']);
    expect(body.subsections).toEqual([{ number: '1.1', title: 'Mục lẻ', paragraphs: ['Nội dung'] }]);
  });
});

describe('defaultNarrativeOutline', () => {
  it('has the seed’s headings I–V with II.1–II.7 and their numbered children, all empty', () => {
    const o = defaultNarrativeOutline(2023);
    const seed = structuredFromTextNarrative(sections, 2023);
    for (const key of ['I', 'II', 'III', 'IV', 'V'] as const) {
      expect(o[key]?.title).toBe(titles[key]);
      expect(numbers(o[key]!.subsections)).toEqual(numbers(seed[key]!.subsections));
    }
    expect(o.II?.subsections[0].children?.[0]).toEqual({ number: '1.1', title: 'Đổi mới và nâng cao chất lượng công tác xây dựng văn bản quy phạm pháp luật (VB QPPL)', paragraphs: [] });
    expect(isStructuredNarrative(o)).toBe(true);
  });

  it('isStructuredNarrative refuses other shapes', () => {
    expect(isStructuredNarrative({ I: 'text' })).toBe(false);
    expect(isStructuredNarrative({ VI: { title: '', intro: [], subsections: [] } })).toBe(false);
    expect(isStructuredNarrative({ I: { title: 'x', intro: [1], subsections: [] } })).toBe(false);
    expect(isStructuredNarrative([])).toBe(false);
  });
});

describe('emptyNarrativeSections', () => {
  it('counts a section as written only when some paragraph has text, at any depth; headings alone are empty', () => {
    const outline = defaultNarrativeOutline(2023);
    expect(emptyNarrativeSections(outline)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(emptyNarrativeSections(undefined)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    const written = structuredClone(outline);
    written.I!.intro = ['Thực hiện Kế hoạch số 12/KH-UBND …'];
    written.III!.subsections = [{ number: '1', title: 'Ưu điểm', paragraphs: [' '], children: [{ number: '1.1', title: 'Chi tiết', paragraphs: ['Hoàn thành đúng hạn.'] }] }];
    written.IV!.subsections = [{ number: '1', title: 'Nhiệm vụ', paragraphs: ['   '] }];
    expect(emptyNarrativeSections(written)).toEqual(['II', 'IV', 'V']);
  });
});
