import { narrativeSectionTitle } from './defaults';
import {
  NARRATIVE_SECTION_KEYS,
  type NarrativeSectionBody,
  type NarrativeSectionKey,
  type NarrativeSubsection,
  type StructuredNarrative,
  type TextNarrative,
} from './types';

/** "1.1. Title", "6.2 Title" (a dotted number may omit its final dot) or "1. Title". Components stay short so "2018 địa chỉ" is not a heading. */
const NUMBERED = /^(?:(\d{1,2}(?:\.\d{1,2})+)\.?|(\d{1,2})\.)\s+(\S.*)$/u;
/** A numbered line longer than this, or ending like a sentence, is a numbered paragraph (section IV's tasks), not a heading. */
const MAX_HEADING = 160;
const BULLET = /^[•●▪■○◦◆♦➢➤►\u2022\uf0b7\uf0a7\uf076\uf0d8–—-]\s*/u;

interface ParseOptions {
  /** Join a line starting in lower case to the paragraph before it (a PDF's page-break wrap). */
  joinWrapped: boolean;
}

/** A line that carries on the previous sentence: lower case, but not a lettered item "a) …". */
const continues = (line: string) => /^\p{Ll}/u.test(line) && !/^\p{Ll}\)\s/u.test(line) && !line.includes('\t');

function headingOf(line: string): { number: string; title: string } | null {
  if (line.includes('\t')) return null;
  const m = NUMBERED.exec(line);
  if (!m) return null;
  const title = m[3].trim();
  if (!/^\p{Lu}/u.test(title)) return null;
  if (line.length > MAX_HEADING || /[.;]$/.test(title)) return null;
  return { number: m[1] ?? m[2], title };
}

function parseLines(lines: string[], opts: ParseOptions): NarrativeSectionBody {
  const body: NarrativeSectionBody = { intro: [], subsections: [] };
  /** The open subsection at each depth (index 0 = depth 1). */
  const open: NarrativeSubsection[] = [];
  const target = (): string[] => (open.length ? open[open.length - 1].paragraphs : body.intro);
  const kept = lines.map((raw) => (raw.includes('\t') ? raw.replace(/\s+$/, '') : raw.trim())).filter((l) => l.trim() !== '');
  kept.forEach((line, i) => {
    // A numbered line whose sentence runs on into the next line is a numbered paragraph cut by a page break.
    const runsOn = opts.joinWrapped && i + 1 < kept.length && continues(kept[i + 1]);
    const h = runsOn ? null : headingOf(line);
    if (h) {
      const depth = h.number.split('.').length;
      const node: NarrativeSubsection = { number: h.number, title: h.title, paragraphs: [] };
      // The parent is the open subsection one level up; a "1.1." with no "1." above stays at the top.
      const parent = depth > 1 ? [...open].reverse().find((o) => o.number.split('.').length === depth - 1) : undefined;
      if (parent) {
        (parent.children ??= []).push(node);
        open.splice(open.indexOf(parent) + 1);
      } else {
        body.subsections.push(node);
        open.length = 0;
      }
      open.push(node);
      return;
    }
    const into = target();
    const last = into.length ? into[into.length - 1] : undefined;
    if (opts.joinWrapped && continues(line)) {
      if (last !== undefined && !last.includes('\t')) {
        into[into.length - 1] = `${last} ${line}`;
        return;
      }
      // Wrapped right after a heading: the heading's title was cut.
      if (last === undefined && open.length) {
        const cur = open[open.length - 1];
        cur.title = `${cur.title} ${line}`;
        return;
      }
    }
    into.push(line);
  });
  return body;
}

function splitLines(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\v\f\u2028\u2029]/g, '\n')
    .split('\n');
}

/**
 * One section's stored text → numbered subsections. Every line is kept: numbered headings
 * ("1.", "1.1.", "6.2") become subsections, all else paragraphs; a line broken by a page
 * break (it starts in lower case) is joined back to its paragraph.
 */
export function narrativeFromText(sectionText: string): NarrativeSectionBody {
  const lines = splitLines(sectionText ?? '').map((l) => l.replace(/[\u00a0\u202f]/g, ' '));
  return parseLines(lines, { joinWrapped: true });
}

/**
 * Text pasted from Word: one paragraph per line; Word's bullets (•, , –) become "- ";
 * its automatic numbering arrives as "1.<tab>Title" and is read as the number it shows;
 * table rows keep their tabs.
 */
export function narrativeFromWordPaste(text: string): NarrativeSectionBody {
  const lines = splitLines(text ?? '').map((l) => {
    let s = l.replace(/[\u00a0\u202f]/g, ' ');
    // Only when the rest is not a table row ("1<tab>Máy in<tab>06").
    if (/^\s*\d{1,2}(?:\.\d{1,2})*\.?\t+[^\t]*$/.test(s)) s = s.replace(/^\s*(\d{1,2}(?:\.\d{1,2})*\.?)\t+/, '$1 ');
    if (BULLET.test(s.trim()) && !/^[-–—]\d/.test(s.trim())) s = `- ${s.trim().replace(BULLET, '')}`;
    return s.includes('\t') ? s.replace(/ {2,}/g, ' ') : s.replace(/\s+/g, ' ');
  });
  return parseLines(lines, { joinWrapped: false });
}

function subsectionLines(s: NarrativeSubsection, out: string[]): void {
  out.push(`${s.number}. ${s.title}`);
  out.push(...s.paragraphs);
  for (const c of s.children ?? []) subsectionLines(c, out);
}

/** The reverse: one line per heading and paragraph, what a plain-text field or an old client shows. */
export function narrativeToPlainText(body: NarrativeSectionBody): string {
  const out: string[] = [...body.intro];
  for (const s of body.subsections) subsectionLines(s, out);
  return out.join('\n');
}

/** Legacy text narrative (one text per section) → structured sections with the standard headings. */
export function structuredFromTextNarrative(n: TextNarrative | null | undefined, year?: number): StructuredNarrative {
  const out: StructuredNarrative = {};
  for (const key of NARRATIVE_SECTION_KEYS) {
    const text = n?.[key];
    if (typeof text !== 'string') continue;
    out[key] = { title: narrativeSectionTitle(key, year), ...narrativeFromText(text) };
  }
  return out;
}

/** Structured → legacy text, for readers that still expect { I: "…" }. */
export function textFromStructuredNarrative(n: StructuredNarrative | null | undefined): TextNarrative {
  const out: TextNarrative = {};
  for (const key of NARRATIVE_SECTION_KEYS) {
    const s = n?.[key];
    if (s) out[key] = narrativeToPlainText(s);
  }
  return out;
}

const ROMAN_HEADING = /^(I|II|III|IV|V)\.\s+(\S.*)$/u;

/**
 * A whole report's text (or a Word paste of it) cut at its upper-case roman headings, up to the
 * closing formula: { I: "…", …, V: "…" } with each heading's own title.
 */
export function splitNarrativeSections(text: string): { sections: TextNarrative; titles: Partial<Record<string, string>> } {
  const sections: TextNarrative = {};
  const titles: Partial<Record<string, string>> = {};
  let current: (typeof NARRATIVE_SECTION_KEYS)[number] | null = null;
  let buf: string[] = [];
  const flush = () => {
    if (current) sections[current] = buf.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    buf = [];
  };
  for (const line of splitLines(text ?? '')) {
    const t = line.trim();
    const m = ROMAN_HEADING.exec(t);
    if (m && t === t.toLocaleUpperCase('vi')) {
      flush();
      current = m[1] as (typeof NARRATIVE_SECTION_KEYS)[number];
      titles[current] = m[2].trim();
      continue;
    }
    if (/^(Trên đây là|Nơi nhận|Phụ lục)/.test(t)) {
      flush();
      current = null;
      continue;
    }
    if (current) buf.push(line);
  }
  flush();
  return { sections, titles };
}

/** Whether a value has the stored shape of a structured narrative (for validating a PUT body). */
export function isStructuredNarrative(v: unknown): v is StructuredNarrative {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const strings = (a: unknown) => Array.isArray(a) && a.every((p) => typeof p === 'string');
  const sub = (s: unknown): boolean => {
    if (!s || typeof s !== 'object') return false;
    const o = s as Record<string, unknown>;
    return (
      typeof o.number === 'string' &&
      typeof o.title === 'string' &&
      strings(o.paragraphs) &&
      (o.children === undefined || (Array.isArray(o.children) && o.children.every(sub)))
    );
  };
  return Object.entries(v as Record<string, unknown>).every(([k, s]) => {
    if (!(NARRATIVE_SECTION_KEYS as readonly string[]).includes(k) || !s || typeof s !== 'object') return false;
    const o = s as Record<string, unknown>;
    return typeof o.title === 'string' && strings(o.intro) && Array.isArray(o.subsections) && o.subsections.every(sub);
  });
}

const hasText = (paragraphs: readonly string[] | undefined) => (paragraphs ?? []).some((p) => p.trim() !== '');
const subsectionHasText = (s: NarrativeSubsection): boolean => hasText(s.paragraphs) || (s.children ?? []).some(subsectionHasText);

/**
 * The sections I–V with nothing written in them (the standard outline's headings alone do not count):
 * the form counts the others as done, warns on submit about these, and the reviewer sees them.
 */
export function emptyNarrativeSections(narrative: StructuredNarrative | undefined): NarrativeSectionKey[] {
  return NARRATIVE_SECTION_KEYS.filter((k) => {
    const s = narrative?.[k];
    return !s || !(hasText(s.intro) || s.subsections.some(subsectionHasText));
  });
}
