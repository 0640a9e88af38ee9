import * as fs from 'fs';
import * as path from 'path';
import { parseAppendixText } from '../parser/parse-appendix';
import { TEMPLATE_2023 } from '../template/template-2023';
import { valueNodes } from '../template/registry';
import { evaluateReport } from './evaluate-report';
import { validateReport } from './validate';

const t = TEMPLATE_2023;
const SEED = parseAppendixText(
  fs.readFileSync(path.resolve(__dirname, '../../../../data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8'),
  t,
).values;
const communeNodes = valueNodes(t, 'commune');
const requiredCodes = communeNodes.filter((n) => n.required).map((n) => n.code);

describe('evaluateReport', () => {
  it('reports blank required values of an empty report as errors while typing, not only at submission', () => {
    const e = evaluateReport(t, {}, { level: 'commune' });
    expect(requiredCodes.length).toBeGreaterThan(0);
    expect(e.missingRequired).toEqual(requiredCodes);
    expect(e.findings.filter((f) => f.rule === 'required').map((f) => f.code)).toEqual(requiredCodes);
    expect(e.errorCount).toBe(requiredCodes.length);
    expect(e.filled).toBe(0);
    expect(e.total).toBe(communeNodes.length);
    expect(e.requiredTotal).toBe(requiredCodes.length);
  });

  it('keeps the seed 130 % rows as errors and counts exactly what validateReport finds at submission', () => {
    const e = evaluateReport(t, SEED, { level: 'commune' });
    const expected = validateReport(t, SEED, { level: 'commune', forSubmission: true });
    expect(e.findings).toEqual(expected);
    expect(e.errorCount).toBe(expected.filter((f) => f.severity === 'error').length);
    expect(e.warningCount).toBe(expected.filter((f) => f.severity === 'warning').length);
    expect(e.byCode.get('3.4.3')?.map((f) => `${f.severity}:${f.rule}`)).toContain('error:range');
    expect(e.byCode.get('3.4.4')?.map((f) => `${f.severity}:${f.rule}`)).toContain('error:range');
    expect(e.filled).toBe(communeNodes.filter((n) => SEED[n.code] !== null && SEED[n.code] !== undefined).length);
  });

  it('counts a cell of unreadable text as one error (no extra "blank" finding) and as not filled', () => {
    const code = requiredCodes[0];
    const base = evaluateReport(t, { ...SEED, [code]: null }, { level: 'commune' });
    const withText = evaluateReport(t, { ...SEED, [code]: 5 }, { level: 'commune', invalidCells: { [code]: 'năm' } });
    const own = withText.findings.filter((f) => f.code === code);
    expect(own.map((f) => f.rule)).toEqual(['type']);
    expect(own[0].message.vi).toContain('"năm" không phải là một số');
    // The blank's "required" error is replaced by the type error: the count stays the same.
    expect(withText.errorCount).toBe(base.errorCount);
    expect(withText.missingRequired).toContain(code);
    expect(withText.filled).toBe(base.filled);
  });

  it('warns about sharp changes against the previous period', () => {
    const prev = { ...SEED, '1.4.1': 10 };
    const cur = { ...SEED, '1.4.1': 1000 };
    const e = evaluateReport(t, cur, { level: 'commune', previous: prev });
    expect(e.findings.some((f) => f.rule === 'jump' && f.code === '1.4.1' && f.severity === 'warning')).toBe(true);
    expect(e.warningCount).toBe(e.findings.filter((f) => f.severity === 'warning').length);
  });
});
