import { DataSource, Not } from 'typeorm';
import { statsFromValues, TEMPLATE_2023, valueNodes, type ReportValues } from '@cchc/shared';
import { PeriodsService } from '../src/modules/periods/periods.service';
import type { ReportStatus } from '../src/modules/reports/entities/report.entity';
import { Summary } from '../src/modules/rollups/entities/summary.entity';
import { RollupOutboxService } from '../src/modules/rollups/rollup-outbox.service';
import { RollupPassService } from '../src/modules/rollups/rollup-pass.service';
import { SummaryCoverage } from '../src/modules/rollups/entities/summary-coverage.entity';
import { AdminUnit } from '../src/modules/units/entities/admin-unit.entity';
import type { Role } from '../src/modules/users/entities/user.entity';
import { UsersService } from '../src/modules/users/users.service';
import { UnitsLoaderService } from '../src/modules/units/units-loader.service';
import * as fs from 'node:fs';
import { seedReport } from './support/report-seed';
import type { TestApp } from './support/test-app';

/** Test data for rankings, exports and imports, written straight into the tables those features read. */

/** The real 2024 tree, only these provinces (a national load is not needed to test a province). */
export async function loadProvinces(t: TestApp, codes: string[], file = t.config.unitsFile): Promise<void> {
  const tree = JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof UnitsLoaderService.flatten>[0];
  const rows = UnitsLoaderService.flatten({ provinces: tree.provinces.filter((p) => codes.includes(p.code)) });
  await t.app.get(UnitsLoaderService).load(rows);
}

/** One account per role around Huyện Quảng Điền, plus a reviewer of the neighbouring district (for 403s). */
export const HUE_ACCOUNTS: Array<[string, Role[], string | null]> = [
  ['admin', ['administrator'], null],
  ['tinh.46', ['analyst'], '46'],
  ['huyen.477', ['reviewer', 'analyst'], '477'],
  ['huyen.476', ['reviewer', 'analyst'], '476'],
  ['xa.19870', ['officer'], '19870'],
];

export async function seedUsers(t: TestApp, users: Array<[string, Role[], string | null]>): Promise<void> {
  const svc = t.app.get(UsersService);
  // Hashed here: 'demo' is a fixture's password, below the policy that a plain password must pass.
  const passwordHash = await UsersService.hash('demo');
  for (const [username, roles, unitCode] of users) {
    await svc.create({ username, passwordHash, displayName: username, roles, unitCode });
  }
}

export async function openPeriods(t: TestApp, ids: string[]): Promise<void> {
  for (const id of ids) await t.app.get(PeriodsService).upsert(id);
}

export async function insertReport(
  t: TestApp,
  unitCode: string,
  periodId: string,
  status: ReportStatus,
  values: ReportValues,
  notes: Record<string, string> = {},
): Promise<number> {
  const ds = t.app.get(DataSource);
  const unit = await ds.getRepository(AdminUnit).findOneByOrFail({ code: unitCode });
  return ds.transaction((em) => seedReport(t.app, em, unit, periodId, status, values, { notes, templateVersion: TEMPLATE_2023.version }));
}

/** What the rollup would store for `unitCode`: the stats of the given communes' values (computed here, independently). */
export async function insertSummary(
  t: TestApp,
  unitCode: string,
  periodId: string,
  communes: ReportValues[],
  coverage: { reported: number; expected: number },
): Promise<void> {
  const ds = t.app.get(DataSource);
  const rows = valueNodes(TEMPLATE_2023, 'commune').map((node) => {
    const weight = node.weightCode;
    const s = statsFromValues(
      node,
      communes.map((v) => ({ value: v[node.code], weight: weight ? v[weight] : undefined })),
    );
    return { unitCode, periodId, indicatorCode: s.code, count: s.count, sum: s.sum, min: s.min, max: s.max, weightedSum: s.weightedSum, weightSum: s.weightSum, optionCounts: s.optionCounts };
  });
  await ds.getRepository(Summary).insert(rows);
  await ds.getRepository(SummaryCoverage).insert({
    unitCode,
    periodId,
    expected: coverage.expected,
    reported: coverage.reported,
    childrenExpected: 0,
    childrenReported: 0,
    missingChildren: [],
    basis: 'approved',
    asOf: new Date(),
  });
}

/** A full, valid synthetic commune report: every commune-level value, deterministic per seed. */
export function syntheticValues(seed: number): ReportValues {
  const out: ReportValues = {};
  for (const n of valueNodes(TEMPLATE_2023, 'commune')) {
    const h = (seed * 31 + n.code.length * 7 + n.code.charCodeAt(n.code.length - 1)) % 50;
    switch (n.valueType) {
      case 'percent':
        out[n.code] = 50 + (h % 50) + 0.5;
        break;
      case 'yesno':
        out[n.code] = h % 2;
        break;
      case 'choice':
        out[n.code] = n.options?.[h % (n.options?.length ?? 1)]?.value ?? 0;
        break;
      case 'decimal':
        out[n.code] = h + 0.25;
        break;
      default:
        out[n.code] = h + 1;
    }
  }
  return out;
}

/**
 * What the rollup jobs do after approvals, for reports written straight into the store (insertReport
 * marks nothing stale): every non-commune unit, deepest first, marked stale and rolled up for each
 * period, so stored summaries and scores match the reports.
 */
export async function rollUpAll(t: TestApp, periodIds: string[]): Promise<void> {
  const ds = t.app.get(DataSource);
  const outbox = t.app.get(RollupOutboxService);
  const rollups = t.app.get(RollupPassService);
  const units = await ds.getRepository(AdminUnit).find({ where: { level: Not('commune') } });
  units.sort((a, b) => b.path.length - a.path.length);
  for (const periodId of periodIds) {
    for (const u of units) {
      await ds.transaction((em) => outbox.markStale(em, u.code, periodId));
      await rollups.rollupOnce(u.code, periodId);
    }
  }
}
