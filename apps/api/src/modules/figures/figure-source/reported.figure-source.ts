import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { combineStats, countedStatuses, isCounted, previousPeriodId, type IndicatorStats } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { etagOf } from '../../../common/http/etag';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PeriodsService } from '../../periods/periods.service';
import { ReportReader } from '../../reports/report.reader';
import { RollupState } from '../../rollups/entities/rollup-state.entity';
import { SummaryCoverage } from '../../rollups/entities/summary-coverage.entity';
import { Summary, statsFromSummary } from '../../rollups/entities/summary.entity';
import { subtreeStateFingerprint } from '../../rollups/rollup-state.fingerprint';
import { AdminUnit } from '../../units/entities/admin-unit.entity';
import { isNationalCode, NATIONAL_CODE } from '../../units/unit-trees';
import { UnitsService } from '../../units/units.service';
import type { UnitHistoryResponseDto } from '../current-tree/dto/unit-history-response.dto';
import type { RankingBasis, RankingQueryDto, RankingScope } from '../rankings/dto/ranking-query.dto';
import { assertNational, NATIONAL_REF, ref } from '../rankings/ranking-rows';
import { RankingRowsService } from '../rankings/ranking-rows.service';
import type { FigureSource, ListedFigures, PivotFigures, PivotRequest, RankedFigures, SummaryFigures, UnitFigures } from './figure-source';

/** Units per pivot page: a page (200 reports × ~80 values) is what an export holds at once; small pages die young and keep the heap flat. */
export const PAGE_SIZE = 200;

type StoredFigures = Map<string, { stats: Map<string, IndicatorStats>; coverage: SummaryCoverage | null }>;

/**
 * The figures as reported: what the rollups stored for each unit of its own tree (summaries, coverage,
 * scores, rollup state) and the communes' own reports. Summaries are tagged from the subtree's rollup
 * state, so they are cached and revalidated; rankings compare with the previous period.
 */
@Injectable()
export class ReportedFigureSource implements FigureSource {
  readonly tree = 'reported' as const;
  readonly stored = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly reports: ReportReader,
    private readonly rows: RankingRowsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A hash of the rollup bookkeeping of the unit's subtree (one query). Every approval below bumps a
   * requested_seq and every write of the summary, its coverage or a failure moves done_seq or failures,
   * so an unchanged tag means an unchanged body.
   */
  async summaryTag(user: AuthUser, unitCode: string, periodId: string): Promise<{ unit: AdminUnit; etag: string }> {
    const unit = await this.units.getAccessible(user, unitCode);
    if (unit.level === 'commune') {
      throw badRequest(
        'unitCode',
        `"${unit.name}" là cấp xã: xã không có báo cáo tổng hợp, hãy xem báo cáo của xã.`,
        `"${unit.name}" is a commune: it has no summary, read its report instead.`,
      );
    }
    const template = await this.periods.templateOf(periodId);
    const [state, own] = await Promise.all([
      subtreeStateFingerprint(this.dataSource, unit.path, [periodId]),
      // The unit's own report changes without a rollup of the unit itself (its parent is the one marked stale).
      this.reports.ownReportState(unit.code, periodId),
    ]);
    const admin = user.roles.includes('administrator');
    return { unit, etag: etagOf(['summary', unitCode, periodId, template.version, this.config.rollupBasis, admin, state, own]) };
  }

  /** Read after its tag (see summaryTag): at worst newer than the tag, never older. */
  async summary(user: AuthUser, unit: AdminUnit, periodId: string): Promise<SummaryFigures> {
    const unitCode = unit.code;
    const ds = this.dataSource;
    const [coverage, state, pendingBelow, ownReport] = await Promise.all([
      ds.getRepository(SummaryCoverage).findOne({ where: { unitCode, periodId } }),
      ds.getRepository(RollupState).findOne({ where: { unitCode, periodId } }),
      // A dirty unit anywhere in the subtree means this summary will still change.
      ds
        .getRepository(RollupState)
        .createQueryBuilder('s')
        .innerJoin(AdminUnit, 'u', 'u.code = s.unitCode')
        .where('s.periodId = :periodId AND s.dirty = :d', { periodId, d: true })
        .andWhere('u.path LIKE :p', { p: `${unit.path}%` })
        .getCount(),
      // The unit's own report, shown beside the consolidation of its children (docs/indicators.md).
      this.reports.ownReport(unitCode, periodId, countedStatuses(this.config.rollupBasis)),
    ]);
    const template = await this.periods.templateOf(periodId);
    // Written in the transaction that set done_seq and as_of: rows newer than the tag only make it change.
    const rows = await ds.getRepository(Summary).find({ where: { unitCode, periodId } });
    const children = await this.units.children(unit.code);
    const names = new Map(children.map((c) => [c.code, c.name]));
    const expected = coverage?.expected ?? (await this.units.communesUnder(unit)).length;
    const missingCodes = coverage?.missingChildren ?? children.map((c) => c.code);
    return {
      unit,
      period: periodId,
      template,
      basis: coverage?.basis ?? this.config.rollupBasis,
      stats: new Map(rows.map((r) => [r.indicatorCode, statsFromSummary(r)])),
      coverage: {
        expected,
        reported: coverage?.reported ?? 0,
        childrenExpected: coverage?.childrenExpected ?? children.length,
        childrenReported: coverage?.childrenReported ?? 0,
        missing: missingCodes.map((code) => ({ code, name: names.get(code) ?? code })),
        asOf: coverage?.asOf?.toISOString() ?? null,
        stale: pendingBelow > 0,
      },
      rollup: state
        ? {
            requestedSeq: state.requestedSeq,
            doneSeq: state.doneSeq,
            failures: state.failures,
            // A database error message is for administrators; others see that it failed.
            lastError: user.roles.includes('administrator') ? state.lastError : null,
          }
        : null,
      ownReport,
    };
  }

  /** The stored rows (or live ones for another basis) of the period and of the previous one, each scored with its own scheme. */
  async ranking(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<RankedFigures> {
    const basis: RankingBasis = q.basis ?? 'approved';
    const prevId = previousPeriodId(periodId);
    if (isNationalCode(unitCode)) {
      assertNational(q);
      await this.periods.getOrThrow(periodId);
      const prevExists = prevId ? await this.periods.exists(prevId) : false;
      const [rows, previous] = await Promise.all([
        this.rows.nationalRows(periodId, basis),
        prevExists && prevId ? this.rows.nationalRows(prevId, basis) : Promise.resolve(null),
      ]);
      const scheme = await this.periods.schemeOf(periodId);
      return { unit: NATIONAL_REF, period: periodId, previousPeriod: prevExists ? prevId : null, scope: 'children', basis, scheme, rows, previous };
    }
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    const scope: RankingScope = q.scope ?? 'children';
    const prevExists = prevId ? await this.periods.exists(prevId) : false;
    // Each period is scored with its own scheme (the rank change compares the two official lists).
    const scheme = await this.periods.schemeOf(periodId);
    const prevScheme = prevExists && prevId ? await this.periods.schemeOf(prevId) : scheme;
    const [rows, previous] = await Promise.all([
      this.rows.rowsOf(unit, scope, periodId, basis, scheme),
      prevExists && prevId ? this.rows.rowsOf(unit, scope, prevId, basis, prevScheme) : Promise.resolve(null),
    ]);
    return { unit: ref(unit), period: periodId, previousPeriod: prevExists ? prevId : null, scope, basis, scheme, rows, previous };
  }

  /** "VN" is the whole country (the access policy leaves it to administrators). 404 before 403, like every unit lookup. */
  async pivot(user: AuthUser, unitCode: string, periodId: string, q: PivotRequest): Promise<PivotFigures> {
    const unit = unitCode.toUpperCase() === NATIONAL_CODE ? null : await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    const template = await this.periods.templateOf(periodId);
    const scope = q.scope ?? 'children';
    const basis = q.basis ?? this.config.rollupBasis;
    const title = unit ? unit.name : 'Toàn quốc';
    return {
      unit,
      periodId,
      scope,
      basis,
      template,
      title,
      fileTag: scope === 'communes' && unit?.level !== 'commune' ? '_cac-xa' : '',
      attribution: null,
      totalName: `Tổng hợp: ${title}`,
      pages: () => this.pages(unit, periodId, scope, basis),
      total: () => this.total(unit, periodId, `Tổng hợp: ${title}`),
    };
  }

  /**
   * The listed units in path order (a province's communes grouped by district), keyset-paginated on the
   * path so an export of the whole country never holds more than one page: communes with their reports,
   * higher units with their stored figures.
   */
  private async *pages(unit: AdminUnit | null, periodId: string, scope: PivotRequest['scope'], basis: NonNullable<PivotRequest['basis']>): AsyncGenerator<ListedFigures[]> {
    let after = '';
    for (;;) {
      const page = await this.unitPage(unit, scope, after);
      if (page.length === 0) return;
      const communes = page.filter((u) => u.level === 'commune').map((u) => u.code);
      const others = page.filter((u) => u.level !== 'commune').map((u) => u.code);
      const [reports, stored] = await Promise.all([
        // Two queries whatever the page size.
        this.reports.pageValues(communes, periodId, (status) => isCounted(basis, status)),
        this.storedFigures(others, periodId),
      ]);
      yield page.map((u): ListedFigures => {
        if (u.level === 'commune') {
          const r = reports.get(u.code);
          return { kind: 'report', code: u.code, name: u.name, level: u.level, status: r ? r.status : 'missing', counted: !!r && isCounted(basis, r.status), values: r?.values ?? new Map() };
        }
        const s = stored.get(u.code);
        return { kind: 'figures', code: u.code, name: u.name, level: u.level, stats: s?.stats ?? new Map(), coverage: s?.coverage ?? null };
      });
      after = page[page.length - 1].path;
      if (page.length < PAGE_SIZE) return;
    }
  }

  private unitPage(unit: AdminUnit | null, scope: PivotRequest['scope'], after: string): Promise<AdminUnit[]> {
    const qb = this.dataSource.getRepository(AdminUnit).createQueryBuilder('u').where('u.path > :after', { after });
    // A unit's rows come from its own tree: with both trees loaded, 46's children are either the old districts or the new communes.
    if (unit) qb.andWhere('u.tree = :tree', { tree: unit.tree });
    if (unit && unit.level === 'commune') {
      qb.andWhere('u.code = :code', { code: unit.code });
    } else if (scope === 'communes') {
      qb.andWhere("u.level = 'commune'");
      if (unit) qb.andWhere('u.path LIKE :prefix', { prefix: `${unit.path}%` });
    } else if (unit) {
      qb.andWhere('u.parentCode = :code', { code: unit.code });
    } else {
      qb.andWhere('u.parentCode IS NULL');
    }
    return qb.orderBy('u.path', 'ASC').take(PAGE_SIZE).getMany();
  }

  /** The exported unit's own rollup, or for the whole country the provinces' rollups combined. */
  private async total(unit: AdminUnit | null, periodId: string, name: string): Promise<UnitFigures> {
    if (unit) {
      const s = (await this.storedFigures([unit.code], periodId)).get(unit.code);
      return { code: '', name, level: unit.level, stats: s?.stats ?? new Map(), coverage: s?.coverage ?? null };
    }
    const provinces = await this.dataSource.getRepository(AdminUnit).find({ where: { level: 'province' }, select: { code: true } });
    const all = await this.storedFigures(
      provinces.map((p) => p.code),
      periodId,
    );
    const stats = new Map<string, IndicatorStats>();
    let reported = 0;
    let expected = 0;
    let rolled = false;
    for (const s of all.values()) {
      for (const [code, st] of s.stats) {
        const cur = stats.get(code);
        stats.set(code, cur ? combineStats(cur, st) : st);
      }
      if (s.coverage) {
        rolled = true;
        reported += s.coverage.reported;
        expected += s.coverage.expected;
      }
    }
    return { code: '', name, level: 'country', stats, coverage: rolled ? { reported, expected } : null };
  }

  private async storedFigures(unitCodes: string[], periodId: string): Promise<StoredFigures> {
    const out: StoredFigures = new Map();
    if (unitCodes.length === 0) return out;
    const [rows, coverage] = await Promise.all([
      this.dataSource.getRepository(Summary).find({ where: { unitCode: In(unitCodes), periodId } }),
      this.dataSource.getRepository(SummaryCoverage).find({ where: { unitCode: In(unitCodes), periodId } }),
    ]);
    const entry = (code: string) => {
      let e = out.get(code);
      if (!e) out.set(code, (e = { stats: new Map(), coverage: null }));
      return e;
    };
    for (const c of coverage) entry(c.unitCode).coverage = c;
    for (const s of rows) entry(s.unitCode).stats.set(s.indicatorCode, statsFromSummary(s));
    return out;
  }

  /** A unit's own figures on its own tree are its summary: the history is of today's tree only. */
  unitHistory(): Promise<UnitHistoryResponseDto> {
    return Promise.reject(
      badRequest('tree', 'Lịch sử từ các đơn vị cũ chỉ có trên cây hiện hành (tree=current).', "History from old units exists on today's tree only (tree=current)."),
    );
  }
}
