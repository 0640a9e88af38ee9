import { deflateRawSync } from 'node:zlib';

/**
 * Zip archives laid out as an attacker would, for the import tests and the import-limits bench:
 * data the central directory does not declare (a hidden workbook after a tiny listed entry, a second
 * archive appended), duplicate names, overlapping entries. Written byte by byte, so each case is
 * exactly the layout it names.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PackedEntry {
  name: Buffer;
  crc: number;
  compressed: Buffer;
  uncompressedSize: number;
}

export function pack(name: string, content: string | Buffer): PackedEntry {
  const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name: Buffer.from(name, 'utf8'), crc: crc32(raw), compressed: deflateRawSync(raw), uncompressedSize: raw.length };
}

interface Sizes {
  compressed: number;
  uncompressed: number;
}

function localHeader(e: PackedEntry, sizes: Sizes = { compressed: e.compressed.length, uncompressed: e.uncompressedSize }): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(8, 8);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(sizes.compressed, 18);
  h.writeUInt32LE(sizes.uncompressed, 22);
  h.writeUInt16LE(e.name.length, 26);
  return Buffer.concat([h, e.name]);
}

function centralHeader(e: PackedEntry, offset: number, sizes: Sizes = { compressed: e.compressed.length, uncompressed: e.uncompressedSize }): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(8, 10);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(sizes.compressed, 20);
  h.writeUInt32LE(sizes.uncompressed, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, e.name]);
}

function endRecord(count: number, cdSize: number, cdOffset: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(count, 8);
  h.writeUInt16LE(count, 10);
  h.writeUInt32LE(cdSize, 12);
  h.writeUInt32LE(cdOffset, 16);
  return h;
}

/** A well-formed archive of these entries. */
export function zipOf(entries: PackedEntry[]): Buffer {
  const body: Buffer[] = [];
  const cd: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = localHeader(e);
    cd.push(centralHeader(e, offset));
    body.push(local, e.compressed);
    offset += local.length + e.compressed.length;
  }
  const central = Buffer.concat(cd);
  return Buffer.concat([...body, central, endRecord(entries.length, central.length, offset)]);
}

const tiny = () => pack('[Content_Types].xml', '<?xml version="1.0"?><Types/>');

/**
 * The case seen in the field: the directory lists one tiny entry whose declared compressed size spans
 * a whole workbook placed after its (short) deflate stream; the local header gives the tiny size, so a
 * reader walking local headers finds the workbook's entries. The directory's sizes tile the file.
 */
export function hiddenAfterTinyEntry(workbook: Buffer): Buffer {
  const t = tiny();
  const local = localHeader(t);
  const spanned = { compressed: t.compressed.length + workbook.length, uncompressed: t.uncompressedSize };
  const central = centralHeader(t, 0, spanned);
  return Buffer.concat([local, t.compressed, workbook, central, endRecord(1, central.length, local.length + spanned.compressed)]);
}

/** The same, with local header and directory agreeing on the spanning size: only the deflate stream's early end betrays it. */
export function hiddenInsideEntry(workbook: Buffer): Buffer {
  const t = tiny();
  const spanned = { compressed: t.compressed.length + workbook.length, uncompressed: t.uncompressedSize };
  const local = localHeader(t, spanned);
  const central = centralHeader(t, 0, spanned);
  return Buffer.concat([local, t.compressed, workbook, central, endRecord(1, central.length, local.length + spanned.compressed)]);
}

/** A tiny listed entry, then unlisted bytes (the workbook) between it and the directory. */
export function hiddenBetweenEntries(workbook: Buffer): Buffer {
  const t = tiny();
  const local = localHeader(t);
  const central = centralHeader(t, 0);
  return Buffer.concat([local, t.compressed, workbook, central, endRecord(1, central.length, local.length + t.compressed.length + workbook.length)]);
}

/** Two archives back to back, as `cat a.zip b.zip` makes them. */
export function concatenated(first: Buffer, second: Buffer): Buffer {
  return Buffer.concat([first, second]);
}

/** The second archive's directory rewritten to point at its entries where they now sit, so only the first archive's bytes are unlisted. */
export function concatenatedRebased(first: Buffer, second: Buffer): Buffer {
  const out = Buffer.concat([first, second]);
  const eocd = out.length - 22;
  const count = out.readUInt16LE(eocd + 10);
  const cdOffset = out.readUInt32LE(eocd + 16) + first.length;
  out.writeUInt32LE(cdOffset, eocd + 16);
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    out.writeUInt32LE(out.readUInt32LE(p + 42) + first.length, p + 42);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/** Bytes before the first entry, the directory rebased past them (a self-extractor's stub, or an unlisted entry). */
export function withPrefix(archive: Buffer, prefix: Buffer): Buffer {
  return concatenatedRebased(prefix, archive);
}

/** One local entry with no directory entry anywhere: what a hidden entry looks like on its own. */
export function unlistedEntry(name: string, content: string): Buffer {
  const e = pack(name, content);
  return Buffer.concat([localHeader(e), e.compressed]);
}

/** Two directory entries with the same name. */
export function duplicateNames(): Buffer {
  const a = pack('xl/worksheets/sheet1.xml', '<worksheet/>');
  const b = pack('xl/worksheets/sheet1.xml', '<worksheet><sheetData/></worksheet>');
  return zipOf([a, b]);
}

/** A listed entry whose declared data spans a second listed entry: both local headers agree with the directory, the ranges overlap. */
export function overlappingEntries(): Buffer {
  const b = pack('b.xml', '<b/>');
  const bLocal = localHeader(b);
  const a = pack('a.xml', '<a/>');
  const spanned = { compressed: a.compressed.length + bLocal.length + b.compressed.length, uncompressed: a.uncompressedSize };
  const aLocal = localHeader(a, spanned);
  const bOffset = aLocal.length + a.compressed.length;
  const cd = Buffer.concat([centralHeader(a, 0, spanned), centralHeader(b, bOffset)]);
  return Buffer.concat([aLocal, a.compressed, bLocal, b.compressed, cd, endRecord(2, cd.length, bOffset + bLocal.length + b.compressed.length)]);
}

/** A second end-of-central-directory record inside the archive comment. */
export function twoEndRecords(archive: Buffer): Buffer {
  const out = Buffer.from(archive);
  const extra = endRecord(0, 0, 0);
  out.writeUInt16LE(extra.length, out.length - 2);
  return Buffer.concat([out, extra]);
}

/** Bytes appended after the end record (the comment length does not cover them). */
export function trailingBytes(archive: Buffer, extra: Buffer): Buffer {
  return Buffer.concat([archive, extra]);
}

/**
 * A classic bomb: one entry of `bytes` zeros (deflate shrinks them about a thousandfold), compressed as a
 * stream so the generator never holds them. `declared` is what the directory says it unzips to: the
 * truth, or a lie to slip under a limit that trusts it. The CRC is not computed (nothing reads that far).
 */
export async function zeroBomb(bytes: number, declared = bytes): Promise<Buffer> {
  const { createDeflateRaw } = await import('node:zlib');
  const z = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  z.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  const chunk = Buffer.alloc(1 << 20);
  for (let left = bytes; left > 0; left -= chunk.length) {
    if (!z.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  const entry: PackedEntry = { name: Buffer.from('xl/worksheets/sheet1.xml'), crc: 0, compressed: Buffer.concat(parts), uncompressedSize: declared };
  return zipOf([entry]);
}
