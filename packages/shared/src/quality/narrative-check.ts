import { formatVietnameseNumber, parseNumberInput } from '../format/number';
import { cleanText, shortTitle } from '../format/text';
import { childrenOf, indexTemplate } from '../template/registry';
import type { IndicatorNode, ReportValues, Template } from '../template/types';

/**
 * Narrative ↔ appendix consistency: numbers the report's text states about an indicator
 * ("đạt tỷ lệ 56,1%", "trên 63%", "103/103 nhiệm vụ", "29 nhiệm vụ") are matched to the appendix
 * row they describe, by the words around the number against the row's title, and compared
 * with the row's value. A heuristic, so it only ever warns, and only when the match is clear:
 * at least two word pairs of the row's title near the number, and every equally good row disagreeing.
 */

export interface NarrativeSource {
  /** Where the text comes from: a section key ("I"…"V") or `note:<code>` for a row's note. */
  where: string;
  text: string;
  /** A row's note speaks about that row and its neighbours only. */
  scope?: string;
}

export type Qualifier = 'exact' | 'above' | 'below' | 'about';

export interface StatedNumber {
  /** As written: "trên 63%", "29/29 nhiệm vụ". */
  text: string;
  kind: 'percent' | 'count' | 'fraction';
  value: number;
  denominator?: number;
  qualifier: Qualifier;
  /** Decimal places written ("56,1" → 1), for the rounding tolerance. */
  decimals: number;
  /** For a count: the unit word written after it ("nhiệm vụ"), which the row's unit must be. */
  noun?: string;
}

export interface NarrativeMatch {
  where: string;
  sentence: string;
  stated: StatedNumber;
  code: string;
  title: string;
  actual: number;
  consistent: boolean;
  /** For a fraction: its denominator's row, when one was found. */
  baseCode?: string;
  baseActual?: number;
  /** Other rows that matched the words as well. */
  alsoMatched: string[];
}

export interface NarrativeWarning {
  where: string;
  sentence: string;
  code: string;
  title: string;
  stated: string;
  actual: number;
  message: { vi: string; en: string };
}

export interface NarrativeCheckResult {
  matches: NarrativeMatch[];
  warnings: NarrativeWarning[];
}

/** Old and new tone placement ("hoá"/"hóa") and "tỉ"/"tỷ" are the same word. */
function normWord(w: string): string {
  return w
    .replace(/^tỉ$/, 'tỷ')
    .replace(/oá/g, 'óa')
    .replace(/oà/g, 'òa')
    .replace(/oả/g, 'ỏa')
    .replace(/oã/g, 'õa')
    .replace(/oạ/g, 'ọa')
    .replace(/uý/g, 'úy')
    .replace(/uỳ/g, 'ùy')
    .replace(/uỷ/g, 'ủy')
    .replace(/uỵ/g, 'ụy');
}

/** The form's abbreviations, spelled out the way a narrative writes them. */
const ABBREVIATIONS: Record<string, string[]> = {
  vbqppl: ['văn', 'bản', 'quy', 'phạm', 'pháp', 'luật'],
  qppl: ['quy', 'phạm', 'pháp', 'luật'],
  tthc: ['thủ', 'tục', 'hành', 'chính'],
  cchc: ['cải', 'cách', 'hành', 'chính'],
  pakn: ['phản', 'ánh', 'kiến', 'nghị'],
};

function words(s: string): string[] {
  return cleanText(s)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map(normWord)
    .flatMap((w) => ABBREVIATIONS[w] ?? [w]);
}

/** Pairs that nearly every title of a kind shares say nothing about which row is meant. */
const GENERIC_PAIRS = new Set(['tỷ lệ', 'số lượng', 'ubnd xã', 'ubnd cấp', 'cấp xã', 'cấp huyện', 'ubnd tỉnh', 'đã được', 'tổng số']);

function pairs(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < ws.length; i++) {
    const p = `${ws[i]} ${ws[i + 1]}`;
    if (!GENERIC_PAIRS.has(p)) out.push(p);
  }
  return out;
}

/** A row that is the base of a fraction ("Tổng số nhiệm vụ được giao", "đề ra trong kế hoạch"). */
const BASE_TITLE = /^(tổng số|tổng)\b|đề ra|được giao|\bgiao$/iu;

const QUALIFIERS: Array<[RegExp, Qualifier]> = [
  [/(?:^|\s)(trên|hơn|vượt|ít nhất|tối thiểu|từ)$/u, 'above'],
  [/(?:^|\s)(dưới|chưa đến|chưa tới|không quá|tối đa)$/u, 'below'],
  [/(?:^|\s)(khoảng|gần|xấp xỉ|chừng|ước)$/u, 'about'],
];

interface Mention {
  stated: StatedNumber;
  start: number;
  end: number;
}

/** Dates ("09/01/2023", "ngày 06/12") and document numbers ("05/KH-UBND") are not fractions. */
const FRACTION = /(?<![\d/.,])(\d{1,3}(?:\.\d{3})*|\d+)\s*\/\s*(\d{1,3}(?:\.\d{3})*|\d+)(?![\d/]|\s*[A-ZĐ]{2})/gu;
const PERCENT = /(?<![\d.,/])(\d{1,3}(?:[.,]\d+)?)\s*%/gu;

function num(s: string, percent: boolean): { value: number; decimals: number } | null {
  const p = parseNumberInput(s, percent ? 'percent' : 'count');
  if (!p.ok || p.value === null) return null;
  const m = /[.,](\d+)$/.exec(s);
  const decimals = percent && m ? m[1].length : 0;
  return { value: p.value, decimals };
}

function qualifierBefore(text: string, at: number): Qualifier {
  const before = text.slice(Math.max(0, at - 20), at).toLowerCase().trimEnd();
  for (const [re, q] of QUALIFIERS) if (re.test(before)) return q;
  return 'exact';
}

function findMentions(sentence: string, countNouns: readonly string[]): Mention[] {
  const out: Mention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => taken.every(([s, e]) => b <= s || a >= e);
  for (const m of sentence.matchAll(FRACTION)) {
    const start = m.index;
    const before = sentence.slice(Math.max(0, start - 8), start).toLowerCase();
    if (/(ngày|tháng|số|năm)\s*$/u.test(before)) continue;
    const a = num(m[1], false);
    const b = num(m[2], false);
    if (!a || !b || b.value === 0 || a.value > b.value) continue;
    taken.push([start, start + m[0].length]);
    out.push({ start, end: start + m[0].length, stated: { text: m[0], kind: 'fraction', value: a.value, denominator: b.value, qualifier: qualifierBefore(sentence, start), decimals: 0 } });
  }
  for (const m of sentence.matchAll(PERCENT)) {
    const start = m.index;
    if (!free(start, start + m[0].length)) continue;
    const n = num(m[1], true);
    if (!n || n.value > 100) continue;
    taken.push([start, start + m[0].length]);
    out.push({ start, end: start + m[0].length, stated: { text: m[0], kind: 'percent', value: n.value, qualifier: qualifierBefore(sentence, start), decimals: n.decimals } });
  }
  if (countNouns.length) {
    const nouns = countNouns.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const COUNT = new RegExp(`(?<![\\d.,/])(\\d{1,3}(?:\\.\\d{3})+|\\d+)\\s+(${nouns})(?![\\p{L}])`, 'giu');
    for (const m of sentence.matchAll(COUNT)) {
      const start = m.index;
      if (!free(start, start + m[0].length)) continue;
      const n = num(m[1], false);
      if (!n) continue;
      taken.push([start, start + m[0].length]);
      out.push({ start, end: start + m[0].length, stated: { text: m[0], kind: 'count', value: n.value, qualifier: qualifierBefore(sentence, start), decimals: 0, noun: m[2].toLowerCase() } });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** Sentences: a full stop, "!" or "?" before a capital or a line break; ";" splits clauses later. */
function sentencesOf(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\n+|(?<=[.!?])\s+(?=[\p{Lu}\-–•])/u)
    .map((s) => s.trim())
    .filter((s) => /\d/.test(s));
}

/** The words a number is about: its clause before it back to the previous number, and a few after it up to the next. */
function contextOf(sentence: string, mentions: Mention[], i: number): { before: string[]; after: string[] } {
  const m = mentions[i];
  const prevEnd = i > 0 ? mentions[i - 1].end : 0;
  const nextStart = i + 1 < mentions.length ? mentions[i + 1].start : sentence.length;
  let before = sentence.slice(prevEnd, m.start);
  const semi = before.lastIndexOf(';');
  if (semi >= 0) before = before.slice(semi + 1);
  let after = sentence.slice(m.end, nextStart);
  const cut = after.search(/[;()]/);
  if (cut >= 0) after = after.slice(0, cut);
  // A count's unit word ("29 nhiệm vụ …") belongs to what follows it.
  return { before: words(before).slice(-14), after: [...words(m.stated.noun ?? ''), ...words(after)].slice(0, 10) };
}

interface Scored {
  node: IndicatorNode;
  score: number;
  distinct: number;
}

function scoreNode(ctx: { before: string[]; after: string[] }, titlePairs: Set<string>, selfBoost: number): { score: number; distinct: number } {
  const seen = new Set<string>();
  let score = 0;
  const bp = pairs(ctx.before);
  bp.forEach((p, k) => {
    if (!titlePairs.has(p) || seen.has(p)) return;
    seen.add(p);
    // Nearer words weigh more: "hồ sơ trực tuyến đạt trên 63%" is about the files, not the start of the clause.
    score += bp.length - k <= 8 ? 1 : 0.7;
  });
  pairs(ctx.after).forEach((p, k) => {
    if (!titlePairs.has(p) || seen.has(p)) return;
    seen.add(p);
    score += k < 6 ? 0.9 : 0.6;
  });
  return { score: score + selfBoost, distinct: seen.size };
}

function fits(stated: StatedNumber, actual: number, statedValue: number): boolean {
  const tol = stated.kind === 'percent' ? 0.5 * 10 ** -stated.decimals + 1e-9 : 1e-9;
  switch (stated.qualifier) {
    case 'exact':
      return Math.abs(actual - statedValue) <= tol;
    case 'above':
      return actual >= statedValue - tol;
    case 'below':
      return actual <= statedValue + tol;
    case 'about':
      return Math.abs(actual - statedValue) <= Math.max(tol, 0.1 * Math.abs(statedValue));
  }
}

/** Units written differently for the same thing ("130 TTHC" counts rows whose unit is "Thủ tục"). */
const UNIT_SYNONYMS: Record<string, string> = { tthc: 'thủ tục', 'thủ tục hành chính': 'thủ tục' };

function unitKey(u: string): string {
  const k = cleanText(u).toLowerCase();
  return UNIT_SYNONYMS[k] ?? k;
}

function unitWord(n: IndicatorNode): string {
  return unitKey(n.displayUnit ?? n.unit);
}

const QUALIFIER_VI: Record<Qualifier, string> = { exact: '', above: 'trên ', below: 'dưới ', about: 'khoảng ' };
const QUALIFIER_EN: Record<Qualifier, string> = { exact: '', above: 'above ', below: 'below ', about: 'about ' };

export interface NarrativeCheckOptions {
  /** Word pairs of a row's title that must be found near the number (default 2). */
  minPairs?: number;
}

/**
 * Checks every number the sources state against the appendix values it describes.
 * Rows without a value are matched (so a sentence about them is not pinned on another row) but not compared.
 */
export function checkNarrativeConsistency(
  template: Template,
  values: ReportValues,
  sources: readonly NarrativeSource[],
  options: NarrativeCheckOptions = {},
): NarrativeCheckResult {
  const minPairs = options.minPairs ?? 2;
  const index = indexTemplate(template);
  const numeric = template.nodes.filter((n) => n.valueType === 'count' || n.valueType === 'decimal' || n.valueType === 'percent');
  const titlePairs = new Map(numeric.map((n) => [n.code, new Set(pairs(words(n.title)))]));
  const countNouns = [...new Set(numeric.filter((n) => n.valueType === 'count').map((n) => cleanText(n.displayUnit ?? n.unit).toLowerCase()))]
    .filter((u) => u && !/[=%]/.test(u) && !/^(số lượng|cơ quan, đơn vị|đơn vị)$/u.test(u))
    .sort((a, b) => b.length - a.length);
  const matches: NarrativeMatch[] = [];
  const warnings: NarrativeWarning[] = [];

  for (const source of sources) {
    const scope = source.scope ? index.get(source.scope) : undefined;
    const inScope = (n: IndicatorNode): boolean => {
      if (!scope) return true;
      // A note speaks about its row, the row's children and its siblings.
      return n.code === scope.code || n.parent === scope.code || n.parent === scope.parent;
    };
    for (const sentence of sentencesOf(source.text)) {
      const mentions = findMentions(sentence, countNouns);
      mentions.forEach((mention, i) => {
        const stated = mention.stated;
        const ctx = contextOf(sentence, mentions, i);
        const kindOk = (n: IndicatorNode) =>
          stated.kind === 'percent'
            ? n.valueType === 'percent'
            : n.valueType === 'count' &&
              !(stated.kind === 'fraction' && BASE_TITLE.test(cleanText(n.title))) &&
              (stated.noun === undefined || unitWord(n) === unitKey(stated.noun));
        const scored: Scored[] = numeric
          .filter((n) => kindOk(n) && inScope(n))
          .map((node) => ({ node, ...scoreNode(ctx, titlePairs.get(node.code)!, scope && node.code === scope.code ? 0.5 : 0) }))
          .filter((s) => s.distinct >= 1)
          .sort((a, b) => b.score - a.score);
        const qualified = scored.filter((s) => s.distinct >= minPairs || scope !== undefined);
        if (qualified.length === 0) return;
        const best = qualified[0].score;
        const tied = qualified.filter((s) => best - s.score < 1e-6);
        const valued = tied.filter((s) => typeof values[s.node.code] === 'number');
        if (valued.length === 0) return;
        const results = valued.map((s) => {
          const actual = values[s.node.code] as number;
          let ok = fits(stated, actual, stated.value);
          let base: IndicatorNode | undefined;
          if (stated.kind === 'fraction' && stated.denominator !== undefined) {
            base = childrenOf(template, s.node.parent).find((n) => n.code !== s.node.code && n.valueType === 'count' && BASE_TITLE.test(cleanText(n.title)));
            const baseValue = base ? values[base.code] : undefined;
            if (base && typeof baseValue === 'number') ok = ok && baseValue === stated.denominator;
            else base = undefined;
          }
          return { s, actual, ok, base };
        });
        const sentenceShort = shortTitle(sentence, 300);
        for (const r of results) {
          matches.push({
            where: source.where, sentence: sentenceShort, stated, code: r.s.node.code, title: r.s.node.title, actual: r.actual, consistent: r.ok,
            ...(r.base ? { baseCode: r.base.code, baseActual: values[r.base.code] as number } : {}),
            alsoMatched: tied.filter((t) => t.node.code !== r.s.node.code).map((t) => t.node.code),
          });
        }
        // One row that agrees is enough: with equally good rows we cannot tell which was meant.
        if (results.some((r) => r.ok)) return;
        // Counts: a sibling row of the same unit that the words also touch, and that agrees, makes the match
        // too uncertain to accuse ("kiểm tra, rà soát 02 văn bản" fits 2.2 and 2.3 as well as 2.4).
        if (stated.kind !== 'percent') {
          const parents = new Set(results.map((r) => r.s.node.parent));
          const agreeing = scored.some(
            (c) => !tied.includes(c) && parents.has(c.node.parent) && c.distinct >= 1 && typeof values[c.node.code] === 'number' && fits(stated, values[c.node.code] as number, stated.value),
          );
          if (agreeing) return;
        }
        const first = results[0];
        const n = first.s.node;
        const unit = n.valueType === 'percent' ? '%' : ` ${cleanText(n.displayUnit ?? n.unit).toLowerCase()}`;
        const others = results.slice(1).map((r) => `${r.s.node.code} = ${formatVietnameseNumber(r.actual)}`);
        const actualText = first.base ? `${formatVietnameseNumber(first.actual)}/${formatVietnameseNumber(values[first.base.code])}` : formatVietnameseNumber(first.actual);
        warnings.push({
          where: source.where,
          sentence: sentenceShort,
          code: n.code,
          title: n.title,
          stated: `${QUALIFIER_VI[stated.qualifier]}${stated.text.trim()}`,
          actual: first.actual,
          message: {
            vi: `Phần thuyết minh ghi "${QUALIFIER_VI[stated.qualifier]}${stated.text.trim()}" nhưng phụ lục, dòng ${n.code} (${shortTitle(n.title, 70)}) là ${actualText}${first.base ? '' : unit}${others.length ? ` (${others.join('; ')})` : ''}: "${shortTitle(sentence, 160)}"`,
            en: `The text states "${QUALIFIER_EN[stated.qualifier]}${stated.text.trim()}" but appendix row ${n.code} (${shortTitle(n.titleEn ?? n.title, 70)}) is ${actualText}${first.base ? '' : unit}${others.length ? ` (${others.join('; ')})` : ''}.`,
          },
        });
      });
    }
  }
  return { matches, warnings };
}

/** The sources of a report: its narrative sections and the notes of its rows. */
export function narrativeSources(sections: Partial<Record<string, string>>, notes: Record<string, string> = {}): NarrativeSource[] {
  const out: NarrativeSource[] = [];
  for (const [key, text] of Object.entries(sections)) if (typeof text === 'string' && text.trim()) out.push({ where: key, text });
  for (const [code, text] of Object.entries(notes)) if (text.trim()) out.push({ where: `note:${code}`, text, scope: code });
  return out;
}
