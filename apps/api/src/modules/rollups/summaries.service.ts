import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ChildCoverage,
  CommuneReportValues,
  IndicatorNode,
  StoredStats,
  composeSummary,
  emptyStats,
  previousPeriodId,
  summarize,
  valueNodes,
} from '@cchc/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest } from '../../common/api-error';
import { PeriodsService } from '../periods/periods.service';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import { RollupState } from './entities/rollup-state.entity';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary } from './entities/summary.entity';
import { etagMatches, etagOf, subtreeStateFingerprint } from './rollup-etag';
import { TaggedJsonCache, type CachedJson } from './tagged-json-cache';
import { toIndicatorSummaryDto } from './indicator-summary.mapper';
import { readChildCoverage, readChildStats, readCountedCommuneValues } from './rollup-sources.reader';
import { RollupsService, countedStatuses } from './rollups.service';
import { statsFromSummary } from './entities/summary.entity';
import type { IndicatorSummaryDto, SummaryComparisonResponseDto, SummaryResponseDto } from './dto/summary-response.dto';

/** The read side: a unit's stored summary as the template tree, with its coverage and freshness. */
@Injectable()
export class SummariesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly rollups: RollupsService,
  ) {}

  /** Built bodies by unit, period and viewer kind, valid while the subtree's rollup state is unchanged. */
  private readonly cache = new TaggedJsonCache();

  /**
   * The summary's ETag, after the access checks: a hash of the rollup bookkeeping of the unit's subtree
   * (one query). Every approval below bumps a requested_seq and every write of the summary, its
   * coverage or a failure moves done_seq or failures, so an unchanged tag means an unchanged body.
   */
  private async tag(user: AuthUser, unitCode: string, periodId: string): Promise<{ unit: AdminUnit; etag: string }> {
    const unit = await this.units.getAccessible(user, unitCode);
    if (unit.level === 'commune') {
      throw badRequest(
        'unitCode',
        `"${unit.name}" là cấp xã: xã không có báo cáo tổng hợp, hãy xem báo cáo của xã.`,
        `"${unit.name}" is a commune: it has no summary, read its report instead.`,
      );
    }
    await this.periods.getOrThrow(periodId);
    const state = await subtreeStateFingerprint(this.dataSource, unit.path, [periodId]);
    const admin = user.roles.includes('administrator');
    return { unit, etag: etagOf(['summary', unitCode, periodId, this.rollups.template().version, this.rollups.basis, admin, state]) };
  }

  /** The summary, or only its ETag when `ifNoneMatch` already holds it. */
  async get(user: AuthUser, unitCode: string, periodId: string, ifNoneMatch?: string): Promise<{ etag: string; body: SummaryResponseDto | null }> {
    const { unit, etag } = await this.tag(user, unitCode, periodId);
    if (etagMatches(ifNoneMatch, etag)) return { etag, body: null };
    return { etag, body: await this.build(user, unit, periodId) };
  }

  /** As get, the body serialized, reused from the last build while the tag is unchanged. */
  async getCached(user: AuthUser, unitCode: string, periodId: string, ifNoneMatch?: string): Promise<{ etag: string; json: CachedJson | null }> {
    const { unit, etag } = await this.tag(user, unitCode, periodId);
    if (etagMatches(ifNoneMatch, etag)) return { etag, json: null };
    const admin = user.roles.includes('administrator');
    return { etag, json: await this.cache.get(`${unit.code}/${unit.tree}/${periodId}/${admin}`, etag, () => this.build(user, unit, periodId)) };
  }

  /** The body, read after its tag (see tag): at worst newer than the tag, never older. */
  private async build(user: AuthUser, unit: AdminUnit, periodId: string): Promise<SummaryResponseDto> {
    const unitCode = unit.code;
    const ds = this.dataSource;
    const [coverage, state, pendingBelow] = await Promise.all([
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
    ]);
    const template = this.rollups.template();
    // Written in the transaction that set done_seq and as_of: rows newer than the tag only make it change.
    const rows = await ds.getRepository(Summary).find({ where: { unitCode, periodId } });
    const children = await this.units.children(unit.code);
    const names = new Map(children.map((c) => [c.code, c.name]));
    const expected = coverage?.expected ?? (await this.units.communesUnder(unit)).length;
    const missingCodes = coverage?.missingChildren ?? children.map((c) => c.code);

    const stats = new Map(rows.map((r) => [r.indicatorCode, statsFromSummary(r)]));
    const indicators = template.nodes.map((node) => ({
      code: node.code,
      title: node.title,
      titleEn: node.titleEn ?? null,
      unit: node.displayUnit ?? node.unit,
      depth: node.depth,
      parent: node.parent ?? null,
      isHeading: node.isHeading,
      valueType: node.valueType ?? null,
      summary: node.valueType ? toIndicatorSummaryDto(node, summarize(node, stats.get(node.code) ?? emptyStats(node.code))) : null,
    }));

    const body: SummaryResponseDto = {
      unit: { code: unit.code, name: unit.name, level: unit.level },
      period: periodId,
      templateVersion: template.version,
      basis: coverage?.basis ?? this.rollups.basis,
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
      indicators,
    };
    return body;
  }

  /**
   * A fair comparison of two periods: both sides are composed (shared composeSummary) over only the
   * direct children counted in both, so a rise is not a district that reported this year only. Says
   * which children were left out and, per indicator, how many units each side counts.
   */
  async comparison(user: AuthUser, unitCode: string, periodId: string, withPeriod?: string): Promise<SummaryComparisonResponseDto> {
    const unit = await this.units.getAccessible(user, unitCode);
    if (unit.level === 'commune') {
      throw badRequest('unitCode', `"${unit.name}" là cấp xã: xã không có báo cáo tổng hợp.`, `"${unit.name}" is a commune: it has no summary.`);
    }
    await this.periods.getOrThrow(periodId);
    const prevId = withPeriod ?? previousPeriodId(periodId);
    if (!prevId || prevId === periodId) {
      throw badRequest('with', 'Cần một kỳ khác để so sánh (tham số with).', 'Another period to compare with is needed (parameter with).');
    }
    await this.periods.getOrThrow(prevId);
    const family = await this.units.familyOf(unit.code);
    const children = family?.children ?? [];
    const communeCodes = children.filter((c) => c.level === 'commune').map((c) => c.code);
    const groupKids = children.filter((c) => c.level !== 'commune');
    const ds = this.dataSource;
    const statuses = countedStatuses(this.rollups.basis);
    const sources = async (p: string): Promise<PeriodSources> => {
      const [communeValues, coverage] = await Promise.all([
        readCountedCommuneValues(ds, p, communeCodes, statuses),
        readChildCoverage(ds, this.units, p, groupKids),
      ]);
      const counted = new Set([...communeValues.map((r) => r.unitCode), ...coverage.filter((c) => c.reported > 0).map((c) => c.unitCode)]);
      return { communeValues, coverage, counted };
    };
    const [cur, prev] = await Promise.all([sources(periodId), sources(prevId)]);
    const common = children.filter((c) => cur.counted.has(c.code) && prev.counted.has(c.code));
    const commonCodes = new Set(common.map((c) => c.code));
    const commonGroups = common.filter((c) => c.level !== 'commune').map((c) => c.code);
    const template = this.rollups.template();
    const compose = async (p: string, src: PeriodSources) =>
      composeSummary(
        template,
        common.map((c) => ({ code: c.code, level: c.level })),
        src.communeValues.filter((r) => commonCodes.has(r.unitCode)),
        await readChildStats(ds, p, commonGroups),
        src.coverage.filter((c) => commonCodes.has(c.unitCode)),
      );
    const [a, b] = await Promise.all([compose(periodId, cur), compose(prevId, prev)]);
    const aBy = new Map(a.stats.map((x) => [x.code, x]));
    const bBy = new Map(b.stats.map((x) => [x.code, x]));
    const ref = (c: AdminUnit) => ({ code: c.code, name: c.name, level: c.level });
    return {
      unit: ref(unit),
      basis: this.rollups.basis,
      current: { period: periodId, reported: a.coverage.reported, expected: a.coverage.expected },
      previous: { period: prevId, reported: b.coverage.reported, expected: b.coverage.expected },
      childrenExpected: children.length,
      common: common.map(ref),
      onlyCurrent: children.filter((c) => cur.counted.has(c.code) && !commonCodes.has(c.code)).map(ref),
      onlyPrevious: children.filter((c) => prev.counted.has(c.code) && !commonCodes.has(c.code)).map(ref),
      indicators: valueNodes(template).map((node) => {
        const current = toDtoOrNull(node, aBy.get(node.code));
        const previous = toDtoOrNull(node, bBy.get(node.code));
        return {
          code: node.code,
          title: node.title,
          valueType: node.valueType ?? null,
          current,
          previous,
          change: current?.headline != null && previous?.headline != null ? current.headline - previous.headline : null,
        };
      }),
    };
  }
}

/** What one period offers of a unit's children: who is counted, and the sources to compose from. */
interface PeriodSources {
  communeValues: CommuneReportValues[];
  coverage: ChildCoverage[];
  counted: Set<string>;
}

function toDtoOrNull(node: IndicatorNode, stats: StoredStats | undefined): IndicatorSummaryDto | null {
  return stats ? toIndicatorSummaryDto(node, summarize(node, { ...stats, optionCounts: stats.optionCounts ?? {} })) : null;
}


