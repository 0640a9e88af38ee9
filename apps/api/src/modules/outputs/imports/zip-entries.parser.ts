import { createInflateRaw } from 'node:zlib';
import { ArchiveLayoutError, ImportLimitError, UnreadableFileError } from './import-errors';

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const EOCD_LEN = 22;
const CD_LEN = 46;
const LOCAL_LEN = 30;
const MAX_ENTRIES = 10_000;
const EOCD_BYTES = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** One entry as the central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where its local header starts. */
  offset: number;
  /** Where its (compressed) data starts, after the local header. */
  dataStart: number;
  /** Where the entry ends: after its data and its data descriptor, if any. */
  end: number;
}

/**
 * Reads an XLSX (zip) strictly as its central directory declares it, before anything is inflated:
 * one end-of-central-directory record, at the very end; the directory right before it; every listed
 * entry's local header agreeing with the directory; and the entries covering every byte from the
 * start of the file to the directory, in order, without a gap, an overlap or a duplicate name.
 * A byte that no listed entry covers is where a second archive or a hidden entry would hide, so it
 * is refused (400), not skipped.
 */
export function readCentralDirectory(zip: Buffer): ZipEntry[] {
  if (zip.length < EOCD_LEN) throw new UnreadableFileError('too short for a zip');
  const eocd = findEndRecord(zip);
  const diskNo = zip.readUInt16LE(eocd + 4);
  const cdDisk = zip.readUInt16LE(eocd + 6);
  const countHere = zip.readUInt16LE(eocd + 8);
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw layout('zip64 is not used by XLSX files');
  if (diskNo !== 0 || cdDisk !== 0 || countHere !== count) throw layout('multi-disk archive');
  if (count === 0) throw new UnreadableFileError('empty archive');
  if (count > MAX_ENTRIES) throw layout(`more than ${MAX_ENTRIES} entries`);
  // The directory ends exactly where the end record starts: nothing may sit between them.
  if (cdOffset + cdSize !== eocd) throw layout('bytes between the central directory and its end record');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + CD_LEN > eocd || zip.readUInt32LE(p) !== CD_SIG) throw layout('central directory entry out of place');
    const flags = zip.readUInt16LE(p + 8);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const next = p + CD_LEN + nameLen + extraLen + commentLen;
    if (next > eocd) throw layout('central directory entry runs past the directory');
    const name = zip.toString('utf8', p + CD_LEN, p + CD_LEN + nameLen);
    if (names.has(name)) throw layout('duplicate entry name');
    names.add(name);
    if (flags & 0x01) throw layout('encrypted entry');
    const e: ZipEntry = {
      name,
      flags,
      method: zip.readUInt16LE(p + 10),
      crc32: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      uncompressedSize: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42),
      dataStart: 0,
      end: 0,
    };
    if (e.method !== 0 && e.method !== 8) throw new UnreadableFileError(`zip method ${e.method}`);
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) throw layout('stored entry whose sizes differ');
    checkLocalHeader(zip, e, cdOffset, p + CD_LEN, nameLen);
    entries.push(e);
    p = next;
  }
  if (p !== eocd) throw layout('central directory size does not match its entries');

  // Every byte before the directory belongs to exactly one listed entry, in order.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  let cursor = 0;
  for (const e of byOffset) {
    if (e.offset < cursor) throw layout('overlapping entries');
    if (e.offset > cursor) throw layout(cursor === 0 ? 'bytes before the first entry' : 'bytes between entries');
    cursor = e.end;
  }
  if (cursor !== cdOffset) throw layout(cursor < cdOffset ? 'bytes between the last entry and the central directory' : 'entry overlaps the central directory');
  return byOffset;
}

/**
 * The end-of-central-directory record whose comment reaches exactly to the end of the file. No other
 * record may sit anywhere from the directory on (a second archive's); before the directory, the
 * entries' tiling leaves no room for one.
 */
function findEndRecord(zip: Buffer): number {
  let eocd = -1;
  for (let i = zip.length - EOCD_LEN; i >= Math.max(0, zip.length - EOCD_LEN - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIG && i + EOCD_LEN + zip.readUInt16LE(i + 20) === zip.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    if (zip.lastIndexOf(EOCD_BYTES) >= 0) throw layout('bytes after the end-of-central-directory record');
    throw new UnreadableFileError('no end of central directory');
  }
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (cdOffset > eocd) throw layout('central directory after its end record');
  const from = cdOffset;
  for (let at = zip.indexOf(EOCD_BYTES, from); at >= 0; at = zip.indexOf(EOCD_BYTES, at + 1)) {
    if (at !== eocd) throw layout('more than one end-of-central-directory record');
  }
  return eocd;
}

/** The local header must name the same entry with the same method and sizes as the directory; a reader that walks local headers then sees what the directory lists. */
function checkLocalHeader(zip: Buffer, e: ZipEntry, cdOffset: number, cdName: number, nameLen: number): void {
  if (e.offset + LOCAL_LEN > cdOffset || zip.readUInt32LE(e.offset) !== LOCAL_SIG) throw layout('no local header where the directory points');
  const lFlags = zip.readUInt16LE(e.offset + 6);
  const lMethod = zip.readUInt16LE(e.offset + 8);
  const lNameLen = zip.readUInt16LE(e.offset + 26);
  const lExtraLen = zip.readUInt16LE(e.offset + 28);
  if (lMethod !== e.method || (lFlags & 0x08) !== (e.flags & 0x08)) throw layout('local header disagrees with the directory');
  if (lNameLen !== nameLen || !zip.subarray(e.offset + LOCAL_LEN, e.offset + LOCAL_LEN + lNameLen).equals(zip.subarray(cdName, cdName + nameLen))) {
    throw layout('local header names another entry');
  }
  if (!(e.flags & 0x08)) {
    // Without a data descriptor the local header carries the sizes a streaming reader will trust.
    if (zip.readUInt32LE(e.offset + 18) !== e.compressedSize || zip.readUInt32LE(e.offset + 22) !== e.uncompressedSize) {
      throw layout('local header sizes disagree with the directory');
    }
  }
  e.dataStart = e.offset + LOCAL_LEN + lNameLen + lExtraLen;
  let end = e.dataStart + e.compressedSize;
  if (end > cdOffset) throw layout('entry runs into the central directory');
  if (e.flags & 0x08) {
    // A data descriptor follows, with or without its signature; its sizes must be the directory's.
    const sig = end + 4 <= cdOffset && zip.readUInt32LE(end) === DESCRIPTOR_SIG ? 4 : 0;
    if (end + sig + 12 > cdOffset) throw layout('data descriptor runs into the central directory');
    if (zip.readUInt32LE(end + sig + 4) !== e.compressedSize || zip.readUInt32LE(end + sig + 8) !== e.uncompressedSize) {
      throw layout('data descriptor disagrees with the directory');
    }
    end += sig + 12;
  }
  e.end = end;
}

/**
 * Measures what the listed entries unzip to — exactly what the workbook reader will inflate, since it
 * is given only these entries — and refuses past the limit. The declared sizes are summed first, so an
 * honest bomb is refused with nothing inflated; then every entry is inflated (in zlib's thread pool, the
 * event loop stays free) and must end exactly where the directory says, at the size it declares.
 */
export async function checkUnzippedSize(zip: Buffer, entries: ZipEntry[], maxUnzippedBytes: number): Promise<number> {
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > maxUnzippedBytes) throw tooLarge(maxUnzippedBytes);
  let total = 0;
  for (const e of entries) {
    const data = zip.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const size = e.method === 0 ? data.length : await inflateExactly(data, e.uncompressedSize);
    if (size !== e.uncompressedSize) throw layout('entry unzips to another size than declared');
    total += size;
    if (total > maxUnzippedBytes) throw tooLarge(maxUnzippedBytes);
  }
  return total;
}

/**
 * A fresh archive holding the listed entries only, each with its sizes in its local header and no
 * data descriptor: the streaming workbook reader, which walks local headers in file order, can meet
 * nothing but what the directory declared and was measured.
 */
export function rebuildFromDirectory(zip: Buffer, entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(LOCAL_LEN);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags & 0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc32, 14);
    local.writeUInt32LE(e.compressedSize, 18);
    local.writeUInt32LE(e.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(CD_LEN);
    cd.writeUInt32LE(CD_SIG, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.flags & 0x0800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.crc32, 16);
    cd.writeUInt32LE(e.compressedSize, 20);
    cd.writeUInt32LE(e.uncompressedSize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, zip.subarray(e.dataStart, e.dataStart + e.compressedSize));
    central.push(cd, name);
    offset += LOCAL_LEN + name.length + e.compressedSize;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(EOCD_LEN);
  end.writeUInt32LE(EOCD_SIG, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, end]);
}

function layout(detail: string): ArchiveLayoutError {
  return new ArchiveLayoutError(detail);
}

function tooLarge(limit: number): ImportLimitError {
  const mb = Math.round(limit / 1_048_576);
  return new ImportLimitError(
    413,
    `Tệp XLSX khi giải nén vượt quá giới hạn ${mb} MB; hãy chia tệp (ví dụ theo tỉnh) rồi nhập từng phần.`,
    `The XLSX file unzips to more than the ${mb} MB limit; split it (by province, say) and import each part.`,
  );
}

/**
 * Inflates one entry, counting its bytes and stopping past its declared size. The deflate
 * stream must end exactly at the end of the entry's data: bytes after it are not part of any entry.
 */
function inflateExactly(data: Buffer, declared: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      z.destroy();
      reject(err);
    };
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    z.on('data', (chunk: Buffer) => {
      total += chunk.length;
      // The declared sizes were held to the limit, so stopping at the declared size also stops at the limit.
      if (total > declared) fail(layout('entry unzips to more than declared'));
    });
    z.on('error', () => fail(new UnreadableFileError('bad deflate data')));
    z.on('end', () => {
      if (settled) return;
      settled = true;
      // bytesWritten counts the compressed bytes zlib consumed up to the end of the deflate stream.
      if (z.bytesWritten !== data.length) reject(layout('bytes after the end of an entry'));
      else resolve(total);
    });
    z.end(data);
  });
}
