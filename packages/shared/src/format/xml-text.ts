/**
 * Characters XML 1.0 cannot carry, even escaped: C0 controls other than tab, newline and carriage
 * return, lone surrogates, and U+FFFE/U+FFFF. Also refused: the other Unicode noncharacters
 * (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane), which XML discourages and no text needs.
 * One stray character of these makes a DOCX or XLSX part not well-formed, so the whole file will not open.
 */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without the characters XML 1.0 cannot carry. */
export function stripXmlIllegal(s: string): string {
  return s.replace(XML_ILLEGAL, '');
}

/** The first character XML 1.0 cannot carry, as "U+FFFE", or null when there is none. */
export function firstXmlIllegal(s: string): string | null {
  XML_ILLEGAL.lastIndex = 0;
  const m = XML_ILLEGAL.exec(s);
  XML_ILLEGAL.lastIndex = 0;
  if (!m) return null;
  return `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A free-text cell a spreadsheet must show as text, never run: one that starts with =, +, -, @, tab or
 * carriage return gets a leading apostrophe (OWASP's advice for CSV injection). Numbers are not text and
 * are never passed here.
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
