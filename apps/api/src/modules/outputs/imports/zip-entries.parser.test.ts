import ExcelJS from 'exceljs';
import { concatenated, duplicateNames, hiddenAfterTinyEntry, hiddenInsideEntry, overlappingEntries, pack, twoEndRecords, zeroBomb, zipOf } from '../../../bench/hostile-zips';
import { ArchiveLayoutError, ImportLimitError } from './import-errors';
import { checkUnzippedSize, readCentralDirectory, rebuildFromDirectory } from './zip-entries.parser';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Data').addRow(['Mã đơn vị', '1.1.1']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a zip as its central directory declares it', () => {
  it('reads what exceljs writes, and the rebuilt archive holds the same entries', async () => {
    const wb = await workbook();
    const entries = readCentralDirectory(wb);
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    const total = await checkUnzippedSize(wb, entries, 10 * 2 ** 20);
    expect(total).toBe(entries.reduce((s, e) => s + e.uncompressedSize, 0));
    const rebuilt = rebuildFromDirectory(wb, entries);
    expect(readCentralDirectory(rebuilt).map((e) => [e.name, e.uncompressedSize])).toEqual(entries.map((e) => [e.name, e.uncompressedSize]));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(rebuilt);
    expect(back.worksheets[0].getCell('A1').value).toBe('Mã đơn vị');
  });

  it('refuses hidden and extra data by layout alone, before inflating', async () => {
    const wb = await workbook();
    const decoy = zipOf([pack('a.xml', '<a/>')]);
    for (const bytes of [hiddenAfterTinyEntry(wb), concatenated(wb, decoy), concatenated(decoy, wb), duplicateNames(), overlappingEntries(), twoEndRecords(wb)]) {
      expect(() => readCentralDirectory(bytes)).toThrow(ArchiveLayoutError);
    }
  });

  it('refuses data after an entry whose deflate stream ends early, when inflating that entry', async () => {
    const bytes = hiddenInsideEntry(await workbook());
    const entries = readCentralDirectory(bytes);
    await expect(checkUnzippedSize(bytes, entries, 10 * 2 ** 20)).rejects.toThrow(ArchiveLayoutError);
  });

  it('refuses a bomb by its declared size with nothing inflated, and a bomb that understates its size as soon as it passes what it declared', async () => {
    const honest = await zeroBomb(64 * 2 ** 20);
    await expect(checkUnzippedSize(honest, readCentralDirectory(honest), 32 * 2 ** 20)).rejects.toThrow(ImportLimitError);
    const lying = await zeroBomb(64 * 2 ** 20, 1000);
    await expect(checkUnzippedSize(lying, readCentralDirectory(lying), 32 * 2 ** 20)).rejects.toThrow(ArchiveLayoutError);
  });
});
