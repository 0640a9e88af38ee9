import {
  formatVietnameseNumber,
  indexTemplate,
  validateReport,
  validateValue,
  type Finding,
  type IndicatorNode,
  type ReportValues,
  type Template,
  type UnitLevel,
} from '@cchc/shared';
import type { Narrative, SaveReportBody } from '../../api/schema-types';

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
  values: Record<string, number | null>;
  findings: Finding[];
  byCode: Map<string, Finding[]>;
  /** Codes whose text is not an acceptable value (not a number, out of range, not an option):
   * the server refuses them, so they stay on screen, unsaved, until fixed. */
  unreadable: Set<string>;
}

/**
 * Parses every input with the shared rules and runs the shared report validation, so the
 * officer sees in the browser exactly what the server will say.
 */
export function evaluate(template: Template, raw: Record<string, string>, level: UnitLevel, opts: { previous?: ReportValues; forSubmission?: boolean } = {}): Evaluated {
  const idx = indexTemplate(template);
  const values: Record<string, number | null> = {};
  const parseFindings: Finding[] = [];
  const unreadable = new Set<string>();
  for (const [code, text] of Object.entries(raw)) {
    const node = idx.get(code);
    if (!node) continue;
    const r = validateValue(node, text);
    values[code] = r.value;
    if (r.findings.some((f) => f.severity === 'error')) unreadable.add(code);
    // validateReport repeats the range checks on parsed numbers; only text that is no number at all needs adding.
    parseFindings.push(...r.findings.filter((f) => f.rule === 'type'));
  }
  const findings = [...parseFindings, ...validateReport(template, values, { level, previous: opts.previous, forSubmission: opts.forSubmission })];
  const byCode = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const c of f.codes ?? [f.code]) {
      const list = byCode.get(c) ?? [];
      list.push(f);
      byCode.set(c, list);
    }
  }
  return { values, findings, byCode, unreadable };
}

/**
 * The PUT body: every acceptable value (blanks as null so a cleared cell clears on the server
 * too), the notes and narrative. Invalid entries stay on screen until they are fixed.
 */
export function saveBody(evaluated: Evaluated, draft: DraftState, server: { values: ReportValues; notes: Record<string, string> }, version: number | undefined): SaveReportBody {
  const values: Record<string, number | null> = {};
  for (const code of Object.keys(server.values)) values[code] = null;
  for (const [code, v] of Object.entries(evaluated.values)) {
    if (evaluated.unreadable.has(code)) {
      if (code in server.values) delete values[code];
      continue;
    }
    values[code] = v;
  }
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
