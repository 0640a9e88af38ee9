/** Text helpers shared by the template, the parser and messages. Pure string work. */

/** NFC, no HTML tags (Word exports italics as <i>), single spaces, trimmed. */
export function cleanText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-case word tokens for fuzzy title matching; punctuation dropped, diacritics kept
 * (Vietnamese words differ only by their marks: "xã" ≠ "xa"). */
export function titleTokens(input: string): string[] {
  const words = cleanText(input)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return words;
}

/**
 * How well a printed (possibly truncated) title matches a template title, 0–1.
 * Mostly "how much of the printed text the template title contains", because a title
 * wrapped across a page break arrives as a prefix; a little of the converse, so that a
 * short printed title prefers the shorter of two candidates.
 */
export function titleSimilarity(printed: string, template: string): number {
  const a = new Set(titleTokens(printed));
  const b = new Set(titleTokens(template));
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return 0.75 * (common / a.size) + 0.25 * (common / b.size);
}

/** Shortens long titles for messages. */
export function shortTitle(title: string, max = 90): string {
  const t = cleanText(title);
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}
