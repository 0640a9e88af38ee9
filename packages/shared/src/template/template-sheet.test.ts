import { TEMPLATE_2023 } from './template-2023';
import { TEMPLATE_NODE_COLUMNS, TEMPLATE_SHEET_NAMES, sheetsToTemplate, templateToSheets, type SheetCell, type SheetRowIn, type TemplateSheetIssue, type TemplateSheetKey } from './template-sheet';

/** What a spreadsheet reader hands back: rows numbered from 1, as Excel shows them. */
const asRead = (sheets: Record<TemplateSheetKey, SheetCell[][]>): Record<TemplateSheetKey, SheetRowIn[]> =>
  Object.fromEntries(Object.entries(sheets).map(([k, rows]) => [k, rows.map((cells, i) => ({ row: i + 1, cells }))])) as Record<TemplateSheetKey, SheetRowIn[]>;

const col = (header: string) => TEMPLATE_NODE_COLUMNS.findIndex((c) => c.header === header);
/** The rows sheet's spreadsheet row of a code (title row 1, headers row 2). */
const rowOf = (sheets: Record<TemplateSheetKey, SheetCell[][]>, code: string) => sheets.nodes.findIndex((r) => r[0] === code) + 1;

function issuesOf(sheets: Record<TemplateSheetKey, SheetCell[][]>, version = '2026.1'): TemplateSheetIssue[] {
  const r = sheetsToTemplate(asRead(sheets), { version });
  if (r.ok) throw new Error('expected the workbook to be refused');
  return r.issues;
}

describe('template workbook layout', () => {
  it("writes the appendix's eight columns first, in its order, and the rules on the second sheet", () => {
    const s = templateToSheets(TEMPLATE_2023);
    expect(s.nodes[0]).toEqual([TEMPLATE_2023.title]);
    expect(s.nodes[1].slice(0, 8)).toEqual(['Mã/STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kiểu dữ liệu', 'Cấp báo cáo', 'Cách tổng hợp', 'Bắt buộc', 'Ghi chú']);
    const row = s.nodes[rowOf(s, '4.1.1') - 1];
    expect(row.slice(0, 7)).toEqual(['4.1.1', 'Số cơ quan chuyên môn cấp huyện', expect.any(String), 'Số đếm', 'Huyện, Tỉnh', 'Tổng', null]);
    expect(s.rules[0][0]).toBe('Mã quy tắc');
    expect(s.rules).toHaveLength(TEMPLATE_2023.rules.length + 1);
  });

  it('reads back what it wrote: the same document, under the new version id', () => {
    const r = sheetsToTemplate(asRead(templateToSheets(TEMPLATE_2023)), { version: '2026.1' });
    expect(r.issues).toEqual([]);
    if (!r.ok) return;
    expect(r.template).toEqual({ ...TEMPLATE_2023, version: '2026.1' });
    // Without a version given, the workbook's own is read.
    const own = sheetsToTemplate(asRead(templateToSheets(TEMPLATE_2023)));
    expect(own.ok && own.template.version).toBe('2023.1');
  });

  it('accepts codes and English words where an editor types them instead of the labels', () => {
    const s = templateToSheets(TEMPLATE_2023);
    const r = rowOf(s, '1.1.1') - 1;
    s.nodes[r][col('Kiểu dữ liệu')] = 'count';
    s.nodes[r][col('Cấp báo cáo')] = 'xã; huyện; province';
    const v = sheetsToTemplate(asRead(s), { version: '2026.1' });
    expect(v.ok && v.template.nodes.find((n) => n.code === '1.1.1')).toMatchObject({ valueType: 'count', levels: ['commune', 'district', 'province'] });
  });

  it('names each faulty row by sheet and spreadsheet row, in Vietnamese', () => {
    const s = templateToSheets(TEMPLATE_2023);
    const at = (code: string) => rowOf(s, code) - 1;
    const dupRow = at('1.1.2');
    s.nodes[dupRow][0] = '1.1.1'; // duplicate code (1.1.2 gone: its rule now names an unknown code)
    s.nodes[at('1.2.1')][col('Mã chỉ tiêu cha')] = '9.9'; // missing parent
    s.nodes[at('2')][col('Mã chỉ tiêu cha')] = '2.1'; // cycle 2 → 2.1 → 2
    s.nodes[at('1.3.2')][col('Kiểu dữ liệu')] = 'Chọn phương án'; // a choice without options
    s.nodes[at('3.5.3')][col('Giá trị lớn nhất')] = 120; // impossible percent bound
    s.nodes[at('1.3.1')][col('Cấp báo cáo')] = 'Xã, Thôn'; // unknown level
    const issues = issuesOf(s);
    const line = (code: string | null, needle: RegExp) => issues.find((i) => i.code === code && needle.test(i.vi));
    expect(line('1.1.1', /mã trùng/)).toMatchObject({ sheet: 'Chỉ tiêu', row: dupRow + 1 });
    expect(line('1.2.1', /chỉ tiêu cha "9\.9" không có/)).toMatchObject({ row: at('1.2.1') + 1 });
    expect(line('2', /vòng lặp chỉ tiêu cha: 2 → 2\.1 → 2/)?.vi).toMatch(/^Trang "Chỉ tiêu", dòng \d+ \(mã 2\): /);
    expect(line('1.3.2', /cần danh sách phương án/)).toBeDefined();
    expect(line('3.5.3', /tỷ lệ % phải nằm trong 0–100/)).toBeDefined();
    expect(line('1.3.1', /cấp báo cáo "Thôn" không tồn tại/)).toBeDefined();
    const rule = issues.find((i) => i.sheet === TEMPLATE_SHEET_NAMES.rules && /chỉ tiêu "1\.1\.2" không có trong biểu mẫu/.test(i.vi));
    expect(rule?.row).toBe(2);
    expect(rule?.vi).toMatch(/^Trang "Quy tắc kiểm tra", dòng 2 \(mã 1\.1\.2-le-1\.1\.1\): /);
  });

  it('refuses cells the layout cannot read, naming the column', () => {
    const s = templateToSheets(TEMPLATE_2023);
    const r = rowOf(s, '7.2') - 1;
    s.nodes[r][col('Phương án')] = 'Có hay không';
    s.nodes[rowOf(s, '1.1.1') - 1][col('Giá trị nhỏ nhất')] = 'nhiều';
    const issues = issuesOf(s);
    expect(issues.map((i) => i.vi)).toEqual([
      `Trang "Chỉ tiêu", dòng ${rowOf(s, '1.1.1')} (mã 1.1.1): cột "Giá trị nhỏ nhất" phải là số ("nhiều").`,
      `Trang "Chỉ tiêu", dòng ${r + 1} (mã 7.2): phương án "Có hay không" phải có dạng "giá trị = nhãn" (ví dụ "1 = Có").`,
    ]);
    // A workbook without the header row says so.
    expect(issuesOf({ ...s, nodes: [['Bảng gì đó']] })[0].vi).toMatch(/không tìm thấy dòng tiêu đề cột có "Mã\/STT"/);
  });
});
