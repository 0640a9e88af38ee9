import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TEMPLATE_2023, parseAppendixText, Template, type UnitLevel } from '@cchc/shared';
import { REPO_ROOT } from '../../src/config/config.schema';
import { AuditEntry } from '../../src/modules/audit/entities/audit-entry.entity';
import { PeriodsService } from '../../src/modules/periods/periods.service';
import { ReportValue } from '../../src/modules/reports/entities/report-value.entity';
import { Report } from '../../src/modules/reports/entities/report.entity';
import { UnitsLoaderService } from '../../src/modules/units/units-loader.service';
import { Role, User } from '../../src/modules/users/entities/user.entity';
import { UsersService } from '../../src/modules/users/users.service';
import { generateReport } from '../../src/bootstrap/demo-reports';

export const TEMPLATE: Template = TEMPLATE_2023;
export const PASSWORD = 'secret-pass';

/** Only Tỉnh Thừa Thiên Huế (46) of the real 2024 tree: 151 units instead of 11,400. */
export async function loadProvince46(app: INestApplicationContext): Promise<void> {
  const file = path.join(REPO_ROOT, 'data/reference/vn-admin-units-2024.json');
  const rows = UnitsLoaderService.flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof UnitsLoaderService.flatten>[0]).filter((r) => r.path.startsWith('/46/'));
  await app.get(UnitsLoaderService).load(rows);
}

export async function openPeriods(app: INestApplicationContext, ids: string[]): Promise<void> {
  for (const id of ids) await app.get(PeriodsService).upsert(id);
}

/** Accounts sharing one bcrypt hash (hashing each would cost seconds). */
export async function createUsers(app: INestApplicationContext, users: [string, Role[], string | null][]): Promise<void> {
  const passwordHash = await UsersService.hash(PASSWORD);
  await app
    .get(DataSource)
    .getRepository(User)
    .insert(users.map(([username, roles, unitCode]) => ({ username, roles, unitCode, displayName: username, passwordHash, active: true, createdAt: new Date() })));
}

/** A complete, valid report of that level (every required value, no errors), deterministic by key. */
export function validValues(key: string, level: UnitLevel = 'commune'): Record<string, number> {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'data/reference/bao-cao-cchc-2023-xa-quang-tho.txt'), 'utf8');
  return generateReport(TEMPLATE, parseAppendixText(text, TEMPLATE).values, key, { blankRate: 0, level });
}

/** Everything stored about one report, to prove a refused request changed nothing. */
export async function storedState(app: INestApplicationContext, unitCode: string, periodId: string) {
  const ds = app.get(DataSource);
  const report = await ds.getRepository(Report).findOne({ where: { unitCode, periodId } });
  const values = report ? await ds.getRepository(ReportValue).find({ where: { reportId: report.id }, order: { indicatorCode: 'ASC' } }) : [];
  const audit = await ds.getRepository(AuditEntry).count({ where: { unitCode, periodId } });
  return { report, values, audit };
}
