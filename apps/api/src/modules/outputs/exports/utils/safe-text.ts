import { neutralizeFormula, stripXmlIllegal } from '@cchc/shared';
import type { Cell } from '../pivot-layout';

/**
 * Text as every writer puts it in a file: without the characters XML 1.0 cannot carry (one of them
 * makes a DOCX/XLSX part not well-formed, and the file will not open), whatever was stored before
 * the API refused them.
 */
export const xmlCell = (c: Cell): Cell => (typeof c === 'string' ? stripXmlIllegal(c) : c);

/** Free text in a CSV: also prefixed so a spreadsheet shows it and never runs it as a formula (OWASP). */
export const csvCell = (c: Cell): Cell => (typeof c === 'string' ? neutralizeFormula(stripXmlIllegal(c)) : c);
