import { validateCriteriaSet, type ParCriteriaSet } from './criteria-set';
import { CRITERIA_SHEET_COLUMNS, criteriaSetFromSheet, criteriaSetToSheet, type CriteriaSheetCell } from './criteria-sheet';
import { DEMO_PAR_CRITERIA_SET } from './demo-criteria-set';

const valid = (input: unknown): ParCriteriaSet => {
  const v = validateCriteriaSet(input);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.set;
};

const SMALL = valid({
  title: 'Bộ thử',
  basis: 'QĐ 1/QĐ-UBND',
  domains: [
    {
      code: '1',
      title: 'Chỉ đạo điều hành',
      criteria: [
        {
          code: '1.1',
          title: 'Kế hoạch',
          subCriteria: [
            { code: '1.1.1', title: 'Ban hành kế hoạch', maxPoints: 1.5, scoring: { kind: 'yesno' }, evidence: 'Quyết định' },
            { code: '1.1.2', title: 'Hoàn thành', maxPoints: 4, scoring: { kind: 'tiers', tiers: [100, 75, 50] }, notApplicableAllowed: true, source: { kind: 'ratio', numerator: ['1.1.2'], denominator: ['1.1.1'] } },
          ],
        },
      ],
    },
  ],
});

const header = [...CRITERIA_SHEET_COLUMNS] as CriteriaSheetCell[];
const info: CriteriaSheetCell[][] = [
  ['Tên bộ tiêu chí', 'Bộ thử'],
  ['Căn cứ', null],
  ['Bộ tiêu chí minh họa', 'Không'],
];

describe('criteria set ↔ spreadsheet', () => {
  it('round-trips the demo set and a small one exactly', () => {
    for (const set of [valid(DEMO_PAR_CRITERIA_SET), SMALL]) {
      const sheet = criteriaSetToSheet(set);
      const back = criteriaSetFromSheet(sheet.rows, sheet.info);
      expect(back.ok).toBe(true);
      if (back.ok) expect(valid(back.document)).toEqual(set);
    }
  });

  it('writes one row per level, Vietnamese labels, tiers with decimal commas', () => {
    const { rows, info: i } = criteriaSetToSheet(SMALL);
    expect(rows.map((r) => r.slice(0, 7))).toEqual([
      header.slice(0, 7),
      ['Lĩnh vực', '1', 'Chỉ đạo điều hành', null, null, null, null],
      ['Tiêu chí', '1.1', 'Kế hoạch', null, null, null, null],
      ['Tiêu chí thành phần', '1.1.1', 'Ban hành kế hoạch', 1.5, 'Đạt/Không đạt', null, 'Không'],
      ['Tiêu chí thành phần', '1.1.2', 'Hoàn thành', 4, 'Theo mức', '100; 75; 50', 'Có'],
    ]);
    expect(i).toEqual([
      ['Tên bộ tiêu chí', 'Bộ thử'],
      ['Căn cứ', 'QĐ 1/QĐ-UBND'],
      ['Bộ tiêu chí minh họa', 'Không'],
    ]);
  });

  it('reads what people type: text numbers with commas, a blank level from the code, codes of the scoring kinds, blank rows', () => {
    const r = criteriaSetFromSheet(
      [header, ['', '1', 'Thể chế'], [], ['', '1.1', 'Văn bản'], ['', '1.1.1', 'Ban hành VBQPPL', '2,5', 'manual', null, 'x', 'Nghị quyết', null]],
      info,
    );
    expect(r).toEqual({
      ok: true,
      document: { title: 'Bộ thử', demo: false, domains: [{ code: '1', title: 'Thể chế', criteria: [{ code: '1.1', title: 'Văn bản', subCriteria: [{ code: '1.1.1', title: 'Ban hành VBQPPL', maxPoints: 2.5, scoring: { kind: 'manual' }, notApplicableAllowed: true, evidence: 'Nghị quyết' }] }] }] },
    });
  });

  it('names the row and column of every problem, in Vietnamese', () => {
    const r = criteriaSetFromSheet(
      [
        header,
        ['Lĩnh vực', '1', 'Chỉ đạo'],
        ['Tiêu chí', '1.1', 'Kế hoạch'],
        ['Tiêu chí thành phần', '1.1.1', 'A', 'hai', 'Đạt/Không đạt', null, 'Không'],
        ['Tiêu chí thành phần', '1.1.2', 'B', 2, 'Chấm bừa', null, 'Không'],
        ['Tiêu chí thành phần', '1.1.3', 'C', 2, 'Theo mức', '', 'Không'],
        ['Tiêu chí thành phần', '1.1.4', 'D', 2, 'Theo tỷ lệ', null, 'Có lẽ', null, '{"kind":"ratio"'],
        ['Nhóm', '1.1.5', 'E'],
      ],
      info,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.column, p.vi])).toEqual([
      [4, 'Điểm tối đa', 'Dòng 4: điểm tối đa phải là số (ví dụ 2 hoặc 1,5).'],
      [5, 'Cách chấm', 'Dòng 5: cách chấm "Chấm bừa" không hợp lệ (Đạt/Không đạt, Theo mức, Theo tỷ lệ, Chấm trực tiếp).'],
      [6, 'Mức (% điểm tối đa)', 'Dòng 6: chấm theo mức cần các mức (% điểm tối đa) cách nhau bằng dấu chấm phẩy, ví dụ "100; 75; 50".'],
      [7, 'Cho phép "Không áp dụng"', 'Dòng 7: "Cho phép Không áp dụng" phải là Có hoặc Không.'],
      [7, 'Nguồn từ báo cáo năm (JSON)', 'Dòng 7: nguồn từ báo cáo năm không hợp lệ (JSON, ví dụ {"kind":"ratio","numerator":["1.1.2"],"denominator":["1.1.1"]}).'],
      [8, 'Cấp', 'Dòng 8: cấp "Nhóm" không hợp lệ (Lĩnh vực, Tiêu chí hoặc Tiêu chí thành phần).'],
    ]);
  });

  it("maps the set's own rules back to rows: duplicate codes, a code outside its parent, tiers out of range", () => {
    const r = criteriaSetFromSheet(
      [
        header,
        ['Lĩnh vực', '1', 'Chỉ đạo'],
        ['Tiêu chí', '1.1', 'Kế hoạch'],
        ['Tiêu chí thành phần', '1.1.1', 'A', 2, 'Đạt/Không đạt', null, 'Không'],
        ['Tiêu chí thành phần', '1.1.1', 'B', 2, 'Đạt/Không đạt', null, 'Không'],
        ['Tiêu chí thành phần', '2.1.1', 'C', 2, 'Đạt/Không đạt', null, 'Không'],
        ['Tiêu chí thành phần', '1.1.4', 'D', 2, 'Theo mức', '100; 150', 'Không'],
      ],
      info,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.problems.map((p) => [p.row, p.column]);
    // zod's range check comes first (the rest of the rules run on a document that parses).
    expect(got).toEqual([[7, 'Mức (% điểm tối đa)']]);
    expect(r.problems[0].vi).toBe('Dòng 7: Mức không quá 100%.');

    const dup = criteriaSetFromSheet(
      [header, ['Lĩnh vực', '1', 'Chỉ đạo'], ['Tiêu chí', '1.1', 'Kế hoạch'], ['Tiêu chí thành phần', '1.1.1', 'A', 2, 'Đạt/Không đạt', null, 'Không'], ['Tiêu chí thành phần', '1.1.1', 'B', 2, 'Đạt/Không đạt', null, 'Không'], ['Tiêu chí thành phần', '2.1.1', 'C', 2, 'Đạt/Không đạt', null, 'Không']],
      info,
    );
    expect(dup.ok).toBe(false);
    if (dup.ok) return;
    expect(dup.problems.map((p) => [p.row, p.column, p.vi])).toEqual([
      [5, 'Mã', 'Dòng 5: Mã 1.1.1 bị trùng (đã dùng ở domains.0.criteria.0.subCriteria.0.code).'],
      [6, 'Mã', 'Dòng 6: Mã tiêu chí thành phần 2.1.1 phải bắt đầu bằng mã tiêu chí 1.1.'],
    ]);
  });

  it('refuses a sheet whose header is not ours, and a missing title', () => {
    const r = criteriaSetFromSheet([['Mã', 'Tên']], [['Tên bộ tiêu chí', '']]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ sheet: 'Thông tin', row: 1, vi: 'Thiếu "Tên bộ tiêu chí".' });
    expect(r.problems[1]).toMatchObject({ sheet: 'Bộ tiêu chí', row: 1, column: 'Cấp', vi: 'Dòng tiêu đề: cột 1 phải là "Cấp".' });
  });
});
