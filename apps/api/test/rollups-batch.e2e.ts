import { ReportValues } from '@cchc/shared';
import { DataSource } from 'typeorm';
import { RollupPassService } from '../src/modules/rollups/rollup-pass.service';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { RollupState } from '../src/modules/rollups/entities/rollup-state.entity';
import { startTestApp, TestApp } from './support/test-app';
import { ApiSummary, PERIOD, TREE, createUsers, expectSummariesEqual, loadTestTree, syntheticValues, waitForRollups, writeReport } from './support/rollup-fixtures';

/** Every commune of the test tree; 99302 never reports and 99203 is only submitted (not counted on the approved basis). */
const COMMUNES = TREE.provinces.flatMap((p) => [...(p.districts ?? []).flatMap((d) => d.communes), ...(p.communes ?? [])]).map((c) => c.code);
const BATCH = ['991', '992', '993', '98'];

/** The stored results of a period, without the times they were written at. */
async function storedResults(ds: DataSource): Promise<unknown> {
  const round = (rows: Array<Record<string, unknown>>) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v])));
  const [summaries, coverage, scores] = await Promise.all([
    ds.query<Array<Record<string, unknown>>>('SELECT unit_code, indicator_code, count, sum, min, max, weighted_sum, weight_sum, option_counts FROM summaries WHERE period_id = ? ORDER BY unit_code, indicator_code', [PERIOD]),
    ds.query<Array<Record<string, unknown>>>('SELECT unit_code, expected, reported, children_expected, children_reported, missing_children, basis FROM summary_coverage WHERE period_id = ? ORDER BY unit_code', [PERIOD]),
    ds.query<Array<Record<string, unknown>>>(
      'SELECT unit_code, parent_code, total, max, percent, domains, scored, expected, coverage, `rank`, ranked, below_coverage, domain_ranks FROM unit_scores WHERE period_id = ? ORDER BY unit_code',
      [PERIOD],
    ),
  ]);
  return { summaries: round(summaries), coverage: round(coverage), scores: round(scores) };
}

/** The batched pass (several units, one set of reads, one transaction) against the single passes on the same data. */
describe('batched rollup pass on MariaDB', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;
  let rollups: RollupPassService;
  const values: Record<string, ReportValues> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await loadTestTree(t.app);
    await createUsers(t.app);
    admin = await t.login('admin', 'secret-pass');
    ds = t.app.get(DataSource);
    rollups = t.app.get(RollupPassService);
    for (const [i, code] of COMMUNES.entries()) {
      if (code === '99302') continue;
      values[code] = syntheticValues(i + 11);
      await writeReport(t.app, code, values[code], code === '99203' ? 'submitted' : 'approved', { kick: false });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const markStale = (codes: string[]) =>
    ds.transaction(async (em) => {
      for (const c of codes) await t.app.get(RollupOutboxService).markStale(em, c, PERIOD);
    });

  it('writes the same summaries, coverage, scores and ranks as one pass per unit, and counts each report once', async () => {
    for (const d of BATCH) await rollups.rollupOnce(d, PERIOD);
    await rollups.rollupOnce('99', PERIOD);
    await waitForRollups(t.app);
    const single = await storedResults(ds);

    await markStale(BATCH);
    const seqBefore = await ds.getRepository(RollupState).findBy({ periodId: PERIOD });
    const results = await rollups.rollupMany(BATCH, PERIOD);
    expect([...results.keys()].sort()).toEqual([...BATCH].sort());
    for (const code of BATCH) expect(results.get(code)).toMatchObject({ written: true });
    // Each written unit is settled at the seq it read; the province is asked for once more.
    const after = new Map((await ds.getRepository(RollupState).findBy({ periodId: PERIOD })).map((s) => [s.unitCode, s]));
    for (const code of BATCH) expect(after.get(code)).toMatchObject({ doneSeq: after.get(code)!.requestedSeq, dirty: false });
    expect(after.get('99')!.requestedSeq).toBe(seqBefore.find((s) => s.unitCode === '99')!.requestedSeq + 1);
    await rollups.rollupOnce('99', PERIOD);
    await waitForRollups(t.app);
    expect(await storedResults(ds)).toEqual(single);

    // And both equal the shared aggregation over the counted reports: nothing counted twice.
    const counted = (codes: string[]) => codes.filter((c) => values[c] && c !== '99203').map((c) => values[c]);
    const province = await t.request<{ indicators: ApiSummary[] }>('GET', `/api/summaries/99/${PERIOD}`, { token: admin });
    expect(province.status).toBe(200);
    expectSummariesEqual(province.body.indicators, counted(COMMUNES.filter((c) => c.startsWith('99'))));
    const twoTier = await t.request<{ indicators: ApiSummary[] }>('GET', `/api/summaries/98/${PERIOD}`, { token: admin });
    expectSummariesEqual(twoTier.body.indicators, counted(COMMUNES.filter((c) => c.startsWith('98'))));
  });

  it('leaves clean units alone and settles each unit at the seq it read', async () => {
    await waitForRollups(t.app);
    // Nothing was asked since the last pass: nothing is written.
    const idle = await rollups.rollupMany(BATCH, PERIOD);
    for (const code of BATCH) expect(idle.get(code)).toEqual({ written: false, dirty: false, parentCode: null });

    // 991's pass at its seq S writes; a batch that read an older seq finds done_seq past it and drops its result.
    await markStale(['991', '992']);
    const before = await storedResults(ds);
    const s = (await ds.getRepository(RollupState).findOneByOrFail({ unitCode: '991', periodId: PERIOD })).requestedSeq;
    await ds.getRepository(RollupState).update({ unitCode: '991', periodId: PERIOD }, { doneSeq: s + 1, requestedSeq: s + 2 });
    const r = await rollups.rollupMany(['991', '992'], PERIOD);
    // 991 is owed a pass (requested S+2 > done S+1) and takes it, at S+2; 992 at its own seq.
    expect(r.get('991')).toMatchObject({ written: true, dirty: false });
    expect(r.get('992')).toMatchObject({ written: true, dirty: false });
    const state = await ds.getRepository(RollupState).findOneByOrFail({ unitCode: '991', periodId: PERIOD });
    expect(state).toMatchObject({ doneSeq: s + 2, requestedSeq: s + 2 });
    await waitForRollups(t.app);
    // Same inputs, same results: the extra passes changed nothing.
    expect(await storedResults(ds)).toEqual(before);
  });
});

/** Through the jobs: with ROLLUP_BATCH_MIN=2, approvals in every district of a province are rolled up by batched passes. */
describe('batched passes through the rollup jobs', () => {
  let t: TestApp;
  let admin: string;
  const values: Record<string, ReportValues> = {};

  beforeAll(async () => {
    t = await startTestApp({ ROLLUP_BATCH_MIN: '2' });
    await loadTestTree(t.app);
    await createUsers(t.app);
    admin = await t.login('admin', 'secret-pass');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ends with every summary equal to the shared aggregation of the approved reports, each counted once', async () => {
    const codes = COMMUNES.filter((c) => c.startsWith('99') && c !== '99302');
    // Written without a job first, then all asked for at once: the jobs find their siblings dirty together.
    for (const [i, code] of codes.entries()) {
      values[code] = syntheticValues(i + 41);
      await writeReport(t.app, code, values[code], 'approved', { kick: false });
    }
    const outbox = t.app.get(RollupOutboxService);
    // Watched, not replaced: the real pass runs.
    const passes = jest.spyOn(t.app.get(RollupPassService), 'rollupMany');
    await Promise.all(['991', '992', '993'].map((d) => outbox.kick(d, PERIOD)));
    await waitForRollups(t.app);
    expect(passes.mock.calls.some(([units]) => units.length >= 2)).toBe(true);
    passes.mockRestore();
    for (const [unit, prefix] of [['99', '99'], ['991', '991'], ['992', '992'], ['993', '993']] as const) {
      const r = await t.request<{ indicators: ApiSummary[]; coverage: { reported: number; stale: boolean } }>('GET', `/api/summaries/${unit}/${PERIOD}`, { token: admin });
      expect(r.status).toBe(200);
      const mine = codes.filter((c) => c.startsWith(prefix));
      expect(r.body.coverage).toMatchObject({ reported: mine.length, stale: false });
      expectSummariesEqual(r.body.indicators, mine.map((c) => values[c]));
    }
    // A later single approval still flows through to the province.
    values['99302'] = syntheticValues(99);
    await writeReport(t.app, '99302', values['99302'], 'approved');
    await waitForRollups(t.app);
    const province = await t.request<{ indicators: ApiSummary[] }>('GET', `/api/summaries/99/${PERIOD}`, { token: admin });
    expectSummariesEqual(province.body.indicators, [...codes, '99302'].map((c) => values[c]));
  });
});
