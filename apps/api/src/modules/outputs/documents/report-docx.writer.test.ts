import { defaultDocumentFields, defaultNarrativeOutline, parseAppendixText, TEMPLATE_2023, valueNodes } from '@cchc/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDocxText } from '../../../../test/support/docx-text';
import { buildReportDocx } from './report-docx.writer';

const fields = {
  ...defaultDocumentFields({ name: 'Xã Quảng Thọ', level: 'commune' }, { name: 'Huyện Quảng Điền', level: 'district' }, '2023'),
  soKyHieu: '232/BC-UBND',
  date: '2023-12-06',
  signerName: 'Trần Kim',
  noiNhan: ['Như trên', 'Lưu: VT'],
};

describe('buildReportDocx', () => {
  it('lays the document out as Nghị định 30: A4, margins, Times New Roman, header table, Nơi nhận beside the signature', async () => {
    const narrative = defaultNarrativeOutline(2023);
    narrative.V = { title: 'KIẾN NGHỊ, ĐỀ XUẤT', intro: ['- Kiến nghị cấp trên hỗ trợ & triển khai <thanh toán>.'], subsections: [] };
    const values = new Map([
      ['1.4.1', { value: 1714, note: null }],
      ['7.8.3', { value: 56.1, note: 'ghi chú riêng' }],
    ]);
    const doc = await readDocxText(await buildReportDocx({ template: TEMPLATE_2023, appendixLevel: 'commune', unitName: 'Xã Quảng Thọ', periodId: '2023', fields, narrative, values }));
    // A4 portrait with 20/20/30/15 mm margins (twips: 1 mm = 56.7).
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc.xml).toMatch(/w:top="1134"[^>]*w:right="850"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    expect(doc.xml).toContain('w:ascii="Times New Roman"');

    const [headerTable] = doc.tables;
    expect(headerTable[0][0]).toBe('UBND HUYỆN QUẢNG ĐIỀN UBND XÃ QUẢNG THỌ Số: 232/BC-UBND');
    expect(headerTable[0][1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Quảng Thọ, ngày 06 tháng 12 năm 2023');
    // The header table has no borders; its two short rules (under the issuer, under the motto) are paragraph borders.
    const first = doc.xml.slice(0, doc.xml.indexOf('</w:tbl>'));
    const borders = (first.match(/<w:(tblBorders|tcBorders)>.*?<\/w:\1>/g) ?? []).join('');
    expect(borders).toMatch(/w:val="none"/);
    expect(borders).not.toMatch(/w:val="single"/);
    expect(first.match(/<w:pBdr><w:top w:val="single"/g)).toHaveLength(2);
    expect(doc.paragraphs).toEqual(expect.arrayContaining(['BÁO CÁO', 'Kết quả thực hiện công tác cải cách hành chính năm 2023', 'Kính gửi:', '- Ủy ban nhân dân huyện Quảng Điền;', '- Phòng Nội vụ huyện Quảng Điền.']));
    // Empty sections still print their headings; text is escaped and comes back as written.
    for (const h of ['I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH', '1.1. Đổi mới và nâng cao chất lượng công tác xây dựng văn bản quy phạm pháp luật (VB QPPL)', 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024', '- Kiến nghị cấp trên hỗ trợ & triển khai <thanh toán>.']) {
      expect(doc.paragraphs).toContain(h);
    }
    expect(doc.paragraphs).toContain('Trên đây là Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023 của UBND xã Quảng Thọ./.');
    const closing = doc.tables[1];
    expect(closing[0][0]).toBe('Nơi nhận: - Như trên; - Lưu: VT.');
    expect(closing[0][1]).toBe('TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trần Kim');
    // The appendix starts a new page.
    expect(doc.xml).toContain('<w:pageBreakBefore/>');
    expect(doc.paragraphs).toContain('(Kèm theo Báo cáo số 232/BC-UBND ngày 06/12/2023 của UBND xã Quảng Thọ)');
  });

  it('prints the appendix rows of the level with Vietnamese numbers and blanks, and reads back through the appendix parser', async () => {
    const values = new Map([
      ['1.4.1', { value: 1714, note: null }],
      ['7.8.3', { value: 56.1, note: null }],
      ['3.4.3', { value: 130, note: null }],
      ['1.3.3', { value: null, note: null }],
    ]);
    const buf = await buildReportDocx({ template: TEMPLATE_2023, appendixLevel: 'commune', unitName: 'Xã Quảng Thọ', periodId: '2023', fields, narrative: {}, values });
    const doc = await readDocxText(buf);
    const appendix = doc.tables[doc.tables.length - 1];
    const byCode = new Map(appendix.map((r) => [r[0], r]));
    expect(byCode.get('1.4.1.')?.[3]).toBe('1.714');
    expect(byCode.get('7.8.3.')?.[3]).toBe('56,1');
    expect(byCode.get('1.3.3.')?.[3]).toBe('');
    // Only the commune's rows: every commune value row is there, none of the others.
    const printed = new Set(appendix.map((r) => r[0].replace(/\.$/, '')));
    for (const n of valueNodes(TEMPLATE_2023, 'commune')) if (!n.breakdown) expect(printed).toContain(n.code);
    const leftOut = TEMPLATE_2023.nodes.filter((n) => !n.isHeading && !(n.levels ?? []).includes('commune') && !n.breakdown);
    expect(leftOut.length).toBeGreaterThan(0);
    for (const n of leftOut) expect(printed.has(n.code)).toBe(false);
    // A breakdown is printed whole, as on the form: the district's 7.6.1.1 row opens 7.6.1's, blank.
    expect(appendix.find((r) => r[0] === 'Trong đó' && r[1].startsWith('Tỷ lệ UBND cấp huyện'))?.[3]).toBe('');
    const text = doc.text.slice(doc.text.indexOf('Phụ lục'));
    const parsed = parseAppendixText(text, TEMPLATE_2023);
    // Blanks come back as blanks (null), never 0.
    const present = Object.fromEntries(Object.entries(parsed.values).filter(([, v]) => v !== null));
    expect(present).toEqual({ '1.4.1': 1714, '7.8.3': 56.1, '3.4.3': 130 });
    expect(parsed.values['1.3.3']).toBeNull();
  });

  it('the whole seed appendix survives the trip: written, copied out as text, parsed back', async () => {
    const seed = parseAppendixText(fs.readFileSync(path.resolve(__dirname, '../../../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8'), TEMPLATE_2023);
    const values = new Map<string, { value: number | null; note: string | null }>();
    for (const code of new Set([...Object.keys(seed.values), ...Object.keys(seed.notes)])) values.set(code, { value: seed.values[code] ?? null, note: seed.notes[code] ?? null });
    const doc = await readDocxText(await buildReportDocx({ template: TEMPLATE_2023, appendixLevel: 'commune', unitName: 'Xã Quảng Thọ', periodId: '2023', fields, narrative: {}, values }));
    const back = parseAppendixText(doc.text.slice(doc.text.indexOf('Phụ lục')), TEMPLATE_2023);
    expect(back.problems).toEqual([]);
    const commune = new Set(TEMPLATE_2023.nodes.filter((n) => (n.levels ?? []).includes('commune')).map((n) => n.code));
    const present = (v: Record<string, number | null | undefined>) => Object.fromEntries(Object.entries(v).filter(([c, x]) => x !== null && x !== undefined && commune.has(c)));
    expect(present(back.values)).toEqual(present(seed.values));
    expect(Object.keys(present(seed.values)).length).toBeGreaterThan(50);
  });

  it('a consolidated report prints its coverage line under the appendix title', async () => {
    const district = defaultDocumentFields({ name: 'Huyện Quảng Điền', level: 'district' }, { name: 'Tỉnh Thừa Thiên Huế', level: 'province' }, '2023');
    const doc = await readDocxText(
      await buildReportDocx({ template: TEMPLATE_2023, appendixLevel: 'commune', unitName: 'Huyện Quảng Điền', periodId: '2023', fields: district, narrative: {}, values: new Map(), coverageLine: 'Tổng hợp từ 7/11 xã có báo cáo đã duyệt' }),
    );
    const at = doc.paragraphs.indexOf('Tổng hợp từ 7/11 xã có báo cáo đã duyệt');
    expect(at).toBeGreaterThan(doc.paragraphs.indexOf('TẠI UBND HUYỆN QUẢNG ĐIỀN'));
    expect(doc.tables[0][0][0]).toBe('UBND TỈNH THỪA THIÊN HUẾ UBND HUYỆN QUẢNG ĐIỀN Số:      /BC-UBND');
  });
});
