import { PassThrough, Writable } from 'node:stream';
import { TEMPLATE_2023, valueNodes } from '@cchc/shared';
import { writePivotCsv } from './pivot-csv.writer';
import type { PivotRow } from './pivot-rows';
import { writePivotXlsx } from './pivot-xlsx.writer';
import { ClientGoneError } from './utils/backpressure';

const columns = valueNodes(TEMPLATE_2023, 'commune');
const row = (i: number): PivotRow => ({
  code: String(10000 + i),
  name: `Xã ${i}`,
  level: 'commune',
  status: 'approved',
  reported: 1,
  expected: 1,
  values: columns.map((_, j) => (i * 31 + j) % 1000),
});
const total = async (): Promise<PivotRow> => ({ ...row(0), code: '', name: 'Tổng hợp: x', status: 'complete' });

async function* pages(n: number, failAfter = Infinity): AsyncGenerator<PivotRow[]> {
  for (let p = 0; p * 100 < n; p++) {
    if (p >= failAfter) throw new Error('database went away');
    yield Array.from({ length: Math.min(100, n - p * 100) }, (_, i) => row(p * 100 + i));
  }
}

const sink = () => {
  const out = new PassThrough();
  out.resume();
  return out;
};

/** A client that reads a little and then hangs up. */
function hangsUp(afterBytes: number): Writable & { bytes: number } {
  const w = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, cb) {
      w.bytes += chunk.length;
      if (w.bytes > afterBytes) {
        cb();
        w.destroy();
        return;
      }
      cb();
    },
  }) as Writable & { bytes: number };
  w.bytes = 0;
  return w;
}

describe('pivot writers', () => {
  it.each([
    ['csv', (out: Writable, p: AsyncIterable<PivotRow[]>) => writePivotCsv(out, columns, p, total, 'dot')],
    ['xlsx', (out: Writable, p: AsyncIterable<PivotRow[]>) => writePivotXlsx(out, { title: 't', sheetName: 's' }, columns, p, total)],
  ])('%s: a failure while reading the rows rejects, so the response is cut short instead of ending as if complete', async (_f, write) => {
    await expect(write(sink(), pages(1000, 3))).rejects.toThrow('database went away');
  });

  it('csv: a download cancelled by the client stops the export instead of waiting forever', async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const client = hangsUp(4096);
    out.pipe(client);
    client.on('close', () => out.destroy());
    await expect(writePivotCsv(out, columns, pages(100_000), total, 'dot')).rejects.toBeInstanceOf(ClientGoneError);
  });

  it('xlsx: a download cancelled by the client stops the export instead of waiting forever', async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const client = hangsUp(4096);
    out.pipe(client);
    client.on('close', () => out.destroy());
    await expect(writePivotXlsx(out, { title: 't', sheetName: 's' }, columns, pages(100_000), total)).rejects.toBeInstanceOf(ClientGoneError);
  });

  it('csv: computed figures get at most 2 decimals, typed commune values stay as typed', async () => {
    const typed: PivotRow = { ...row(1), values: columns.map(() => 56.125) };
    const computed = async (): Promise<PivotRow> => ({ ...row(0), code: '', name: 'Tổng hợp: x', status: 'complete', summary: true, values: columns.map(() => 200 / 3) });
    async function* one(): AsyncGenerator<PivotRow[]> {
      yield [typed];
    }
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writePivotCsv(out, columns, one(), computed, 'comma');
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\r\n');
    expect(lines[3].split(';').slice(5)).toEqual(columns.map(() => '56,125'));
    expect(lines[4].split(';').slice(5)).toEqual(columns.map(() => '66,67'));
  });
});
