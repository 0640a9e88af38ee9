import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, Like } from 'typeorm';
import { CURRENT_TEMPLATE_VERSION, getTemplate, parseAppendixText, ReportValues, structuredFromTextNarrative, Template } from '@cchc/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REPO_ROOT } from '../config/config.schema';
import { PeriodsService } from '../modules/periods/periods.service';
import { Report, ReportNarrative, ReportStatus } from '../modules/reports/entities/report.entity';
import { ReportStore, SeedReport } from '../modules/reports/report.store';
import { RollupOutboxService } from '../modules/rollups/rollup-outbox.service';
import { AdminUnit } from '../modules/units/entities/admin-unit.entity';
import { UnitsLoaderService } from '../modules/units/units-loader.service';
import { User } from '../modules/users/entities/user.entity';
import { UsersService } from '../modules/users/users.service';
import { QUANG_THO_2023_DOCUMENT } from './demo-document';
import { extractNarrative, generateReport, prng, seedOf } from './demo-reports';

export const DEMO_PROVINCE = '46';
export const DEMO_DISTRICT = '477';
export const DEMO_COMMUNE = '19894';
// No empty later year: the web app opens on the latest period that has ended, which is then 2023, the demo's year.
export const DEMO_PERIODS = ['2022', '2023', '2023S1', '2023Q1', '2023Q3'];
const SEED_REPORT = path.join(REPO_ROOT, 'data/reference/bao-cao-cchc-2023-xa-quang-tho.txt');
const CHUNK = 200;

/** The demo district's communes get a hand-picked mix so that the reviewer's board shows every state. */
const DISTRICT_477_STATUS_2023: Record<string, ReportStatus | 'missing'> = {
  '19867': 'approved',
  '19870': 'submitted',
  '19873': 'approved',
  '19876': 'approved',
  '19879': 'returned',
  '19882': 'approved',
  '19885': 'draft',
  '19888': 'approved',
  '19891': 'missing',
  '19894': 'submitted',
  '19897': 'approved',
};

interface PlannedReport {
  unit: AdminUnit;
  periodId: string;
  status: ReportStatus;
  values: Record<string, number>;
  notes: Record<string, string>;
  narrative: ReportNarrative | null;
  createdAt: Date;
  submittedAt: Date | null;
  approvedAt: Date | null;
  returnedAt: Date | null;
  returnComment: string | null;
}

/** A Vietnam-time instant on a given day of the period's deadline month. */
const vnTime = (isoDate: string, hour: number) => new Date(`${isoDate}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Demo data: periods, the demo accounts of DESIGN.md, the real Quảng Thọ report as its 2023
 * report (submitted, with its two real errors left for the reviewer to return), and generated
 * reports for every other commune of Tỉnh Thừa Thiên Huế for 2023 and 2022. Each part is
 * skipped when already there, so running it twice changes nothing.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly periods: PeriodsService,
    private readonly outbox: RollupOutboxService,
    private readonly loader: UnitsLoaderService,
    private readonly store: ReportStore,
  ) {}

  async seed(): Promise<void> {
    const started = Date.now();
    // `seed-demo` on a fresh database: the units come first (a no-op after BootstrapService loaded them).
    await this.loader.loadIfEmpty(this.config.unitsFile);
    for (const id of DEMO_PERIODS) {
      if (!(await this.periods.findById(id))) await this.periods.upsert(id);
    }
    const units = await this.dataSource.getRepository(AdminUnit).find({ where: { path: Like(`/${DEMO_PROVINCE}/%`) }, order: { code: 'ASC' } });
    const users = await this.seedUsers(units);
    const province = units.find((u) => u.code === DEMO_PROVINCE);
    if (!province) {
      this.logger.warn(`province ${DEMO_PROVINCE} is not loaded: demo reports skipped`);
      return;
    }
    const existing = await this.dataSource.getRepository(Report).count({ where: { unitPath: Like(`${province.path}%`), periodId: In(['2022', '2023']) } });
    if (existing > 0) {
      this.logger.log(`demo data already there (${users} accounts added)`);
      return;
    }
    const template = getTemplate(CURRENT_TEMPLATE_VERSION) as Template;
    const planned = this.plan(template, units);
    const stale = units.filter((u) => u.level !== 'commune').map((u) => u.code);
    await this.dataSource.transaction(async (em) => {
      await this.insertReports(em, planned, units);
      for (const periodId of ['2022', '2023']) for (const code of stale) await this.outbox.markStale(em, code, periodId);
    });
    for (const periodId of ['2022', '2023']) for (const code of stale) await this.outbox.kick(code, periodId);
    const values = planned.reduce((n, p) => n + Object.keys(p.values).length, 0);
    this.logger.log(`demo data: ${users} accounts, ${planned.length} reports, ${values} values in ${Date.now() - started} ms`);
  }

  /** admin, tinh.46, huyen.<district>, xa.<commune>; one bcrypt hash shared by all (hashing 160 times would take seconds). */
  private async seedUsers(units: AdminUnit[]): Promise<number> {
    const wanted: Pick<User, 'username' | 'displayName' | 'roles' | 'unitCode' | 'active'>[] = [
      { username: 'admin', displayName: 'Quản trị hệ thống', roles: ['administrator'], unitCode: null, active: true },
    ];
    // A district and a province file their own report, review the level below and read their subtree.
    for (const u of units) {
      if (u.level === 'province') wanted.push({ username: `tinh.${u.code}`, displayName: `Sở Nội vụ — ${u.name}`, roles: ['officer', 'reviewer', 'analyst'], unitCode: u.code, active: true });
      if (u.level === 'district') wanted.push({ username: `huyen.${u.code}`, displayName: `Phòng Nội vụ — ${u.name}`, roles: ['officer', 'reviewer', 'analyst'], unitCode: u.code, active: true });
      if (u.level === 'commune') wanted.push({ username: `xa.${u.code}`, displayName: `Cán bộ CCHC — ${u.name}`, roles: ['officer'], unitCode: u.code, active: true });
    }
    const repo = this.dataSource.getRepository(User);
    const have = new Set((await repo.find({ select: ['username'] })).map((u) => u.username));
    const missing = wanted.filter((w) => !have.has(w.username));
    if (missing.length === 0) return 0;
    const passwordHash = await UsersService.hash(this.config.demoPassword);
    const now = new Date();
    const rows = missing.map((m) => ({ ...m, passwordHash, createdAt: now }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await repo.createQueryBuilder().insert().into(User).values(rows.slice(i, i + CHUNK)).execute();
    }
    return rows.length;
  }

  private plan(template: Template, units: AdminUnit[]): PlannedReport[] {
    const communes = units.filter((u) => u.level === 'commune');
    let reference: ReportValues = {};
    let referenceNotes: Record<string, string> = {};
    let narrative: ReportNarrative | null = null;
    if (fs.existsSync(SEED_REPORT)) {
      const text = fs.readFileSync(SEED_REPORT, 'utf8');
      const parsed = parseAppendixText(text, template);
      reference = parsed.values;
      referenceNotes = parsed.notes;
      narrative = extractNarrative(text);
    } else {
      this.logger.warn(`${SEED_REPORT} missing: Quảng Thọ gets a generated report`);
    }
    const out: PlannedReport[] = [];
    for (const unit of communes) {
      const rnd = prng(seedOf(`status/${unit.code}`));
      const isSeed = unit.code === DEMO_COMMUNE && narrative !== null;
      const values2023 = isSeed
        ? (Object.fromEntries(Object.entries(reference).filter((e): e is [string, number] => typeof e[1] === 'number')) as Record<string, number>)
        : generateReport(template, reference, `${unit.code}/2023`);
      const values2022 = generateReport(template, values2023, `${unit.code}/2022`, { scale: 0.88, spread: 0.08, blankRate: 0.01 });

      const r23 = rnd();
      const status2023: ReportStatus | 'missing' =
        DISTRICT_477_STATUS_2023[unit.code] ??
        (r23 < 0.62 ? 'approved' : r23 < 0.76 ? 'submitted' : r23 < 0.84 ? 'returned' : r23 < 0.9 ? 'draft' : 'missing');
      const r22 = rnd();
      const status2022: ReportStatus | 'missing' = r22 < 0.9 ? 'approved' : r22 < 0.95 ? 'submitted' : 'missing';
      const lateness = rnd();

      const make = (periodId: string, status: ReportStatus | 'missing', values: Record<string, number>): void => {
        if (status === 'missing') return;
        const year = Number(periodId);
        const deadline = `${year}-12-20`;
        // Most submit in the first three weeks of December; about one in six after the deadline.
        const day = lateness < 0.16 ? addDays(deadline, 1 + Math.floor(rnd() * 9)) : addDays(`${year}-12-01`, Math.floor(rnd() * 20));
        const submittedAt = status === 'draft' ? null : isSeed && periodId === '2023' ? vnTime('2023-12-06', 15) : vnTime(day, 8 + Math.floor(rnd() * 9));
        const approvedAt = status === 'approved' && submittedAt ? new Date(submittedAt.getTime() + (1 + Math.floor(rnd() * 6)) * 86_400_000) : null;
        const returnedAt = status === 'returned' && submittedAt ? new Date(submittedAt.getTime() + (1 + Math.floor(rnd() * 3)) * 86_400_000) : null;
        out.push({
          unit,
          periodId,
          status,
          values,
          notes: isSeed && periodId === '2023' ? referenceNotes : {},
          narrative: isSeed && periodId === '2023' ? narrative : null,
          createdAt: submittedAt ? new Date(submittedAt.getTime() - 3 * 86_400_000) : vnTime(addDays(`${year}-12-01`, Math.floor(rnd() * 10)), 9),
          submittedAt,
          approvedAt,
          returnedAt,
          returnComment: status === 'returned' ? 'Đề nghị rà soát lại số liệu nhóm 3 (thủ tục hành chính) và bổ sung ghi chú cho các chỉ tiêu còn trống.' : null,
        });
      };
      make('2023', status2023, values2023);
      make('2022', status2022, values2022);
    }
    return out;
  }

  /** Whole reports with their history, through the report store's bulk path. */
  private async insertReports(em: EntityManager, planned: PlannedReport[], units: AdminUnit[]): Promise<void> {
    const byCode = new Map(units.map((u) => [u.code, u]));
    const reviewerOf = (u: AdminUnit) => {
      const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
      return parent?.level === 'district' ? `huyen.${parent.code}` : `tinh.${parent?.code ?? DEMO_PROVINCE}`;
    };
    const reports: SeedReport[] = planned.map((p) => {
      const updatedAt = p.approvedAt ?? p.returnedAt ?? p.submittedAt ?? p.createdAt;
      const officer = `xa.${p.unit.code}`;
      const reviewer = reviewerOf(p.unit);
      const seed: SeedReport = {
        row: {
          unitCode: p.unit.code,
          unitPath: p.unit.path,
          periodId: p.periodId,
          templateVersion: CURRENT_TEMPLATE_VERSION,
          status: p.status,
          version: p.status === 'draft' ? 1 : p.status === 'submitted' ? 2 : 3,
          narrative: p.narrative,
          // Only the seed report has a narrative: it carries its own document fields too.
          narrativeDoc: p.narrative ? structuredFromTextNarrative(p.narrative, Number(p.periodId.slice(0, 4))) : null,
          document: p.narrative ? QUANG_THO_2023_DOCUMENT : null,
          returnComment: p.returnComment,
          submittedAt: p.submittedAt,
          firstSubmittedAt: p.submittedAt,
          approvedAt: p.approvedAt,
          createdAt: p.createdAt,
          updatedAt,
          updatedBy: p.approvedAt || p.returnedAt ? reviewer : officer,
        },
        values: p.values,
        notes: p.notes,
        snapshots: [],
        comments: [],
        audit: [{ actor: officer, action: 'status', before: null, after: 'draft', at: p.createdAt }],
      };
      if (p.submittedAt) {
        seed.snapshots.push({ kind: 'submitted', reportVersion: 2, createdAt: p.submittedAt });
        seed.audit.push({ field: 'submit', actor: officer, action: 'status', before: 'draft', after: 'submitted', at: p.submittedAt });
      }
      if (p.approvedAt) {
        seed.snapshots.push({ kind: 'approved', reportVersion: 3, createdAt: p.approvedAt });
        seed.audit.push({ field: 'approve', actor: reviewer, action: 'status', before: 'submitted', after: 'approved', at: p.approvedAt });
      }
      if (p.returnedAt && p.returnComment) {
        seed.snapshots.push({ kind: 'returned', reportVersion: 3, createdAt: p.returnedAt });
        seed.comments.push({ indicatorCode: null, body: p.returnComment, author: reviewer, createdAt: p.returnedAt });
        seed.audit.push({ field: 'return', actor: reviewer, action: 'status', before: 'submitted', after: 'returned', at: p.returnedAt });
        seed.audit.push({ actor: reviewer, action: 'comment', before: null, after: p.returnComment, at: p.returnedAt });
      }
      return seed;
    });
    await this.store.insertSeed(em, reports);
  }
}
