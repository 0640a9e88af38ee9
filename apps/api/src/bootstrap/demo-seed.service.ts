import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, Like } from 'typeorm';
import { TEMPLATE_2023, parseAppendixText, ReportValues, structuredFromTextNarrative, Template } from '@cchc/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { DemoTree } from '../config/config.schema';
import { REPO_ROOT } from '../config/config.schema';
import { ScoringSchemesService } from '../modules/templates/scoring-schemes.service';
import { TemplatesService } from '../modules/templates/templates.service';
import { PeriodsService } from '../modules/periods/periods.service';
import { Report, ReportNarrative, ReportStatus } from '../modules/reports/entities/report.entity';
import { ReportStore, SeedReport } from '../modules/reports/report.store';
import { RollupOutboxService } from '../modules/rollups/rollup-outbox.service';
import { AdminUnit } from '../modules/units/entities/admin-unit.entity';
import { todayInVietnam, type TreeId } from '../modules/units/unit-trees';
import { User } from '../modules/users/entities/user.entity';
import { UsersService } from '../modules/users/users.service';
import { QUANG_THO_2023_DOCUMENT } from './demo-document';
import { extractNarrative, generateReport, prng, seedOf } from './demo-reports';
import { DemoParSeedService } from './demo-seed-par.service';
import { TWO_TIER_SCHEME_VERSION, TWO_TIER_TEMPLATE_VERSION, twoTierForm, twoTierScheme } from './demo-two-tier-form';

export const DEMO_PROVINCE = '46';
export const DEMO_DISTRICT = '477';
export const DEMO_COMMUNE = '19894';
// No empty later year: the web app opens on the latest period that has ended, which is then 2023, the demo's year.
export const DEMO_PERIODS = ['2022', '2023', '2023S1', '2023Q1', '2023Q3'];
/** The two-tier demo adds a complete 2025 and the 2026 season in progress (due 20/12/2026). */
export const TWO_TIER_PERIODS = ['2025', '2026'];
const HISTORY_PERIODS = ['2022', '2023'];
/** Who the start-up line invites to log in, per demo tree; only those that exist are named. */
const LOGIN_HINTS: Record<DemoTree, string[]> = {
  '2024': ['xa.19894', 'huyen.477', 'tinh.46', 'admin'],
  '2025': ['tinh.46', 'xa.19867', 'admin'],
};
const SEED_REPORT = path.join(REPO_ROOT, 'data/reference/bao-cao-cchc-2023-xa-quang-tho.txt');
const CHUNK = 200;
const RETURN_COMMENT = 'Đề nghị rà soát lại số liệu nhóm 3 (thủ tục hành chính) và bổ sung ghi chú cho các chỉ tiêu còn trống.';

type PlannedStatus = ReportStatus | 'missing';

/** The demo district's communes get a hand-picked mix so that the reviewer's board shows every state. */
const DISTRICT_477_STATUS_2023: Record<string, PlannedStatus> = {
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

/**
 * Thành phố Huế's 2026 season on 6 December 2026, two weeks before the deadline: a few hand-picked
 * communes are sure to show each state to the province's reviewer (Xã Quảng Điền, the merger's showcase,
 * is still drafting); the rest are drawn.
 */
const HUE_STATUS_2026: Record<string, PlannedStatus> = {
  '19867': 'draft',
  '19753': 'submitted',
  '19774': 'approved',
  '19777': 'returned',
  '19789': 'missing',
  '19885': 'draft',
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
  officer: string;
  reviewer: string;
}

/** When a period's reports were filed: from `first`, over `days` days; a share `late` lands after the deadline. */
interface Season {
  first: string;
  days: number;
  deadline: string;
  late: number;
  /** A review takes 1 to this many days. */
  reviewDays: number;
}

/** A Vietnam-time instant on a given day of the period's deadline month. */
const vnTime = (isoDate: string, hour: number) => new Date(`${isoDate}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const DAY = 86_400_000;
const yearSeason = (year: number): Season => ({ first: `${year}-12-01`, days: 20, deadline: `${year}-12-20`, late: 0.16, reviewDays: 6 });
// The season in progress: everything filed so far lies before 6/12/2026, none of it late yet.
const SEASON_2026: Season = { first: '2026-11-16', days: 17, deadline: '2026-12-20', late: 0, reviewDays: 3 };

/**
 * Demo data: periods, the demo accounts of DESIGN.md and reports. DEMO_TREE=2024: the real Quảng Thọ
 * report as its 2023 report (submitted, with its two real errors left for the reviewer to return), and
 * generated reports for every other commune of Tỉnh Thừa Thiên Huế for 2023 and 2022. DEMO_TREE=2025:
 * the same 2022–2023 reports stay on the old tree's units as history, and Thành phố Huế (the 2025 tree)
 * gets its 40 communes' and its own reports for 2025 (complete) and 2026 (in progress). Each part is
 * skipped when already there, so running it twice changes nothing.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly periods: PeriodsService,
    private readonly templates: TemplatesService,
    private readonly schemes: ScoringSchemesService,
    private readonly outbox: RollupOutboxService,
    private readonly store: ReportStore,
    private readonly par: DemoParSeedService,
  ) {}

  async seed(): Promise<void> {
    const started = Date.now();
    const tree = this.config.demoTree;
    const units = await this.dataSource.getRepository(AdminUnit).find({ where: { path: Like(`/${DEMO_PROVINCE}/%`) }, order: { code: 'ASC' } });
    const ofTree = (id: TreeId) => units.filter((u) => u.tree === id);
    const demoUnits = ofTree(tree);
    if (!demoUnits.some((u) => u.code === DEMO_PROVINCE) && units.length > 0) {
      // A database started with the other tree: mixing the two demos would bind accounts to the wrong units.
      throw new Error(
        `DEMO_TREE=${tree}: this database holds no ${tree} unit tree (it was first started with another one); ` +
          `use a new database (SQLITE_PATH or DATABASE_URL), or DEMO_TREE=${tree === '2025' ? '2024' : '2025'}`,
      );
    }
    // The history is reported on 2023.1, the two-tier years on the form the province derives for them.
    for (const id of DEMO_PERIODS) {
      if (!(await this.periods.findById(id))) await this.periods.upsert(id, { templateVersion: TEMPLATE_2023.version });
    }
    if (tree === '2025') {
      await this.publishTwoTierForm();
      for (const id of TWO_TIER_PERIODS) await this.bindTwoTierForm(id);
    }
    const users = await this.seedUsers(units);
    if (units.length === 0) {
      this.logger.warn(`province ${DEMO_PROVINCE} is not loaded: demo reports skipped`);
      return;
    }
    // The seed report is a 2023 report: its figures are read with the stored 2023.1.
    const template = await this.templates.getPublished(TEMPLATE_2023.version);
    const reference = this.reference(template);
    const old = ofTree('2024');
    let planned = 0;
    let values = 0;
    const count = (p: PlannedReport[]) => {
      planned += p.length;
      values += p.reduce((n, r) => n + Object.keys(r.values).length, 0);
    };
    // The three-tier years: the whole demo on DEMO_TREE=2024, the history on DEMO_TREE=2025.
    if (old.length > 0) {
      const part = await this.seedPart(old, HISTORY_PERIODS, () => this.planHistory(template, reference, old));
      if (part) count(part);
    } else {
      this.logger.warn('the 2024 unit tree is not loaded: no 2022–2023 history in the demo');
    }
    if (tree === '2025') {
      // Each two-tier year's reports hold the rows of the form its period binds.
      const forms = new Map<string, Template>();
      for (const id of TWO_TIER_PERIODS) forms.set(id, await this.periods.templateOf(id));
      const part = await this.seedPart(demoUnits, TWO_TIER_PERIODS, () => this.planTwoTier(forms, reference, demoUnits));
      if (part) count(part);
      const province = demoUnits.find((u) => u.code === DEMO_PROVINCE && u.level === 'province');
      // The PAR round reads the approved 2025 reports for its suggestions, so it comes after them.
      if (province) await this.par.seed(province, demoUnits.filter((u) => u.level === 'commune' && u.validTo === null));
    }
    this.logger.log(
      planned === 0
        ? `demo data already there (${users} accounts added)`
        : `demo data (tree ${tree}): ${users} accounts, ${planned} reports, ${values} values in ${Date.now() - started} ms`,
    );
  }

  /**
   * 2025.1 and its scheme, the administrator's way: the draft made from 2023.1's document as
   * `GET /api/templates/2023.1` returns it, validated like a `POST /api/templates`, then published.
   * A draft left by an interrupted start is replaced.
   */
  private async publishTwoTierForm(): Promise<void> {
    const form = await this.templates.getOrThrow(TWO_TIER_TEMPLATE_VERSION).catch(() => null);
    if (form?.status !== 'published') {
      if (form) await this.templates.removeDraft(TWO_TIER_TEMPLATE_VERSION);
      const base = (await this.templates.getOrThrow(TEMPLATE_2023.version)).template;
      await this.templates.createDraft(twoTierForm(base));
      await this.templates.publish(TWO_TIER_TEMPLATE_VERSION);
    }
    const scheme = await this.schemes.getOrThrow(TWO_TIER_SCHEME_VERSION).catch(() => null);
    if (scheme?.status === 'published') return;
    if (scheme) await this.schemes.removeDraft(TWO_TIER_SCHEME_VERSION);
    const base = await this.schemes.latestFor(TEMPLATE_2023.version);
    if (!base) throw new Error(`no published scoring scheme for ${TEMPLATE_2023.version} to derive ${TWO_TIER_SCHEME_VERSION} from`);
    await this.schemes.createDraft(twoTierScheme(base));
    await this.schemes.publish(TWO_TIER_SCHEME_VERSION);
  }

  /** A two-tier period binds 2025.1 unless reports on another version already exist (a database seeded before 2025.1). */
  private async bindTwoTierForm(id: string): Promise<void> {
    const period = await this.periods.findById(id);
    if (period?.templateVersion === TWO_TIER_TEMPLATE_VERSION) return;
    if (period && (await this.dataSource.getRepository(Report).exists({ where: { periodId: id } }))) {
      this.logger.warn(`period ${id} keeps template ${period.templateVersion ?? '(latest)'}: it has reports from before ${TWO_TIER_TEMPLATE_VERSION}`);
      return;
    }
    await this.periods.upsert(id, { templateVersion: TWO_TIER_TEMPLATE_VERSION });
  }

  /** The demo accounts the start-up line names: those of this demo tree that exist. */
  async loginHints(): Promise<string[]> {
    const wanted = LOGIN_HINTS[this.config.demoTree];
    const have = new Set((await this.dataSource.getRepository(User).find({ select: ['username'], where: { username: In(wanted) } })).map((u) => u.username));
    return wanted.filter((w) => have.has(w));
  }

  /** One part of the demo (a tree's periods): planned, written and queued for rollup only when none of it exists. */
  private async seedPart(units: AdminUnit[], periodIds: string[], plan: () => PlannedReport[]): Promise<PlannedReport[] | null> {
    const province = units.find((u) => u.code === DEMO_PROVINCE && u.level === 'province');
    if (!province) return null;
    const existing = await this.dataSource.getRepository(Report).count({ where: { unitPath: Like(`${province.path}%`), periodId: In(periodIds) } });
    if (existing > 0) return null;
    const planned = plan();
    const stale = units.filter((u) => u.level !== 'commune').map((u) => u.code);
    // Each report is made with its period's version, as one saved through the API would be; read before
    // the transaction, which must not take a second connection.
    const versionOf = new Map<string, string>();
    for (const id of new Set(planned.map((p) => p.periodId))) versionOf.set(id, (await this.periods.templateOf(id)).version);
    await this.dataSource.transaction(async (em) => {
      await this.insertReports(em, planned, versionOf);
      for (const periodId of periodIds) for (const code of stale) await this.outbox.markStale(em, code, periodId);
    });
    for (const periodId of periodIds) for (const code of stale) await this.outbox.kick(code, periodId);
    return planned;
  }

  /**
   * admin, then tinh.<province>, huyen.<district>, xa.<commune> for the units valid today; one bcrypt hash
   * shared by all (hashing 160 times would take seconds). A code names one unit at a date: with both trees
   * loaded, 19867 is Xã Quảng Điền today, not Thị trấn Sịa, and the old tree's units get no account.
   */
  private async seedUsers(units: AdminUnit[]): Promise<number> {
    const today = todayInVietnam();
    const valid = units.filter((u) => u.validFrom <= today && (u.validTo === null || u.validTo >= today));
    // A database holding only the 2024 tree answers for today with it, as UnitsService.resolve does.
    const current = valid.length > 0 ? valid : units;
    const wanted = new Map<string, Pick<User, 'username' | 'displayName' | 'roles' | 'unitCode' | 'active'>>([
      ['admin', { username: 'admin', displayName: 'Quản trị hệ thống', roles: ['administrator'], unitCode: null, active: true }],
    ]);
    const add = (w: Pick<User, 'username' | 'displayName' | 'roles' | 'unitCode' | 'active'>) => {
      if (!wanted.has(w.username)) wanted.set(w.username, w);
    };
    // A district and a province file their own report, review the level below and read their subtree.
    for (const u of current) {
      if (u.level === 'province') add({ username: `tinh.${u.code}`, displayName: `Sở Nội vụ — ${u.name}`, roles: ['officer', 'reviewer', 'analyst'], unitCode: u.code, active: true });
      if (u.level === 'district') add({ username: `huyen.${u.code}`, displayName: `Phòng Nội vụ — ${u.name}`, roles: ['officer', 'reviewer', 'analyst'], unitCode: u.code, active: true });
      if (u.level === 'commune') add({ username: `xa.${u.code}`, displayName: `Cán bộ CCHC — ${u.name}`, roles: ['officer'], unitCode: u.code, active: true });
    }
    const repo = this.dataSource.getRepository(User);
    const have = new Set((await repo.find({ select: ['username'] })).map((u) => u.username));
    const missing = [...wanted.values()].filter((w) => !have.has(w.username));
    if (missing.length === 0) return 0;
    const passwordHash = await UsersService.hash(this.config.demoPassword);
    const now = new Date();
    const rows = missing.map((m) => ({ ...m, passwordHash, createdAt: now }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await repo.createQueryBuilder().insert().into(User).values(rows.slice(i, i + CHUNK)).execute();
    }
    return rows.length;
  }

  /** Quảng Thọ's real 2023 report: the base every generated report varies around. */
  private reference(template: Template): { values: ReportValues; notes: Record<string, string>; narrative: ReportNarrative | null } {
    if (!fs.existsSync(SEED_REPORT)) {
      this.logger.warn(`${SEED_REPORT} missing: Quảng Thọ gets a generated report`);
      return { values: {}, notes: {}, narrative: null };
    }
    const text = fs.readFileSync(SEED_REPORT, 'utf8');
    const parsed = parseAppendixText(text, template);
    return { values: parsed.values, notes: parsed.notes, narrative: extractNarrative(text) };
  }

  /** 2022 and 2023 of Tỉnh Thừa Thiên Huế's communes on the 2024 tree; each reviewed by its district. */
  private planHistory(template: Template, ref: ReturnType<DemoSeedService['reference']>, units: AdminUnit[]): PlannedReport[] {
    const reviewer = new Map(units.filter((u) => u.level === 'commune').map((u) => [u.code, `huyen.${u.parentCode ?? DEMO_DISTRICT}`]));
    const out: PlannedReport[] = [];
    for (const unit of units.filter((u) => u.level === 'commune')) {
      const rnd = prng(seedOf(`status/${unit.code}`));
      const isSeed = unit.code === DEMO_COMMUNE && ref.narrative !== null;
      const values2023 = isSeed
        ? (Object.fromEntries(Object.entries(ref.values).filter((e): e is [string, number] => typeof e[1] === 'number')) as Record<string, number>)
        : generateReport(template, ref.values, `${unit.code}/2023`);
      const values2022 = generateReport(template, values2023, `${unit.code}/2022`, { scale: 0.88, spread: 0.08, blankRate: 0.01 });

      const r23 = rnd();
      const status2023: PlannedStatus =
        DISTRICT_477_STATUS_2023[unit.code] ??
        (r23 < 0.62 ? 'approved' : r23 < 0.76 ? 'submitted' : r23 < 0.84 ? 'returned' : r23 < 0.9 ? 'draft' : 'missing');
      const r22 = rnd();
      const status2022: PlannedStatus = r22 < 0.9 ? 'approved' : r22 < 0.95 ? 'submitted' : 'missing';
      const lateness = rnd();
      const who = { officer: `xa.${unit.code}`, reviewer: reviewer.get(unit.code) ?? `tinh.${DEMO_PROVINCE}` };
      const seed2023 = isSeed ? { submittedAt: vnTime('2023-12-06', 15), notes: ref.notes, narrative: ref.narrative } : {};
      push(out, plan(unit, '2023', status2023, values2023, yearSeason(2023), lateness, rnd, who, seed2023));
      push(out, plan(unit, '2022', status2022, values2022, yearSeason(2022), lateness, rnd, who));
    }
    return out;
  }

  /**
   * Thành phố Huế on the 2025 tree: its 40 communes report straight to the province, which reviews them
   * (tinh.46); the province files its own report too, reviewed by the administrator standing in for the
   * ministry. 2025 is a complete year (nearly all approved); 2026 is the season in progress, in every state.
   */
  private planTwoTier(forms: Map<string, Template>, ref: ReturnType<DemoSeedService['reference']>, units: AdminUnit[]): PlannedReport[] {
    const out: PlannedReport[] = [];
    const form = (id: string) => forms.get(id) as Template;
    for (const unit of units) {
      const rnd = prng(seedOf(`status-2025/${unit.code}`));
      const level = unit.level;
      // A merged commune is about three of the old ones: its counts are scaled to match.
      const values2026 = generateReport(form('2026'), ref.values, `${unit.code}@2025/2026`, { level, scale: level === 'commune' ? 3 : 1 });
      const values2025 = generateReport(form('2025'), values2026, `${unit.code}@2025/2025`, { level, scale: 0.92, spread: 0.08, blankRate: 0.01 });
      const r25 = rnd();
      const r26 = rnd();
      const status2025: PlannedStatus = level !== 'commune' || r25 < 0.92 ? 'approved' : 'submitted';
      const status2026: PlannedStatus =
        level !== 'commune'
          ? 'draft'
          : (HUE_STATUS_2026[unit.code] ?? (r26 < 0.3 ? 'approved' : r26 < 0.55 ? 'submitted' : r26 < 0.65 ? 'returned' : r26 < 0.85 ? 'draft' : 'missing'));
      const who = level === 'commune' ? { officer: `xa.${unit.code}`, reviewer: `tinh.${DEMO_PROVINCE}` } : { officer: `tinh.${unit.code}`, reviewer: 'admin' };
      const lateness = rnd();
      push(out, plan(unit, '2025', status2025, values2025, yearSeason(2025), lateness, rnd, who));
      push(out, plan(unit, '2026', status2026, values2026, SEASON_2026, lateness, rnd, who));
    }
    return out;
  }

  /** Whole reports with their history, through the report store's bulk path. */
  private async insertReports(em: EntityManager, planned: PlannedReport[], versionOf: Map<string, string>): Promise<void> {
    const reports: SeedReport[] = planned.map((p) => {
      const updatedAt = p.approvedAt ?? p.returnedAt ?? p.submittedAt ?? p.createdAt;
      const { officer, reviewer } = p;
      const seed: SeedReport = {
        row: {
          unitCode: p.unit.code,
          unitPath: p.unit.path,
          periodId: p.periodId,
          templateVersion: versionOf.get(p.periodId) as string,
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

const push = (out: PlannedReport[], p: PlannedReport | null) => {
  if (p) out.push(p);
};

/** One report as the workflow would have left it: dates drawn in the period's season, a history to match. */
function plan(
  unit: AdminUnit,
  periodId: string,
  status: PlannedStatus,
  values: Record<string, number>,
  season: Season,
  lateness: number,
  rnd: () => number,
  who: { officer: string; reviewer: string },
  seed: { submittedAt?: Date; notes?: Record<string, string>; narrative?: ReportNarrative | null } = {},
): PlannedReport | null {
  if (status === 'missing') return null;
  // Most submit within the season; a share `late` after the deadline.
  const day = lateness < season.late ? addDays(season.deadline, 1 + Math.floor(rnd() * 9)) : addDays(season.first, Math.floor(rnd() * season.days));
  const submittedAt = status === 'draft' ? null : (seed.submittedAt ?? vnTime(day, 8 + Math.floor(rnd() * 9)));
  const approvedAt = status === 'approved' && submittedAt ? new Date(submittedAt.getTime() + (1 + Math.floor(rnd() * season.reviewDays)) * DAY) : null;
  const returnedAt = status === 'returned' && submittedAt ? new Date(submittedAt.getTime() + (1 + Math.floor(rnd() * 3)) * DAY) : null;
  return {
    unit,
    periodId,
    status,
    values,
    notes: seed.notes ?? {},
    narrative: seed.narrative ?? null,
    createdAt: submittedAt ? new Date(submittedAt.getTime() - 3 * DAY) : vnTime(addDays(season.first, Math.floor(rnd() * Math.min(10, season.days))), 9),
    submittedAt,
    approvedAt,
    returnedAt,
    returnComment: status === 'returned' ? RETURN_COMMENT : null,
    officer: who.officer,
    reviewer: who.reviewer,
  };
}
