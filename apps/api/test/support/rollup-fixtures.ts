import type { Role } from '@cchc/shared';
import {
  TEMPLATE_2023,
  IndicatorNode,
  IndicatorSummary,
  ReportValues,
  aggregateReports,
  valueNodes,
} from '@cchc/shared';
import { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { PeriodsService } from '../../src/modules/periods/periods.service';
import type { ReportStatus } from '../../src/modules/reports/entities/report.entity';
import { ReportStore } from '../../src/modules/reports/report.store';
import type { SummaryIndicatorDto } from '../../src/modules/figures/summaries/dto/summary-response.dto';
import { RollupOutboxService } from '../../src/modules/rollups/rollup-outbox.service';
import { RollupState } from '../../src/modules/rollups/entities/rollup-state.entity';
import { UnitsLoaderService } from '../../src/modules/units/units-loader.service';
import { UsersService } from '../../src/modules/users/users.service';
import { numbersOf, seedReport } from './report-seed';
import { startTestApp, type TestApp } from './test-app';

export const PERIOD = '2023';
export const TEMPLATE = TEMPLATE_2023;

/**
 * A small three-tier province (99) with three districts — 993 has a commune that never reports —
 * and a two-tier province (98) whose communes hang directly under it, as in the 2025 tree.
 */
export const TREE = {
  provinces: [
    {
      code: '99',
      name: 'Tỉnh Thử Nghiệm',
      districts: [
        { code: '991', name: 'Huyện Một', communes: ['99101', '99102', '99103', '99104'].map((code) => ({ code, name: `Xã ${code}` })) },
        { code: '992', name: 'Huyện Hai', communes: ['99201', '99202', '99203'].map((code) => ({ code, name: `Xã ${code}` })) },
        { code: '993', name: 'Huyện Ba', communes: ['99301', '99302'].map((code) => ({ code, name: `Xã ${code}` })) },
      ],
    },
    {
      code: '98',
      name: 'Tỉnh Hai Cấp',
      communes: ['98001', '98002', '98003', '98004', '98005'].map((code) => ({ code, name: `Xã ${code}` })),
    },
  ],
};

export const PARENT: Record<string, string> = {};
export const PATH: Record<string, string> = { '99': '/99/', '98': '/98/' };
for (const p of TREE.provinces) {
  for (const d of p.districts ?? []) {
    PARENT[d.code] = p.code;
    PATH[d.code] = `/${p.code}/${d.code}/`;
    for (const c of d.communes) {
      PARENT[c.code] = d.code;
      PATH[c.code] = `/${p.code}/${d.code}/${c.code}/`;
    }
  }
  for (const c of p.communes ?? []) {
    PARENT[c.code] = p.code;
    PATH[c.code] = `/${p.code}/${c.code}/`;
  }
}

/** A valid value for a node, varied by seed; some blanks, and one out-of-range percent that must not count. */
function valueFor(node: IndicatorNode, seed: number, i: number): number | null {
  const k = (seed * 31 + i * 17) % 97;
  if (k % 11 === 0) return null;
  switch (node.valueType) {
    case 'count':
      return k % 40;
    case 'decimal':
      return (k % 20) + 0.25;
    case 'percent':
      return k % 13 === 0 && node.code === '7.8.3' ? 130 : (k * 7) % 101;
    case 'yesno':
      return k % 3 === 0 ? 0 : 1;
    case 'choice':
      return node.options![k % node.options!.length].value;
    default:
      return null;
  }
}

export function syntheticValues(seed: number): ReportValues {
  const out: ReportValues = {};
  valueNodes(TEMPLATE).forEach((n, i) => {
    const v = valueFor(n, seed, i);
    if (v !== null) out[n.code] = v;
  });
  return out;
}

export async function loadTestTree(app: INestApplicationContext): Promise<void> {
  await app.get(UnitsLoaderService).load(UnitsLoaderService.flatten(TREE));
  await app.get(PeriodsService).upsert(PERIOD);
}

export async function createUsers(app: INestApplicationContext): Promise<void> {
  const users = app.get(UsersService);
  const make = (username: string, roles: Role[], unitCode: string | null) =>
    users.create({ username, password: 'secret-pass', displayName: username, roles, unitCode });
  await make('admin', ['administrator'], null);
  await make('tinh.99', ['analyst'], '99');
  await make('huyen.991', ['reviewer', 'analyst'], '991');
  await make('xa.99101', ['officer'], '99101');
}

/** An app on the test tree with its accounts, and the administrator's token. */
export async function startRollupApp(env: Record<string, string | undefined> = {}, opts: Parameters<typeof startTestApp>[1] = {}): Promise<{ t: TestApp; admin: string }> {
  const t = await startTestApp(env, opts);
  await loadTestTree(t.app);
  await createUsers(t.app);
  return { t, admin: await t.login('admin', 'secret-pass') };
}

/**
 * What the reports feature does when a commune's report changes status: write the report and its
 * values, mark the parent stale in the same transaction, kick the job after commit.
 */
export async function writeReport(
  app: INestApplicationContext,
  unitCode: string,
  values: ReportValues,
  status: ReportStatus = 'approved',
  opts: { kick?: boolean } = {},
): Promise<void> {
  const ds = app.get(DataSource);
  const outbox = app.get(RollupOutboxService);
  const store = app.get(ReportStore);
  await ds.transaction(async (em) => {
    const report = await store.find(em, unitCode, PERIOD);
    if (!report) await seedReport(app, em, { code: unitCode, path: PATH[unitCode] }, PERIOD, status, values, { templateVersion: TEMPLATE.version });
    else await store.reviseSeed(em, report.id, { status, updatedAt: new Date() }, numbersOf(values), { replace: true });
    await outbox.markStale(em, PARENT[unitCode], PERIOD);
  });
  if (opts.kick !== false) await outbox.kick(PARENT[unitCode], PERIOD);
}

/** Until no rollup is owed for the period (a finished rollup marks its parent in the same commit). */
export async function waitForRollups(app: INestApplicationContext, timeoutMs = 30_000): Promise<void> {
  const repo = app.get(DataSource).getRepository(RollupState);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dirty = await repo.count({ where: { periodId: PERIOD, dirty: true } });
    if (dirty === 0) return;
    if (Date.now() > until) {
      const rows = await repo.find({ where: { periodId: PERIOD, dirty: true } });
      throw new Error(`rollups still owed after ${timeoutMs} ms: ${JSON.stringify(rows)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An indicator of a summary as the API answers it (its own DTO). */
export type ApiSummary = Pick<SummaryIndicatorDto, 'code' | 'summary'>;

/** The API's figures for every value indicator equal the shared aggregateReports over the same reports. */
export function expectSummariesEqual(indicators: ApiSummary[], reports: ReportValues[]): void {
  const expected = aggregateReports(TEMPLATE, reports);
  for (const ind of indicators) {
    const want: IndicatorSummary | undefined = expected[ind.code];
    if (!want) {
      expect(ind.summary).toBeNull();
      continue;
    }
    const got = ind.summary!;
    const ctx = `indicator ${ind.code}`;
    expect({ ctx, count: got.count }).toEqual({ ctx, count: want.count });
    expect({ ctx, min: got.min, max: got.max }).toEqual({ ctx, min: want.min, max: want.max });
    for (const key of ['sum', 'mean', 'headline', 'shareYes'] as const) {
      if (want[key] === null) expect({ ctx, key, v: got[key] }).toEqual({ ctx, key, v: null });
      else expect(got[key]).toBeCloseTo(want[key], 9);
    }
    if (got.optionCounts) {
      const counts = Object.fromEntries(got.optionCounts.filter((o) => o.count > 0).map((o) => [String(o.value), o.count]));
      expect({ ctx, counts }).toEqual({ ctx, counts: want.optionCounts });
    }
  }
}
