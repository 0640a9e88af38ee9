import { gunzipSync } from 'node:zlib';
import { ApiSummary, PERIOD, expectSummariesEqual, startRollupApp, syntheticValues, waitForRollups, writeReport } from './support/rollup-fixtures';
import type { TestApp } from './support/test-app';

interface SummaryBody {
  coverage: { reported: number; stale: boolean };
  indicators: Array<{ code: string; summary: { count: number; headline: number | null } | null }>;
}

/** Cheap repeated reads: summaries and rankings answer 304 while the stored state they come from is unchanged. */
describe('ETag / If-None-Match on summaries and rankings', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    ({ t, admin } = await startRollupApp());
    await writeReport(t.app, '99101', syntheticValues(1));
    await waitForRollups(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, etag?: string) =>
    t.request<SummaryBody>('GET', url, { token: admin, headers: etag ? { 'if-none-match': etag } : {} });

  /** The first answer (200 with a quoted tag), then the same request with that tag: 304, no body, the same tag. */
  const cached = async (url: string) => {
    const first = await get(url);
    expect(first.status).toBe(200);
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^".+"$/);
    const again = await get(url, etag);
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    return { first, etag };
  };

  it('a summary: 304 with the same tag until the next approval changes it, then 200 with the new figures', async () => {
    const url = `/api/summaries/991/${PERIOD}`;
    const { first, etag } = await cached(url);
    expect(first.body.coverage.reported).toBe(1);
    // A list of tags, or a weak form of ours, matches too; another tag does not.
    expect((await get(url, `"other", W/${etag}`)).status).toBe(304);
    expect((await get(url, '"other"')).status).toBe(200);

    // The approval itself bumps the rollup state: the tag changes at once (stale), not only once rolled up.
    await writeReport(t.app, '99102', syntheticValues(2), 'approved', { kick: false });
    const stale = await get(url, etag);
    expect(stale.status).toBe(200);
    expect(stale.body.coverage.stale).toBe(true);

    await waitForRollups(t.app);
    const fresh = await get(url, etag);
    expect(fresh.status).toBe(200);
    expect(fresh.headers['etag']).not.toBe(etag);
    expect(fresh.body.coverage).toMatchObject({ reported: 2, stale: false });
    const count = (b: SummaryBody) => b.indicators.find((i) => i.code === '1.1.1')!.summary!.count;
    expect(count(fresh.body)).toBe(count(first.body) + 1);
    expect((await get(url, String(fresh.headers['etag']))).status).toBe(304);
  });

  it('a ranking: 304 until a report under the unit changes status, then 200', async () => {
    const url = `/api/rankings/991/${PERIOD}`;
    const { etag } = await cached(url);
    // Another scope is another list.
    expect((await get(`${url}?scope=communes`, etag)).status).toBe(200);

    // Not counted on the approved basis, but the row's status changes: the tag must change too.
    await writeReport(t.app, '99103', syntheticValues(3), 'submitted');
    const after = await get(url, etag);
    expect(after.status).toBe(200);
    expect(after.headers['etag']).not.toBe(etag);
    expect((after.body as unknown as { rows: Array<{ unit: { code: string }; status: string }> }).rows.find((r) => r.unit.code === '99103')!.status).toBe('submitted');
  });

  it('summaries and rankings reuse their built body until the tag changes, and send it gzipped to a client that accepts it', async () => {
    // The case before changed a report: its rollup must be done, or the tag moves between two reads here.
    await waitForRollups(t.app);
    // A small body (this tree's ranking) goes as it is, compressed or not; a summary is over 8 KB.
    const ranking = `/api/rankings/99/${PERIOD}?scope=communes`;
    const small = await t.request('GET', ranking, { token: admin, headers: { 'accept-encoding': 'gzip' } });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toEqual((await get(ranking)).body);
    for (const url of [`/api/summaries/991/${PERIOD}`]) {
      const plain = await get(url);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-type']).toMatch(/^application\/json/);
      expect(plain.raw.length).toBeGreaterThan(8 * 1024);
      const zipped = await t.request('GET', url, { token: admin, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(String(zipped.headers['vary'])).toContain('accept-encoding');
      expect(zipped.headers['etag']).toBe(plain.headers['etag']);
      expect(JSON.parse(gunzipSync(zipped.raw).toString('utf8'))).toEqual(plain.body);
      // A client that refuses gzip gets the JSON as it is.
      const refused = await t.request('GET', url, { token: admin, headers: { 'accept-encoding': 'gzip;q=0, identity' } });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toEqual(plain.body);
    }
    // Reused only while the tag holds: the next approval is in the very next body.
    const url = `/api/summaries/991/${PERIOD}`;
    const before = await get(url);
    await writeReport(t.app, '99101', syntheticValues(7), 'approved');
    await waitForRollups(t.app);
    const after = await get(url);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    // 991's approved reports now: 99101 with its new values, 99102 (99103 was only submitted).
    expectSummariesEqual(after.body.indicators as unknown as ApiSummary[], [syntheticValues(7), syntheticValues(2)]);
  });

  it('the submissions board: 304 with its tag until a report under the unit changes, then 200 with the change', async () => {
    const url = `/api/submissions/991/${PERIOD}`;
    const { etag } = await cached(url);

    await writeReport(t.app, '99104', syntheticValues(4), 'submitted');
    const after = await get(url, etag);
    expect(after.status).toBe(200);
    expect(after.headers['etag']).not.toBe(etag);
    const rows = (after.body as unknown as { rows: Array<{ unitCode: string; status: string }> }).rows;
    expect(rows.find((r) => r.unitCode === '99104')!.status).toBe('submitted');
    expect((await get(url, String(after.headers['etag']))).status).toBe(304);
  });
});
