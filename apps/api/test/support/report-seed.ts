import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TEMPLATE_2023, type ReportValues } from '@cchc/shared';
import { PeriodsService } from '../../src/modules/periods/periods.service';
import type { ReportStatus } from '../../src/modules/reports/entities/report.entity';
import { reportRow } from '../../src/modules/reports/new-draft-report';
import { ReportStore } from '../../src/modules/reports/report.store';
import { UnitsService } from '../../src/modules/units/units.service';

/** Blank is absent: only numbers become value rows. */
export const numbersOf = (values: ReportValues): Record<string, number> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number'));

/**
 * One report as the workflow leaves it in `status`, written in the caller's transaction through
 * the store's seed path: fixtures never write the report tables themselves. Returns its id.
 */
export async function seedReport(
  app: INestApplicationContext,
  em: EntityManager,
  unit: { code: string; path: string },
  periodId: string,
  status: ReportStatus,
  values: ReportValues,
  opts: { notes?: Record<string, string>; templateVersion?: string } = {},
): Promise<number> {
  const row = reportRow(unit, periodId, opts.templateVersion ?? TEMPLATE_2023.version, status, 'fixture', new Date());
  const ids = await app.get(ReportStore).insertSeed(em, [{ row, values: numbersOf(values), notes: opts.notes }]);
  return ids.get(`${unit.code}/${periodId}`)!;
}

/** `seedReport` for a unit code as it stood at the end of the period (the tree that period was reported on). */
export async function seedReportAsOfPeriod(app: INestApplicationContext, unitCode: string, periodId: string, status: ReportStatus, values: ReportValues): Promise<number> {
  const end = (await app.get(PeriodsService).findById(periodId))!.endDate;
  const unit = (await app.get(UnitsService).resolve(unitCode, end))!;
  return app.get(DataSource).transaction((em) => seedReport(app, em, unit, periodId, status, values));
}
