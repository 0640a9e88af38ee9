import { isIsoDate } from './vietnamese-date';
import type { ReportDocumentFields } from './types';

export interface DocumentFieldProblem {
  field: string;
  vi: string;
  en: string;
}

const TEXT_FIELDS = ['soKyHieu', 'place', 'signerCapacity', 'signerTitle', 'signerName', 'issuerParent', 'issuerName'] as const;
const LIST_FIELDS = ['kinhGui', 'noiNhan'] as const;
const MAX_TEXT = 300;
const MAX_ITEMS = 30;

/**
 * Checks a client's document fields (PUT body) before they are stored: every text a string of
 * reasonable length, the date a real ISO date, the lists lists of strings. Empty list = none.
 */
export function validateDocumentFields(v: unknown): DocumentFieldProblem[] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    return [{ field: 'document', vi: 'Thông tin văn bản phải là một đối tượng.', en: 'Document fields must be an object.' }];
  }
  const o = v as Record<string, unknown>;
  const problems: DocumentFieldProblem[] = [];
  for (const f of TEXT_FIELDS) {
    if (typeof o[f] !== 'string') problems.push({ field: `document.${f}`, vi: `Thiếu hoặc sai kiểu trường "${f}".`, en: `"${f}" is missing or not text.` });
    else if ((o[f]).length > MAX_TEXT) problems.push({ field: `document.${f}`, vi: `Trường "${f}" quá dài (tối đa ${MAX_TEXT} ký tự).`, en: `"${f}" is too long (max ${MAX_TEXT}).` });
  }
  if (o.trichYeu !== undefined && (typeof o.trichYeu !== 'string' || o.trichYeu.length > 1000)) {
    problems.push({ field: 'document.trichYeu', vi: 'Trích yếu phải là văn bản, tối đa 1000 ký tự.', en: 'trichYeu must be text of at most 1000 characters.' });
  }
  if (o.preamble !== undefined && (!Array.isArray(o.preamble) || o.preamble.length > MAX_ITEMS || !o.preamble.every((x) => typeof x === 'string' && x.length <= 5000))) {
    problems.push({ field: 'document.preamble', vi: `Phần mở đầu phải là danh sách tối đa ${MAX_ITEMS} đoạn văn.`, en: `preamble must be a list of at most ${MAX_ITEMS} paragraphs.` });
  }
  if (typeof o.date !== 'string' || !isIsoDate(o.date)) {
    problems.push({ field: 'document.date', vi: 'Ngày ban hành không hợp lệ (dạng yyyy-mm-dd).', en: 'Invalid date (use yyyy-mm-dd).' });
  }
  for (const f of LIST_FIELDS) {
    const list = o[f];
    if (!Array.isArray(list) || list.length > MAX_ITEMS || !list.every((x) => typeof x === 'string' && x.length <= MAX_TEXT)) {
      problems.push({ field: `document.${f}`, vi: `"${f}" phải là danh sách tối đa ${MAX_ITEMS} dòng văn bản.`, en: `"${f}" must be a list of at most ${MAX_ITEMS} texts.` });
    }
  }
  return problems;
}

/** Trims texts and drops empty list lines; call after validateDocumentFields passed. */
export function normalizeDocumentFields(f: ReportDocumentFields): ReportDocumentFields {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  // Recipients are stored bare: the writer adds the dash and the ";" / "." itself.
  const item = (s: string) => clean(s).replace(/^[-–—+•]\s*/, '').replace(/[;.,]+$/, '');
  return {
    soKyHieu: f.soKyHieu.replace(/^\s*Số\s*:?\s*/i, '').replace(/\s+$/, ''),
    place: clean(f.place),
    date: f.date.slice(0, 10),
    kinhGui: f.kinhGui.map(item).filter(Boolean),
    noiNhan: f.noiNhan.map(item).filter(Boolean),
    signerCapacity: clean(f.signerCapacity),
    signerTitle: clean(f.signerTitle),
    signerName: clean(f.signerName),
    issuerParent: clean(f.issuerParent),
    issuerName: clean(f.issuerName),
    ...(f.trichYeu !== undefined ? { trichYeu: clean(f.trichYeu) } : {}),
    ...(f.preamble !== undefined ? { preamble: f.preamble.map((p) => p.trim()).filter(Boolean) } : {}),
  };
}
