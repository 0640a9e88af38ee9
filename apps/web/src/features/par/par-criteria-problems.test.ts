import { criteriaProblems } from './par-criteria-problems';

describe('faults of an uploaded criteria workbook', () => {
  it("lists a row's faults by sheet, row and column, in Vietnamese and English", () => {
    const rows = criteriaProblems({
      problems: [
        { row: 4, sheet: 'Bộ tiêu chí', column: 'Điểm tối đa', vi: 'Dòng 4: điểm tối đa phải là số (ví dụ 2 hoặc 1,5).', en: 'Row 4: max points must be a number.' },
        { row: 5, sheet: 'Bộ tiêu chí', column: 'Cách chấm', vi: 'Dòng 5: cách chấm không hợp lệ.', en: 'Row 5: unknown scoring.' },
      ],
    });
    expect(rows).toEqual([
      { key: '0', sheet: 'Bộ tiêu chí', row: 4, column: 'Điểm tối đa', vi: 'Dòng 4: điểm tối đa phải là số (ví dụ 2 hoặc 1,5).', en: 'Row 4: max points must be a number.' },
      { key: '1', sheet: 'Bộ tiêu chí', row: 5, column: 'Cách chấm', vi: 'Dòng 5: cách chấm không hợp lệ.', en: 'Row 5: unknown scoring.' },
    ]);
  });

  it("names a rule of the set by its place when the workbook read but the set is wrong", () => {
    expect(criteriaProblems({ problems: [{ path: 'domains.0.criteria.0.code', vi: 'Mã tiêu chí 2.1 phải bắt đầu bằng mã lĩnh vực 1.', en: 'Criterion 2.1 must start with 1.' }] })).toEqual([
      { key: '0', sheet: null, row: null, column: 'domains.0.criteria.0.code', vi: 'Mã tiêu chí 2.1 phải bắt đầu bằng mã lĩnh vực 1.', en: 'Criterion 2.1 must start with 1.' },
    ]);
  });

  it('has nothing to list for another refusal', () => {
    expect([criteriaProblems(undefined), criteriaProblems(null), criteriaProblems({}), criteriaProblems({ problems: [] })]).toEqual([null, null, null, null]);
  });
});
