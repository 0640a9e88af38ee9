import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitNarrativeSections } from '../document/narrative';
import { parseAppendixText } from '../parser/parse-appendix';
import { TEMPLATE_2023 } from '../template/template-2023';
import { checkNarrativeConsistency, narrativeSources } from './narrative-check';

const SEED = path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt');

describe('narrative ↔ appendix: the seed report (Quảng Thọ 2023)', () => {
  const text = fs.readFileSync(SEED, 'utf8');
  const parsed = parseAppendixText(text.slice(text.indexOf('Phụ lục')), TEMPLATE_2023);
  const { sections } = splitNarrativeSections(text);
  const result = checkNarrativeConsistency(TEMPLATE_2023, parsed.values, narrativeSources(sections, parsed.notes));

  it('flags "hồ sơ trực tuyến đạt trên 63%" against 7.8.3 = 56,1, naming the sentence and the row', () => {
    const w = result.warnings.find((x) => x.code === '7.8.3');
    expect(w).toBeDefined();
    expect(w!.stated).toBe('trên 63%');
    expect(w!.actual).toBe(56.1);
    expect(w!.where).toBe('I');
    expect(w!.sentence).toContain('hồ sơ trực tuyến đạt trên 63%');
    expect(w!.message.vi).toContain('dòng 7.8.3');
    expect(w!.message.vi).toContain('56,1');
  });

  it('does not flag the consistent statements: 29/29 tasks, 103/103 directives, 29 tasks in the plan, "trên 99%" on time', () => {
    const ok = (code: string, stated: string) => result.matches.find((m) => m.code === code && m.stated.text.startsWith(stated));
    expect(ok('1.1.2', '29/29')).toMatchObject({ consistent: true, actual: 29, baseCode: '1.1.1', baseActual: 29 });
    expect(ok('1.3.2', '103/103')).toMatchObject({ consistent: true, actual: 103, baseCode: '1.3.1', baseActual: 103 });
    expect(ok('1.1.1', '29 nhiệm vụ')).toMatchObject({ consistent: true, actual: 29 });
    expect(result.matches.find((m) => m.stated.text === '99%')).toMatchObject({ consistent: true, actual: 100 });
    for (const w of result.warnings) expect(['1.1.2', '1.1.1', '1.3.2', '1.3.1'].includes(w.code)).toBe(false);
  });

  it('raises the one contradiction the report holds and nothing else (its precision on this text)', () => {
    expect(result.warnings.map((w) => `${w.code} ${w.stated}`)).toEqual(['7.8.3 trên 63%']);
  });
});

describe('narrative ↔ appendix: constructed texts', () => {
  const values = { '7.8.3': 56.1, '7.8.4': 43.8, '1.1.1': 12, '1.1.2': 10, '1.1.3': 35, '3.5.3': 97.5 };
  const check = (text: string, v: Record<string, number> = values) => checkNarrativeConsistency(TEMPLATE_2023, v, [{ where: 'II', text }]);

  it('accepts an exact percentage with a Vietnamese decimal comma, and its rounding', () => {
    expect(check('Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3 đạt tỷ lệ 56,1%.').warnings).toEqual([]);
    expect(check('Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3 đạt 56%.').warnings).toEqual([]);
    expect(check('Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3 đạt 60%.').warnings).toHaveLength(1);
  });

  it('reads "trên", "dưới" and "khoảng"', () => {
    expect(check('Hồ sơ xử lý trực tuyến mức độ 3 đạt trên 50%.').warnings).toEqual([]);
    expect(check('Hồ sơ xử lý trực tuyến mức độ 3 đạt dưới 50%.').warnings).toHaveLength(1);
    expect(check('Hồ sơ xử lý trực tuyến mức độ 3 đạt khoảng 58%.').warnings).toEqual([]);
  });

  it('checks a fraction against the row and its base', () => {
    expect(check('Đã hoàn thành 10/12 nhiệm vụ đề ra trong kế hoạch.').warnings).toEqual([]);
    const bad = check('Đã hoàn thành 12/12 nhiệm vụ đề ra trong kế hoạch.');
    expect(bad.warnings).toEqual([expect.objectContaining({ code: '1.1.2', stated: '12/12' })]);
    expect(bad.warnings[0].message.vi).toContain('10/12');
  });

  it('checks a count followed by its unit', () => {
    expect(check('UBND xã đã ban hành 35 văn bản chỉ đạo CCHC.').warnings).toEqual([]);
    expect(check('UBND xã đã ban hành 40 văn bản chỉ đạo CCHC.').warnings).toEqual([expect.objectContaining({ code: '1.1.3' })]);
  });

  it('leaves alone numbers it cannot place: dates, document numbers, other subjects', () => {
    expect(check('Kế hoạch số 05/KH-UBND ngày 09/01/2023 của UBND xã.').matches).toEqual([]);
    expect(check('Đại học 20 người, chiếm tỷ lệ 100%.').warnings).toEqual([]);
    expect(check('Đã cài đặt 6548/6971 nhân khẩu, đạt 93,93%.').warnings).toEqual([]);
  });

  it('does not compare with a blank row, nor pin the sentence on another row', () => {
    expect(check('Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3 đạt trên 63%.', { '7.8.4': 43.8 }).warnings).toEqual([]);
  });
});
