import { validateCriteriaSet, type ParCriteriaSet } from '@cchc/shared';
import { readDocxText } from '../../../../test/support/docx-text';
import { buildParSheetDocx, buildParSummaryDocx, type ParSheetDocxInput } from './par-docx.writer';

const parsed = validateCriteriaSet({
  title: 'Bộ tiêu chí thử nghiệm',
  basis: 'QĐ 5666/QĐ-UBND',
  demo: true,
  domains: [
    {
      code: '1',
      title: 'Chỉ đạo điều hành',
      criteria: [
        {
          code: '1.1',
          title: 'Kế hoạch CCHC',
          subCriteria: [
            { code: '1.1.1', title: 'Ban hành kế hoạch', maxPoints: 2, scoring: { kind: 'yesno' } },
            { code: '1.1.2', title: 'Hoàn thành kế hoạch', maxPoints: 4, scoring: { kind: 'tiers', tiers: [100, 75, 50] } },
          ],
        },
      ],
    },
    { code: '2', title: 'Thể chế', criteria: [{ code: '2.1', title: 'Văn bản', subCriteria: [{ code: '2.1.1', title: 'Ban hành VBQPPL <& "đúng hạn">', maxPoints: 4, scoring: { kind: 'manual' }, notApplicableAllowed: true }] }] },
  ],
});
if (!parsed.ok) throw new Error('test set invalid');
const SET: ParCriteriaSet = parsed.set;

const sheet = (over: Partial<ParSheetDocxInput> = {}): ParSheetDocxInput => ({
  year: 2025,
  roundTitle: 'Chỉ số CCHC năm 2025 — xã, phường',
  set: SET,
  unit: { name: 'Phường Phú Xuân', level: 'commune' },
  parent: { name: 'Thành phố Huế', level: 'province' },
  date: '2026-01-05',
  status: 'reappraised',
  rows: [
    { code: '1.1.1', maxPoints: 2, self: { score: 2, notApplicable: false }, appraised: { score: 2, notApplicable: false }, note: null, documents: [{ number: '12/QĐ-UBND', date: '2025-01-10' }], files: ['ke-hoach.pdf'] },
    { code: '1.1.2', maxPoints: 4, self: { score: 3, notApplicable: false }, appraised: { score: 2, notApplicable: false }, note: 'Hoàn thành 9/10 nhiệm vụ', documents: [], files: [] },
    { code: '2.1.1', maxPoints: 4, self: { score: null, notApplicable: true }, appraised: { score: null, notApplicable: true }, note: null, documents: [], files: [] },
  ],
  domains: [
    { code: '1', max: 6, self: 5, appraised: 4 },
    { code: '2', max: 0, self: 0, appraised: 0 },
  ],
  selfTotal: 5,
  appraisedTotal: 4,
  applicableMax: 6,
  adjustments: [
    { kind: 'bonus', points: 0.5, reason: 'Sáng kiến một cửa', documents: [{ number: '45/QĐ-UBND', date: '2025-06-02', title: 'Công nhận sáng kiến' }] },
    { kind: 'penalty', points: 1, reason: 'Khiếu nại vượt cấp' },
  ],
  ...over,
});

describe('PAR DOCX exports', () => {
  it("prints the commune's sheet in the state layout: header, every row with self and appraised scores, evidence, totals, signature", async () => {
    const doc = await readDocxText(await buildParSheetDocx(sheet()));
    // The layout the report uses: A4, Nghị định 30 margins, Times New Roman.
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc.xml).toContain('w:ascii="Times New Roman"');
    const [header, table, closing] = doc.tables;
    expect(header[0][0]).toBe('UBND THÀNH PHỐ HUẾ UBND PHƯỜNG PHÚ XUÂN Số:      /BC-UBND');
    expect(header[0][1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Phú Xuân, ngày 05 tháng 01 năm 2026');
    expect(doc.paragraphs).toEqual(expect.arrayContaining(['BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM', 'Chỉ số cải cách hành chính năm 2025 của Phường Phú Xuân', '(Theo Bộ tiêu chí thử nghiệm — QĐ 5666/QĐ-UBND)', '(Bộ tiêu chí minh họa, không phải quyết định chính thức)']));
    expect(doc.paragraphs).toContain('Kỳ đánh giá: Chỉ số CCHC năm 2025 — xã, phường. Trạng thái phiếu: Đã thẩm định lần 2.');
    expect(table[0]).toEqual(['Mã', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Tự đánh giá', 'Thẩm định', 'Tài liệu kiểm chứng']);
    expect(table.slice(1)).toEqual([
      ['1', 'Chỉ đạo điều hành', '6', '5', '4', ''],
      ['1.1', 'Kế hoạch CCHC', '', '', '', ''],
      ['1.1.1', 'Ban hành kế hoạch', '2', '2', '2', '12/QĐ-UBND ngày 10/01/2025; Tệp: ke-hoach.pdf'],
      ['1.1.2', 'Hoàn thành kế hoạch', '4', '3', '2', 'Ghi chú: Hoàn thành 9/10 nhiệm vụ'],
      ['2', 'Thể chế', '0', '0', '0', ''],
      ['2.1', 'Văn bản', '', '', '', ''],
      // Text is escaped and comes back as written.
      ['2.1.1', 'Ban hành VBQPPL <& "đúng hạn">', '4', 'Không áp dụng', 'Không áp dụng', ''],
      ['', 'TỔNG ĐIỂM', '6', '5', '4', ''],
    ]);
    expect(doc.paragraphs).toContain('- Điểm thưởng 0,5: Sáng kiến một cửa (căn cứ: 45/QĐ-UBND ngày 02/06/2025 – Công nhận sáng kiến)');
    expect(doc.paragraphs).toContain('- Điểm trừ 1: Khiếu nại vượt cấp');
    expect(closing[0][0]).toBe('Nơi nhận: - Hội đồng thẩm định Chỉ số CCHC; - Lưu: VT.');
    expect(closing[0][1]).toBe('TM. ỦY BAN NHÂN DÂN CHỦ TỊCH');
  });

  it('leaves the appraised column blank while the sheet is not appraised', async () => {
    const doc = await readDocxText(
      await buildParSheetDocx(sheet({ status: 'draft', rows: [{ code: '1.1.1', maxPoints: 2, self: { score: 2, notApplicable: false }, appraised: null, note: null, documents: [], files: [] }], adjustments: [] })),
    );
    const table = doc.tables[1];
    expect(table.find((r) => r[0] === '1.1.1')).toEqual(['1.1.1', 'Ban hành kế hoạch', '2', '2', '', '']);
    expect(table.find((r) => r[0] === '1.1.2')).toEqual(['1.1.2', 'Hoàn thành kế hoạch', '4', '', '', '']);
    expect(table.find((r) => r[1] === 'TỔNG ĐIỂM')?.[4]).toBe('');
    expect(doc.paragraphs.some((p) => p.startsWith('Điểm thưởng, điểm trừ'))).toBe(false);
    expect(doc.paragraphs).toContain('Kỳ đánh giá: Chỉ số CCHC năm 2025 — xã, phường. Trạng thái phiếu: Chưa nộp.');
  });

  it("prints the council's summary: header under the appraising unit, the stage of every sheet, results by rank, bands, two signatures", async () => {
    const doc = await readDocxText(
      await buildParSummaryDocx({
        year: 2025,
        roundTitle: 'Chỉ số CCHC năm 2025 — xã, phường',
        set: SET,
        appraisingUnit: { name: 'Thành phố Huế', level: 'province' },
        date: '2026-01-20',
        scale: { appraisedMax: 10, surveyWeight: 5, bonusCap: 1, penaltyCap: 1 },
        bands: [
          { name: 'Tốt', min: 90 },
          { name: 'Khá', min: 80 },
          { name: 'Trung bình', min: 65 },
          { name: 'Yếu', min: 0 },
        ],
        publishedAt: null,
        units: [
          { rank: 1, unitName: 'Phường Phú Xuân', status: 'final', self: 8, appraised: 8, bonus: 1, penalty: 0, surveyPoints: 4, index: 86.67, band: 'Khá' },
          { rank: 2, unitName: 'Phường Kim Long', status: 'final', self: 4, appraised: 2, bonus: 0, penalty: 0.5, surveyPoints: 3, index: 40.91, band: 'Yếu' },
          { rank: 2, unitName: 'Phường Vỹ Dạ', status: 'explaining', self: 2, appraised: 2, bonus: 0, penalty: 0, surveyPoints: null, index: 40.91, band: 'Yếu' },
        ],
      }),
    );
    const [header, table, signatures] = doc.tables;
    expect(header[0][0]).toBe('UBND THÀNH PHỐ HUẾ HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC Số:      /BB-HĐTĐ');
    expect(header[0][1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Huế, ngày 20 tháng 01 năm 2026');
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining([
        'BIÊN BẢN',
        'Tổng hợp kết quả thẩm định Chỉ số cải cách hành chính năm 2025',
        'của các xã, phường thuộc Thành phố Huế',
        'Hội đồng thẩm định đã thẩm định kết quả tự đánh giá của 3 xã, phường tham gia. Tình trạng phiếu: Được yêu cầu giải trình: 1; Đã hoàn thiện: 2.',
        'Xếp loại: Tốt: từ 90 %; Khá: từ 80 %; Trung bình: từ 65 %; Yếu: dưới 65 %.',
        'Kết quả chưa được công bố; số liệu dưới đây là kết quả thẩm định tại thời điểm lập biên bản.',
        'Số xã, phường theo xếp loại: Tốt: 0; Khá: 1; Trung bình: 0; Yếu: 2.',
      ]),
    );
    expect(table[0]).toEqual(['STT', 'Xã, phường', 'Tự đánh giá', 'Thẩm định', 'Điểm thưởng', 'Điểm trừ', 'Điều tra XHH', 'Chỉ số (%)', 'Xếp loại', 'Xếp hạng']);
    expect(table.slice(1)).toEqual([
      ['1', 'Phường Phú Xuân', '8', '8', '1', '0', '4', '86,67', 'Khá', '1'],
      ['2', 'Phường Kim Long', '4', '2', '0', '0,5', '3', '40,91', 'Yếu', '2'],
      ['3', 'Phường Vỹ Dạ', '2', '2', '0', '0', '', '40,91', 'Yếu', '2'],
    ]);
    expect(signatures[0]).toEqual(['THƯ KÝ HỘI ĐỒNG', 'CHỦ TỊCH HỘI ĐỒNG']);
  });
});
