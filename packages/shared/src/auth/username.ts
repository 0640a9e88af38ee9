/**
 * One spelling per identity. A username is compared only in this form: Unicode compatibility forms
 * folded (full-width "ｘａ" is "xa"), characters that print nothing removed (zero-width spaces and
 * joiners, soft hyphen, BOM, bidi marks, variation selectors), and case folded. Two inputs that look
 * alike to a person then reach the same account (and its one failure counter); two that differ — "xa"
 * and "xá" — stay different, because the database compares the folded form byte for byte.
 */
// Unicode's own list of characters that print nothing: soft hyphen, zero-width space and joiners, bidi
// marks, word joiner, variation selectors, BOM, Hangul fillers, tags.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

export function normalizeUsername(input: string): string {
  const folded = input
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    // Upper then lower is the full case fold JavaScript offers: "ß" → "SS" → "ss", final sigma → "σ".
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC');
  return folded.trim();
}

/** What an administrator may give a new account: 3–64 letters, digits, dot, dash, underscore, once normalized. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

export function isValidUsername(normalized: string): boolean {
  return USERNAME_PATTERN.test(normalized);
}
