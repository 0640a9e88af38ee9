import * as fs from 'fs';
import * as path from 'path';
import { parseAppendixText } from '../parser/parse-appendix';
import { TEMPLATE_2023 } from '../template/template-2023';
import { indexTemplate } from '../template/registry';
import type { Finding } from '../template/types';
import { hasErrors, validateReport, validateValue } from './validate';

const t = TEMPLATE_2023;
const node = (code: string) => indexTemplate(t).get(code)!;
const SEED = parseAppendixText(
  fs.readFileSync(path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8'),
  t,
).values;
const rulesOf = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.rule}:${f.code}`);

describe('validateValue', () => {
  it('names the row in Vietnamese when a percentage exceeds 100', () => {
    const r = validateValue(node('3.4.3'), 130);
    expect(r.value).toBe(130);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: '3.4.3', severity: 'error', rule: 'range', values: { '3.4.3': 130 } });
    expect(r.findings[0].message.vi).toBe(
      'Chỉ tiêu 3.4.3 (Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ): giá trị 130 vượt quá 100%.',
    );
    expect(r.findings[0].message.en).toContain('exceeds 100%');
  });

  it('accepts Vietnamese notation and blanks', () => {
    expect(validateValue(node('7.8.3'), '56,1')).toEqual({ value: 56.1, findings: [] });
    expect(validateValue(node('1.4.1'), '1.714')).toEqual({ value: 1714, findings: [] });
    expect(validateValue(node('1.4.1'), '')).toEqual({ value: null, findings: [] });
    expect(validateValue(node('1.4.1'), null)).toEqual({ value: null, findings: [] });
  });

  it.each([
    ['1.1.1', -1, 'range'],
    ['1.1.1', 2.5, 'integer'],
    ['1.1.1', 'mười', 'type'],
    ['7.8.3', -0.1, 'range'],
    ['1.5', 2, 'option'],
    ['1.4.2', 3, 'option'],
    ['1.1', 5, 'heading_no_value'],
  ])('%s = %p → %s', (code, raw, rule) => {
    const r = validateValue(node(code), raw);
    expect(r.findings.map((f) => f.rule)).toEqual([rule]);
    expect(r.findings[0].severity).toBe('error');
    expect(r.findings[0].message.vi).toMatch(new RegExp(`^Chỉ tiêu ${code.replace(/\./g, '\\.')} \\(`));
  });

  it('accepts every option of a choice and both yes/no values', () => {
    for (const v of [0, 1, 2]) expect(validateValue(node('7.3'), v).findings).toEqual([]);
    for (const v of [0, 1]) expect(validateValue(node('1.5'), v).findings).toEqual([]);
    expect(validateValue(node('1.5'), 2).findings[0].message.vi).toContain('0 = Không; 1 = Có');
  });
});

describe('validateReport on the seed report', () => {
  const findings = validateReport(t, SEED, { level: 'commune' });

  it('finds exactly the two real errors: 130 in the percent rows 3.4.3 and 3.4.4', () => {
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.rule}`)).toEqual([
      '3.4.3:range',
      '3.4.4:range',
    ]);
    expect(hasErrors(findings)).toBe(true);
  });

  it('warns about the genuine inconsistencies, and only those', () => {
    expect(rulesOf(findings.filter((f) => f.severity === 'warning'))).toEqual([
      // heading 4.2 says 09 while staffing assigned is 20
      'warning:4.2-eq-4.2.1:4.2',
      // heading 7.6 (961 documents) is smaller than its own child 7.6.1 (3040)
      'warning:7.6.1-le-7.6:7.6.1',
      // shares of outgoing documents given while the total of outgoing documents is blank
      'warning:7.6.2.1-requires-7.6.2:7.6.2.1',
      'warning:7.6.2.2-requires-7.6.2:7.6.2.2',
      // 7.8 counts 81 + 53 = 134 level 3–4 procedures, 3.6.2 counts 222
      'warning:7.8.1+7.8.2-eq-3.6.2:7.8.1',
    ]);
    const w = findings.find((f) => f.rule === '7.6.1-le-7.6')!;
    expect(w.values).toEqual({ '7.6.1': 3040, '7.6': 961 });
    expect(w.message.vi).toContain('= 3.040 lớn hơn 7.6 (Số liệu về trao đổi văn bản điện tử) = 961');
  });

  it('does not flag what the form explains', () => {
    const flagged = new Set(findings.flatMap((f) => f.codes ?? [f.code]));
    // 3.2 = 130 counts the commune's own level ("chỉ thống kê theo cấp quản lý") = 3.2.3.3
    expect(flagged.has('3.2')).toBe(false);
    // 3.1.3 = 12 is the number of monthly publications, not procedures
    expect(flagged.has('3.1.3')).toBe(false);
    // 1.6 = 0 = 0 + 0; 1.3 = 103 = 1.3.1; 92 + 130 ≤ 222
    for (const c of ['1.6', '1.3', '3.2.3', '3.2.3.2', '1.3.3', '7.8.3']) expect(flagged.has(c)).toBe(false);
  });

  it('lets the seed be submitted once the two percent rows are corrected, blanks notwithstanding', () => {
    const fixed = { ...SEED, '3.4.3': 100, '3.4.4': 100 };
    const f = validateReport(t, fixed, { level: 'commune', forSubmission: true });
    expect(hasErrors(f)).toBe(false);
    const missing = f.filter((x) => x.rule === 'missing').map((x) => x.code);
    expect(missing).toEqual(expect.arrayContaining(['1.3.3', '3.2.1', '3.5.5', '7.6.2']));
    // district matters are not asked of a commune
    expect(missing).not.toContain('4.1.1');
    expect(missing).not.toContain('3.5.1');
  });
});

describe('validateReport rules', () => {
  const base = { '1.1.1': 29, '1.1.2': 29, '1.3.1': 10, '1.3.2': 8, '3.2.3': 100, '4.2.1': 20, '4.2.2': 20 };

  it('completed ≤ planned', () => {
    const f = validateReport(t, { ...base, '1.1.2': 30 }, { level: 'commune' });
    expect(rulesOf(f)).toEqual(['error:1.1.2-le-1.1.1:1.1.2']);
    expect(f[0].values).toEqual({ '1.1.2': 30, '1.1.1': 29 });
    expect(f[0].codes).toEqual(['1.1.2', '1.1.1']);
    expect(f[0].message.vi).toBe(
      'Chỉ tiêu 1.1.2 (Số nhiệm vụ đã hoàn thành) = 30 lớn hơn 1.1.1 (Số nhiệm vụ đề ra trong kế hoạch) = 29: số nhiệm vụ đã hoàn thành không thể vượt số nhiệm vụ đề ra.',
    );
  });

  it('skips a rule when an operand is blank', () => {
    expect(validateReport(t, { '1.1.2': 30 }, { level: 'commune' })).toEqual([]);
    expect(validateReport(t, { '1.1.2': 30, '1.1.1': null }, { level: 'commune' })).toEqual([]);
  });

  it('on time + late ≤ assigned, checking given parts when one is blank', () => {
    expect(rulesOf(validateReport(t, { ...base, '1.3.2': 8, '1.3.3': 3 }, { level: 'commune' }))).toEqual([
      'error:1.3.2+1.3.3-le-1.3.1:1.3.2',
    ]);
    expect(rulesOf(validateReport(t, { ...base, '1.3.2': 11 }, { level: 'commune' }))).toEqual([
      'error:1.3.2+1.3.3-le-1.3.1:1.3.2',
    ]);
    expect(validateReport(t, { ...base, '1.3.2': 7, '1.3.3': 3 }, { level: 'commune' })).toEqual([]);
  });

  it('resolved ≤ found, parts ≤ total, percent parts ≤ 100', () => {
    expect(rulesOf(validateReport(t, { '1.2.3': 2, '1.2.4': 3 }, { level: 'commune' }))).toEqual(['error:1.2.4-le-1.2.3:1.2.4']);
    expect(rulesOf(validateReport(t, { '3.2.3': 200, '3.2.3.2': 92, '3.2.3.3': 130 }, { level: 'commune' }))).toEqual([
      'error:3.2.3.1+3.2.3.2+3.2.3.3-le-3.2.3:3.2.3.1',
    ]);
    const p = validateReport(t, { '7.8.3': 60, '7.8.4': 45 }, { level: 'commune' });
    expect(rulesOf(p)).toEqual(['error:7.8.3+7.8.4-le-100:7.8.3']);
    expect(p[0].message.vi).toContain('= 105 lớn hơn 100');
    expect(validateReport(t, { '7.8.3': 56.1, '7.8.4': 43.9 }, { level: 'commune' })).toEqual([]);
  });

  it('flags unknown codes and values on rows the level does not report', () => {
    const f = validateReport(t, { '9.9': 1, '4.1.1': 3 }, { level: 'commune' });
    expect(rulesOf(f)).toEqual(['error:unknown_indicator:9.9', 'warning:not_for_level:4.1.1']);
    expect(f[0].message.vi).toBe('Mã chỉ tiêu "9.9" không có trong biểu mẫu 2023.1.');
    expect(validateReport(t, { '4.1.1': 3 }, { level: 'district' })).toEqual([]);
  });

  it('blocks submission only for blank base indicators of the level', () => {
    const f = validateReport(t, {}, { level: 'commune', forSubmission: true });
    expect(f.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual([
      '1.1.1', '1.1.2', '1.3.1', '1.3.2', '3.2.3', '4.2.1', '4.2.2',
    ]);
    expect(f.find((x) => x.code === '1.3.3')?.severity).toBe('warning');
    expect(validateReport(t, base, { level: 'commune', forSubmission: false })).toEqual([]);
  });

  it('warns about sharp jumps from the previous period, not small ones', () => {
    const previous = { '3.5.3': 100, '1.1.1': 29, '1.4.1': 0, '7.8.3': 10, '1.4.2': 0 };
    const current = { '3.5.3': 40, '1.1.1': 35, '1.4.1': 50, '7.8.3': 25, '1.4.2': 2 };
    const f = validateReport(t, current, { level: 'commune', previous });
    expect(rulesOf(f)).toEqual(['warning:jump:3.5.3', 'warning:jump:1.4.1']);
    expect(f[0].previous).toEqual({ '3.5.3': 100 });
    expect(f[0].message.vi).toBe(
      'Chỉ tiêu 3.5.3 (Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn): giảm mạnh so với kỳ trước, từ 100 xuống 40 (−60%); đề nghị kiểm tra lại.',
    );
    expect(hasErrors(f)).toBe(false);
  });

  it('reports a broken sum once, as the error', () => {
    const f = validateReport(t, { '1.6': 5, '1.6.1': 3, '1.6.2': 3 }, { level: 'commune' });
    expect(rulesOf(f)).toEqual(['error:1.6.1+1.6.2-le-1.6:1.6.1']);
    const w = validateReport(t, { '1.6': 7, '1.6.1': 3, '1.6.2': 3 }, { level: 'commune' });
    expect(rulesOf(w)).toEqual(['warning:1.6-eq-1.6.1+1.6.2:1.6']);
  });
});
