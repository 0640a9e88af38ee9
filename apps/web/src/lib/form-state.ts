import {
  evaluateReport,
  formatVietnameseNumber,
  indexTemplate,
  validateValue,
  VALIDATION_RULES,
  type Finding,
  type ReportEvaluation,
  type IndicatorNode,
  type ReportValues,
  type Template,
  type UnitLevel,
} from '@cchc/shared';
import type { Narrative, SaveReportBody } from '../api/schema-types';

/** What the officer has typed: raw strings (so "56," survives while typing), notes and narrative. */
export interface DraftState {
  raw: Record<string, string>;
  notes: Record<string, string>;
  narrative: Narrative;
}

export function toRaw(values: ReportValues): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [code, v] of Object.entries(values)) if (v !== null && v !== undefined) raw[code] = formatVietnameseNumber(v, 6);
  return raw;
}

export interface Evaluated {
  /** Every cell holding a number, in range or not: these are saved. */
  values: Record<string, number | null>;
  findings: Finding[];
  byCode: Map<string, Finding[]>;
  /** The one shared evaluation: counts, completeness, progress. */
  evaluation: ReportEvaluation;
  /** Cells whose text is no storable number (not a number, beyond the hard limit): the server
   * would refuse them, so they stay on screen, unsaved, until fixed. */
  unreadable: Set<string>;
}

/** Rules of validateValue that mean "nothing storable": such a cell is never sent. */
const UNSAVABLE = new Set<string>([VALIDATION_RULES.type, VALIDATION_RULES.bound, VALIDATION_RULES.headingNoValue]);

/**
 * Parses every input with the shared rules and runs the shared evaluation, so the officer
 * sees in the browser exactly the counts the server, the home card and the reviewer see.
 */
export function evaluate(template: Template, raw: Record<string, string>, level: UnitLevel, opts: { previous?: ReportValues } = {}): Evaluated {
  const idx = indexTemplate(template);
  const values: Record<string, number | null> = {};
  const invalidCells: Record<string, string> = {};
  for (const [code, text] of Object.entries(raw)) {
    const node = idx.get(code);
    if (!node) continue;
    const r = validateValue(node, text);
    if (r.findings.some((f) => UNSAVABLE.has(f.rule))) invalidCells[code] = text;
    else values[code] = r.value;
  }
  const evaluation = evaluateReport(template, values, { level, invalidCells, ...(opts.previous ? { previous: opts.previous } : {}) });
  return { values, findings: evaluation.findings, byCode: evaluation.byCode, evaluation, unreadable: new Set(Object.keys(invalidCells)) };
}

/**
 * The PUT body: every number, out of range included (the draft keeps it and shows it as an
 * error), blanks as null so a cleared cell clears on the server too, the notes and narrative.
 */
export function saveBody(evaluated: Evaluated, draft: DraftState, server: { values: ReportValues; notes: Record<string, string> }, version: number | undefined): SaveReportBody {
  const values: Record<string, number | null> = {};
  for (const code of Object.keys(server.values)) values[code] = null;
  for (const [code, v] of Object.entries(evaluated.values)) values[code] = v;
  // Text that is no number is never sent (the server refuses it); the stored figure stays until it is fixed.
  for (const code of evaluated.unreadable) delete values[code];
  const notes: Record<string, string | null> = {};
  for (const code of Object.keys(server.notes)) notes[code] = null;
  for (const [code, n] of Object.entries(draft.notes)) notes[code] = n.trim() === '' ? null : n;
  return { values, notes, narrative: draft.narrative, version };
}

/** Nodes a level works with: its own indicators, headings above them, and anything already filled. */
export function visibleNodes(template: Template, level: UnitLevel, filled: Set<string>): IndicatorNode[] {
  const show = new Set<string>();
  const idx = indexTemplate(template);
  for (const n of template.nodes) {
    if (n.valueType && ((n.levels ?? []).includes(level) || filled.has(n.code))) {
      let c: string | undefined = n.code;
      while (c && !show.has(c)) {
        show.add(c);
        c = idx.get(c)?.parent;
      }
    }
  }
  return template.nodes.filter((n) => show.has(n.code));
}

export function groupOf(code: string): string {
  return code.split('.')[0];
}
