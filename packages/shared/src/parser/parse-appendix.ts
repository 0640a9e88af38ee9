import { parseNumberInput } from '../format/number';
import { cleanText, shortTitle, titleSimilarity, titleTokens } from '../format/text';
import { childrenOf, indexTemplate } from '../template/registry';
import type { IndicatorNode, ReportValues, Template } from '../template/types';

export interface ParseProblem {
  line: number;
  text: string;
  reason: { vi: string; en: string };
}

export interface ParsedRow {
  /** 1-based line of the row's first line in the input. */
  line: number;
  code: string;
  /** Printed title with wrapped continuation lines joined. */
  title: string;
  raw: string;
}

export interface AppendixParseResult {
  values: ReportValues;
  notes: Record<string, string>;
  problems: ParseProblem[];
  /** Every row placed on an indicator, in input order (for previews and audits). */
  rows: ParsedRow[];
}

type Marker = 'code' | 'breakdown' | 'none';

interface LogicalRow {
  line: number;
  marker: Marker;
  printedCode: string;
  title: string;
  unit: string;
  value: string;
  note: string;
  raw: string;
}

const CODE_RE = /^(\d+(?:\.\d+)*)\.?$/;
function looksNumeric(s: string): boolean {
  return /\d/.test(s) && /^[\s\d.,%+-]+$/.test(s);
}
/** How many template rows ahead of the last placed one a printed row may land. */
const WINDOW = 8;

function norm(s: string): string {
  return cleanText(s).toLowerCase();
}

function isHeaderRow(cells: string[]): boolean {
  const first = norm(cells[0] ?? '');
  if (first === 'stt' || first === 'tt') return true;
  return cells.some((c) => norm(c) === 'đơn vị tính') && cells.some((c) => norm(c) === 'số liệu');
}

function isAppendixStart(line: string): boolean {
  return /^phụ lục\b/.test(norm(line.replace(/\*/g, '')));
}

/** Splits the input into table rows, joining wrapped titles and notes onto their row. */
function readRows(text: string, problems: ParseProblem[]): LogicalRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let start = 0;
  const appendixAt = lines.findIndex(isAppendixStart);
  const from = appendixAt >= 0 ? appendixAt : 0;
  const headerAt = lines.findIndex((l, i) => i >= from && l.includes('\t') && isHeaderRow(l.split('\t')));
  if (headerAt >= 0) start = headerAt;
  else if (appendixAt >= 0) start = appendixAt + 1;

  const rows: LogicalRow[] = [];
  for (let i = start; i < lines.length; i++) {
    const rawLine = lines[i];
    if (cleanText(rawLine) === '') continue;
    if (!rawLine.includes('\t')) {
      // Titles and captions between the "Phụ lục" line and the table are not rows.
      if (headerAt >= 0 || rows.length > 0) {
        problems.push({
          line: i + 1,
          text: cleanText(rawLine),
          reason: {
            vi: 'Dòng không có cột (không có ký tự tab), không phải một dòng của bảng phụ lục.',
            en: 'The line has no columns (no tab), so it is not a row of the appendix table.',
          },
        });
      }
      continue;
    }
    let cells = rawLine.split('\t').map(cleanText);
    if (isHeaderRow(cells)) continue;
    const first = cells[0];
    // A row shifted one column right after a page break: STT and title cells both empty,
    // the title in the unit column and a unit (not a number) after it.
    if (first === '' && cells[1] === '' && (cells[2] ?? '') !== '' && !looksNumeric(cells[2]) && (cells[3] ?? '') !== '' && !looksNumeric(cells[3])) {
      cells = ['', ...cells.slice(2)];
    }
    const [c0 = '', title = '', unit = '', value = '', ...rest] = cells;
    const note = rest.filter((x) => x !== '').join(' ');
    const codeMatch = CODE_RE.exec(c0);
    let marker: Marker;
    let printedCode = c0;
    if (codeMatch) {
      marker = 'code';
      printedCode = codeMatch[1];
    } else if (/^trong đó:?$/.test(norm(c0))) {
      marker = 'breakdown';
    } else if (c0 === '') {
      marker = 'none';
    } else {
      problems.push({
        line: i + 1,
        text: cleanText(rawLine),
        reason: {
          vi: `Cột STT "${c0}" không phải là mã chỉ tiêu (dạng 1.2.3) hay "Trong đó".`,
          en: `The STT cell "${c0}" is neither an indicator code (like 1.2.3) nor "Trong đó".`,
        },
      });
      continue;
    }
    const prev = rows[rows.length - 1];
    if (marker === 'none' && unit === '' && value === '' && prev) {
      // A title or note wrapped onto the next line (often after a page-break header).
      // After a breakdown row, a capitalised title is more likely the next breakdown row.
      const looksLikeNewRow = prev.marker !== 'code' && /^\p{Lu}/u.test(title) && !title.startsWith('UBND');
      if (!looksLikeNewRow || title === '') {
        if (title) prev.title = `${prev.title} ${title}`.trim();
        if (note) prev.note = `${prev.note} ${note}`.trim();
        prev.raw += `\n${rawLine}`;
        continue;
      }
    }
    rows.push({ line: i + 1, marker: marker === 'none' ? 'breakdown' : marker, printedCode, title, unit, value, note, raw: rawLine });
  }
  return rows;
}

function describeRow(r: LogicalRow): string {
  const label = r.marker === 'code' ? r.printedCode : r.printedCode || '(không số)';
  return `${label} ${shortTitle(r.title, 70)}`.trim();
}

/**
 * Reads the appendix as copied from the Word report (tab-separated cells) into values by
 * indicator code. Rows are placed by code and position: a printed code is trusted when its
 * title agrees; a row whose code disagrees with its title (the 1.2 children printed as
 * 1.1.x) is placed on the template row just ahead whose title matches; "Trong đó" rows and
 * the unnumbered rows after them fill the breakdown children of the row above in order,
 * unless a title clearly names another of them. A pasted subset of rows works the same way.
 */
export function parseAppendixText(text: string, template: Template): AppendixParseResult {
  const problems: ParseProblem[] = [];
  const values: ReportValues = {};
  const notes: Record<string, string> = {};
  const placed: ParsedRow[] = [];
  const index = indexTemplate(template);
  const order = new Map(template.nodes.map((n, i) => [n.code, i]));
  const used = new Set<string>();
  let cursor = -1;
  let breakdownParent: IndicatorNode | null = null;

  const place = (row: LogicalRow, node: IndicatorNode) => {
    used.add(node.code);
    placed.push({ line: row.line, code: node.code, title: row.title, raw: row.raw });
    if (row.note && (!node.guidance || norm(node.guidance) !== norm(row.note))) notes[node.code] = row.note;
    if (row.value === '') {
      if (node.valueType) values[node.code] = null;
      return;
    }
    if (!node.valueType) {
      problems.push({
        line: row.line,
        text: row.raw,
        reason: {
          vi: `Chỉ tiêu ${node.code} (${shortTitle(node.title)}) là dòng tiêu đề, không nhận số liệu; giá trị "${row.value}" bị bỏ qua.`,
          en: `Indicator ${node.code} is a heading that takes no value; "${row.value}" was ignored.`,
        },
      });
      return;
    }
    const parsed = parseNumberInput(row.value, node.valueType);
    if (parsed.ok) {
      values[node.code] = parsed.value;
      return;
    }
    const option = node.options?.find((o) => norm(o.label) === norm(row.value));
    if (option) {
      values[node.code] = option.value;
      return;
    }
    problems.push({
      line: row.line,
      text: row.raw,
      reason: {
        vi: `Chỉ tiêu ${node.code} (${shortTitle(node.title)}): "${row.value}" không phải là một số.`,
        en: `Indicator ${node.code}: "${row.value}" is not a number.`,
      },
    });
  };

  for (const row of readRows(text, problems)) {
    if (row.marker === 'code') {
      const hasTitle = titleTokens(row.title).length > 0;
      let best: IndicatorNode | null = null;
      let bestScore = -1;
      const consider = (node: IndicatorNode | undefined, pos: number) => {
        if (!node || used.has(node.code)) return;
        const sim = hasTitle ? titleSimilarity(row.title, node.title) : 0.5;
        const sameCode = node.code === row.printedCode;
        // A renumbered row must earn its place by its title; a printed code needs only agreement.
        if (!sameCode && sim < 0.85) return;
        if (sameCode && hasTitle && sim < 0.3) return;
        const sameDepth = node.depth === row.printedCode.split('.').length;
        const score = sim + (sameCode ? 0.5 : 0) + (sameDepth ? 0.1 : 0) + (pos === cursor + 1 ? 0.1 : 0);
        if (score > bestScore) {
          best = node;
          bestScore = score;
        }
      };
      for (let p = cursor + 1; p <= cursor + WINDOW && p < template.nodes.length; p++) consider(template.nodes[p], p);
      const exact = index.get(row.printedCode);
      if (exact) consider(exact, order.get(exact.code) ?? -1);
      if (!best && hasTitle) {
        // A pasted fragment far from the cursor with a wrong code: accept only a near-exact,
        // unambiguous title anywhere in the template.
        // Titles repeat in the form (1.1.1/1.7.1, 3.3/3.6), so the match must be unique
        // among all rows, read or not.
        const near = template.nodes
          .map((n) => ({ n, sim: titleSimilarity(row.title, n.title) }))
          .filter((x) => x.sim >= 0.9)
          .sort((a, b) => b.sim - a.sim);
        const unique = near.length === 1 || (near.length > 1 && near[0].sim - near[1].sim > 0.05);
        if (unique && !used.has(near[0].n.code)) best = near[0].n;
      }
      const chosen = best;
      if (!chosen) {
        const clash = exact && used.has(exact.code);
        problems.push({
          line: row.line,
          text: row.raw,
          reason: clash
            ? {
                vi: `Dòng "${describeRow(row)}": chỉ tiêu ${row.printedCode} đã có ở dòng trước, và tiêu đề không khớp với chỉ tiêu nào kế tiếp.`,
                en: `Row "${describeRow(row)}": indicator ${row.printedCode} was already read, and the title matches no following indicator.`,
              }
            : {
                vi: `Dòng "${describeRow(row)}": không xác định được chỉ tiêu — mã ${row.printedCode} ${exact ? 'có tiêu đề khác' : `không có trong biểu mẫu ${template.version}`} và tiêu đề không khớp với chỉ tiêu nào ở vị trí này.`,
                en: `Row "${describeRow(row)}": cannot place it — code ${row.printedCode} ${exact ? 'has a different title' : `is not in template ${template.version}`} and the title matches no indicator at this position.`,
              },
        });
        continue;
      }
      cursor = order.get(chosen.code) ?? cursor;
      if (childrenOf(template, chosen.code).some((c) => c.breakdown)) breakdownParent = chosen;
      else if (!chosen.breakdown) breakdownParent = null;
      place(row, chosen);
      continue;
    }

    // Breakdown ("Trong đó") row: a child of the row above, by order unless the title says otherwise.
    const candidates = breakdownParent
      ? childrenOf(template, breakdownParent.code).filter((c) => c.breakdown && !used.has(c.code))
      : [];
    if (candidates.length === 0) {
      problems.push({
        line: row.line,
        text: row.raw,
        reason: {
          vi: `Dòng "${describeRow(row)}": dòng "Trong đó"/không số nhưng không đứng sau chỉ tiêu nào có dòng "Trong đó" còn trống, nên không biết thuộc chỉ tiêu nào.`,
          en: `Row "${describeRow(row)}": a "Trong đó"/unnumbered row that follows no indicator with an unfilled breakdown, so it cannot be placed.`,
        },
      });
      continue;
    }
    let chosen = candidates[0];
    if (titleTokens(row.title).length > 0) {
      const firstSim = titleSimilarity(row.title, chosen.title);
      for (const c of candidates.slice(1)) {
        if (titleSimilarity(row.title, c.title) > firstSim + 0.15) chosen = c;
      }
      if (Math.max(firstSim, titleSimilarity(row.title, chosen.title)) < 0.3) {
        problems.push({
          line: row.line,
          text: row.raw,
          reason: {
            vi: `Dòng "${describeRow(row)}": tiêu đề không khớp với dòng "Trong đó" nào của chỉ tiêu ${breakdownParent?.code}.`,
            en: `Row "${describeRow(row)}": the title matches no breakdown row of indicator ${breakdownParent?.code}.`,
          },
        });
        continue;
      }
    }
    cursor = Math.max(cursor, order.get(chosen.code) ?? cursor);
    place(row, chosen);
  }

  return { values, notes, problems, rows: placed };
}
