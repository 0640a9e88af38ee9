import * as fs from 'fs';
import * as path from 'path';
import { parseAppendixText } from './parse-appendix';
import { TEMPLATE_2023 } from '../template/template-2023';

const SEED = fs.readFileSync(
  path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'),
  'utf8',
);

describe('parseAppendixText on the seed report', () => {
  const result = parseAppendixText(SEED, TEMPLATE_2023);
  const { values, notes, problems } = result;

  it('places every row of the appendix without a problem', () => {
    expect(problems).toEqual([]);
    const placed = result.rows.map((r) => r.code);
    expect(placed).toEqual(TEMPLATE_2023.nodes.map((n) => n.code));
  });

  it('reads the printed figures at the right codes', () => {
    expect(values).toMatchObject({
      '1.1.1': 29,
      '1.1.2': 29,
      '1.1.3': 35,
      '1.2.1': 2,
      '1.2.2': 2,
      '1.2.3': 3,
      '1.2.4': 3,
      '1.3': 103,
      '1.3.1': 103,
      '1.4.1': 1714,
      '1.4.2': 0,
      '1.5': 1,
      '1.6': 0,
      '1.7': 1,
      '3.1.3': 12,
      '3.2': 130,
      '3.2.3': 222,
      '3.2.3.2': 92,
      '3.2.3.3': 130,
      '3.4': 222,
      '3.4.1': 3,
      '3.4.3': 130,
      '3.4.4': 130,
      '3.6.5': 1714,
      '4.2': 9,
      '4.2.1': 20,
      '4.2.4': 0,
      '7.2': 2,
      '7.6': 961,
      '7.6.1': 3040,
      '7.6.1.2': 100,
      '7.6.2.1': 100,
      '7.6.2.2': 0,
      '7.8.3': 56.1,
      '7.8.4': 43.8,
    });
  });

  it('keeps blanks as blanks, never zero', () => {
    for (const code of ['3.5.1', '1.3.3', '3.2.3.1', '4.1.4.2', '7.6.2', '5.4.2']) {
      expect(values[code] ?? null).toBeNull();
    }
    expect(values['3.5.1']).not.toBe(0);
    // Headings without a value type carry nothing at all.
    expect('1.1' in values).toBe(false);
  });

  it('captures the unit’s own notes but not the guidance the form prints', () => {
    expect(notes['1.1.1']).toBe('Kế hoạch cải cách hành chính năm 2023 UBND xã đã đề ra 29 nhiệm vụ.');
    expect(notes['1.2.2']).toBe('01 Kế hoạch giám sát của Ban KTXH HĐND xã');
    expect(notes['3.1.3']).toMatch(/hàng tháng theo quy định$/);
    expect(notes['1.1']).toBeUndefined();
    expect(notes['3.3']).toBeUndefined();
    expect(notes['2.6']).toBeUndefined();
  });

  it('joins titles wrapped across page breaks to the template titles exactly', () => {
    const byCode = new Map(TEMPLATE_2023.nodes.map((n) => [n.code, n.title]));
    for (const row of result.rows) expect(`${row.code} ${row.title}`).toBe(`${row.code} ${byCode.get(row.code)}`);
  });
});

describe('parseAppendixText on pasted fragments', () => {
  it('accepts a subset of rows with codes with or without the trailing dot', () => {
    const text = [
      '3.4.3\tTỷ lệ TTHC đã được phê duyệt quy trình nội bộ\t%\t95,5\t',
      '1.6.1.\tSố PAKN đã giải quyết\tSố PAKN\t4\tghi chú',
      '7.8.3\tTỷ lệ hồ sơ xử lý trực tuyến mức độ 3\t%\t56.1\t',
    ].join('\n');
    const r = parseAppendixText(text, TEMPLATE_2023);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ '3.4.3': 95.5, '1.6.1': 4, '7.8.3': 56.1 });
    expect(r.notes).toEqual({ '1.6.1': 'ghi chú' });
  });

  it('places misnumbered 1.2 children by title, and Trong đó rows by position and title', () => {
    const text = [
      '1.2.\tKiểm tra CCHC\t\t\t',
      '1.1.3.\tSố vấn đề phát hiện qua kiểm tra\tVấn đề\t5\t',
      '3.2.3.\tTổng số TTHC đang có hiệu lực\tThủ tục\t200\t',
      'Trong đó\tSố TTHC cấp huyện:\tThủ tục\t80\t',
      '\tSố TTHC cấp xã:\tThủ tục\t120\t',
    ].join('\n');
    const r = parseAppendixText(text, TEMPLATE_2023);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ '1.2.3': 5, '3.2.3': 200, '3.2.3.2': 80, '3.2.3.3': 120 });
  });

  it('maps an option label to its coded value', () => {
    const r = parseAppendixText('1.4.2\tHình thức khảo sát\t\tKết hợp\t', TEMPLATE_2023);
    expect(r.values['1.4.2']).toBe(2);
  });

  it('reports what it cannot place, in Vietnamese', () => {
    const text = [
      '9.9.9\tChỉ tiêu không có trong biểu mẫu\tCái\t3\t',
      'Trong đó\tSố gì đó\tCái\t1\t',
      '1.1.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\tnhiều\t',
      '1.1\tKế hoạch CCHC\t\t7\t',
    ].join('\n');
    const r = parseAppendixText(text, TEMPLATE_2023);
    expect(r.problems.map((p) => p.line)).toEqual([1, 2, 3, 4]);
    expect(r.problems[0].reason.vi).toContain('không có trong biểu mẫu 2023.1');
    expect(r.problems[1].reason.vi).toContain('Trong đó');
    expect(r.problems[2].reason.vi).toContain('"nhiều" không phải là một số');
    expect(r.problems[3].reason.vi).toContain('dòng tiêu đề');
    expect(r.values).toEqual({});
  });

  it('rejects a second row for an indicator already read', () => {
    const text = '1.1.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t29\t\n1.1.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t30\t';
    const r = parseAppendixText(text, TEMPLATE_2023);
    expect(r.values['1.1.1']).toBe(29);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].reason.vi).toContain('đã có ở dòng trước');
  });

  it('joins a wrapped title in a fragment, reads CRLF, and places a far misnumbered row by its exact title', () => {
    const text = [
      '3.5.5.\tTỷ lệ hồ sơ TTHC về lĩnh\t%\t80\t',
      '\tvực xây dựng được giải quyết đúng hạn (ở cả 3 cấp).\t\t\t',
      '9.1\tTổng số TTHC cung cấp trực tuyến mức độ 4\tTTHC\t53\t',
    ].join('\r\n');
    const r = parseAppendixText(text, TEMPLATE_2023);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ '3.5.5': 80, '7.8.2': 53 });
    expect(r.rows[0].title).toBe('Tỷ lệ hồ sơ TTHC về lĩnh vực xây dựng được giải quyết đúng hạn (ở cả 3 cấp).');
  });

  it('skips the narrative table when the whole report is pasted', () => {
    const text = [
      'TT\tLoại trang thiết bị, phần mềm CNTT\tSố lượng\tGhi chú',
      '1\tDiện tích sử dụng\t65 m2\t',
      'Phụ lục',
      'STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú',
      '\t\tĐơn vị tính\tSố liệu\t',
      '1.1.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t29\t',
    ].join('\n');
    const r = parseAppendixText(text, TEMPLATE_2023);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ '1.1.1': 29 });
  });

  it('trusts the printed code over a repeated title', () => {
    const r = parseAppendixText('1.7.1\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t7\t', TEMPLATE_2023);
    expect(r.values).toEqual({ '1.7.1': 7 });
  });
});
