import { indexTemplate, valueNodes } from '../template/registry';
import type { Finding, ReportValues, Template, UnitLevel } from '../template/types';
import { VALIDATION_RULES, validateReport, validateValue } from './validate';

export interface EvaluateReportOptions {
  level: UnitLevel;
  /** The previous period's approved values: sharp changes are warned about. */
  previous?: ReportValues;
  /**
   * Cells whose text is not a number at all (code → text as typed): the server would refuse
   * them, so they are only on the officer's screen, but they count as errors like any other.
   */
  invalidCells?: Record<string, string>;
}

export interface ReportEvaluation {
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  /** Required indicators of the level still blank (a cell with unreadable text counts as blank). */
  missingRequired: string[];
  /** Indicators of the level holding a number (in range or not). */
  filled: number;
  /** Indicators the level reports. */
  total: number;
  requiredTotal: number;
  /** Findings per involved code, for showing them on their rows. */
  byCode: Map<string, Finding[]>;
}

/**
 * The one evaluation of a report: the figures' findings, consistency, completeness (always,
 * so a blank required value shows while typing, not only at submission) and jumps. The form,
 * its check tab and submit dialog, the home card, the API's report view and the review board
 * all count from this, so their numbers agree.
 */
export function evaluateReport(template: Template, values: ReportValues, opts: EvaluateReportOptions): ReportEvaluation {
  const idx = indexTemplate(template);
  const invalid = opts.invalidCells ?? {};
  const clean: ReportValues = {};
  for (const [code, v] of Object.entries(values)) if (!(code in invalid)) clean[code] = v;

  const typeFindings: Finding[] = [];
  for (const [code, text] of Object.entries(invalid)) {
    const node = idx.get(code);
    if (!node) continue;
    typeFindings.push(...validateValue(node, text).findings.filter((f) => f.severity === 'error'));
  }
  const typed = new Set(typeFindings.map((f) => f.code));
  const reportFindings = validateReport(template, clean, {
    level: opts.level,
    forSubmission: true,
    ...(opts.previous ? { previous: opts.previous } : {}),
  })
    // A cell with unreadable text already has its error; "blank" would count it twice.
    .filter((f) => !(typed.has(f.code) && (f.rule === VALIDATION_RULES.required || f.rule === VALIDATION_RULES.missing)));
  const findings = [...typeFindings, ...reportFindings];

  const nodes = valueNodes(template, opts.level);
  const has = (code: string) => clean[code] !== null && clean[code] !== undefined && !(code in invalid);
  const required = nodes.filter((n) => n.required);
  const errorCount = findings.filter((f) => f.severity === 'error').length;
  const byCode = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const c of f.codes ?? [f.code]) {
      const list = byCode.get(c);
      if (list) list.push(f);
      else byCode.set(c, [f]);
    }
  }
  return {
    findings,
    errorCount,
    warningCount: findings.length - errorCount,
    missingRequired: required.filter((n) => !has(n.code)).map((n) => n.code),
    filled: nodes.filter((n) => has(n.code)).length,
    total: nodes.length,
    requiredTotal: required.length,
    byCode,
  };
}
