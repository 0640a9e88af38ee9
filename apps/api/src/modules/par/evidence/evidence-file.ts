/** What an evidence upload may be, decided by its first bytes, never by its name or Content-Type. */
export type EvidenceKind = 'pdf' | 'docx' | 'xlsx' | 'jpg' | 'png';

export const EVIDENCE_MIME: Record<EvidenceKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};

const EXTENSIONS: Record<EvidenceKind, string[]> = { pdf: ['pdf'], docx: ['docx'], xlsx: ['xlsx'], jpg: ['jpg', 'jpeg'], png: ['png'] };

const startsWith = (b: Buffer, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/**
 * The kind by magic bytes: %PDF-, JPEG's FF D8 FF, PNG's 8-byte signature, and for a zip the part an
 * Office file must hold (word/document.xml or xl/workbook.xml; names are stored plain in a zip's
 * headers). Anything else — a renamed executable, an HTML page, a bare zip — is null.
 */
export function sniffEvidence(bytes: Buffer): EvidenceKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const text = bytes.toString('latin1');
    if (text.includes('word/document.xml')) return 'docx';
    if (text.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

export type NameCheck = { ok: true; name: string; extension: string } | { ok: false; vi: string; en: string };

/**
 * A file name as the user sees it (kept for the download), refused when it tries to name a path:
 * separators, "..", control characters, a leading dot, or no extension.
 */
export function checkEvidenceName(raw: string | undefined): NameCheck {
  const name = (raw ?? '').normalize('NFC').trim();
  if (!name) return { ok: false, vi: 'Thiếu tên tệp.', en: 'The file name is missing.' };
  if (name.length > 200) return { ok: false, vi: 'Tên tệp dài quá 200 ký tự.', en: 'The file name is over 200 characters.' };
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f:*?"<>|]/.test(name) || name.includes('..') || name.startsWith('.')) {
    return { ok: false, vi: 'Tên tệp không được chứa đường dẫn hoặc ký tự đặc biệt (/, \\, .., :, …).', en: 'The file name may not contain a path or special characters.' };
  }
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(name);
  if (!m) return { ok: false, vi: 'Tên tệp cần có phần mở rộng (.pdf, .docx, .xlsx, .jpg, .png).', en: 'The file name needs an extension.' };
  return { ok: true, name, extension: m[1].toLowerCase() };
}

export function extensionFits(kind: EvidenceKind, extension: string): boolean {
  return EXTENSIONS[kind].includes(extension);
}
