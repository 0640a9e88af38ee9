import { createInflateRaw } from 'node:zlib';
import { ImportLimitError, UnreadableFileError } from './import-errors';

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const MAX_ENTRIES = 10_000;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  offset: number;
}

/**
 * Measures what an XLSX file really unzips to, before any XML is parsed: every entry is inflated
 * (in zlib's thread pool, so the event loop stays free) and its bytes counted, stopping as soon
 * as the total passes the limit. The entries must tile the file exactly, so the streaming reader
 * that parses it afterwards can meet no entry that was not measured here.
 */
export async function checkUnzippedSize(zip: Buffer, maxUnzippedBytes: number): Promise<number> {
  const entries = centralDirectory(zip);
  let total = 0;
  for (const e of entries) {
    const data = entryData(zip, e);
    if (e.method === 0) {
      total += data.length;
    } else if (e.method === 8) {
      total = await inflateCounting(data, total, maxUnzippedBytes);
    } else {
      throw new UnreadableFileError(`zip method ${e.method}`);
    }
    if (total > maxUnzippedBytes) throw tooLarge(maxUnzippedBytes);
  }
  return total;
}

function tooLarge(limit: number): ImportLimitError {
  const mb = Math.round(limit / 1_048_576);
  return new ImportLimitError(
    413,
    `Tệp XLSX khi giải nén vượt quá giới hạn ${mb} MB; hãy chia tệp (ví dụ theo tỉnh) rồi nhập từng phần.`,
    `The XLSX file unzips to more than the ${mb} MB limit; split it (by province, say) and import each part.`,
  );
}

function centralDirectory(zip: Buffer): Entry[] {
  // The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UnreadableFileError('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new UnreadableFileError('zip64');
  if (count > MAX_ENTRIES || cdOffset + cdSize > eocd) throw new UnreadableFileError('bad central directory');
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CD_SIG) throw new UnreadableFileError('bad central directory entry');
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    entries.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLen),
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      offset: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  entries.sort((a, b) => a.offset - b.offset);
  // No gaps, no overlaps: every local entry a sequential reader could find is one listed here.
  let cursor = 0;
  for (const e of entries) {
    if (e.offset !== cursor) throw new UnreadableFileError('zip entries do not tile the file');
    cursor = entryEnd(zip, e);
  }
  if (cursor !== cdOffset) throw new UnreadableFileError('data between entries and central directory');
  return entries;
}

function localDataStart(zip: Buffer, e: Entry): number {
  if (e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== LOCAL_SIG) throw new UnreadableFileError('bad local header');
  return e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
}

function entryData(zip: Buffer, e: Entry): Buffer {
  const start = localDataStart(zip, e);
  return zip.subarray(start, start + e.compressedSize);
}

function entryEnd(zip: Buffer, e: Entry): number {
  let end = localDataStart(zip, e) + e.compressedSize;
  if (end > zip.length) throw new UnreadableFileError('entry past the end');
  if (e.flags & 0x08) {
    // A data descriptor follows, with or without its signature.
    end += end + 4 <= zip.length && zip.readUInt32LE(end) === DESCRIPTOR_SIG ? 16 : 12;
  }
  return end;
}

function inflateCounting(data: Buffer, start: number, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = start;
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    z.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        z.destroy();
        reject(tooLarge(limit));
      }
    });
    z.on('error', () => reject(new UnreadableFileError('bad deflate data')));
    z.on('end', () => resolve(total));
    z.end(data);
  });
}
