import JSZip from 'jszip';

export interface DocxText {
  /** Every paragraph's text, in document order (table cells included). */
  paragraphs: string[];
  /** Each table as rows of cell texts (a cell's paragraphs joined by a space). */
  tables: string[][][];
  /** Body paragraphs as lines and table rows as tab-separated lines: what a copy of the document as text gives. */
  text: string;
  /** The raw document.xml, for layout checks. */
  xml: string;
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Reads a DOCX's word/document.xml into text, with tables kept as rows of cells. Enough for the documents we write (no nested tables). */
export async function readDocxText(buf: Buffer): Promise<DocxText> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs: string[] = [];
  const tables: string[][][] = [];
  const lines: string[] = [];
  let table: string[][] | null = null;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let para: string | null = null;
  const token = /<w:tbl>|<\/w:tbl>|<w:tr[ >]|<\/w:tr>|<w:tc>|<\/w:tc>|<w:p[ >]|<w:p\/>|<\/w:p>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const t = m[0];
    if (t === '<w:tbl>') table = [];
    else if (t === '</w:tbl>') {
      if (table) tables.push(table);
      table = null;
    } else if (t.startsWith('<w:tr')) row = [];
    else if (t === '</w:tr>') {
      if (row && table) {
        table.push(row);
        lines.push(row.join('\t'));
      }
      row = null;
    } else if (t === '<w:tc>') cell = [];
    else if (t === '</w:tc>') {
      if (cell && row) row.push(cell.filter(Boolean).join(' '));
      cell = null;
    } else if (t === '<w:p/>') paragraphs.push('');
    else if (t.startsWith('<w:p')) para = '';
    else if (t === '</w:p>') {
      const p = para ?? '';
      paragraphs.push(p);
      if (cell) cell.push(p);
      else lines.push(p);
      para = null;
    } else if (t === '<w:tab/>') para = (para ?? '') + '\t';
    else para = (para ?? '') + decode(m[1] ?? '');
  }
  return { paragraphs, tables, text: lines.join('\n'), xml };
}
