import { Inject, Injectable } from '@nestjs/common';
import {
  CommuneReportValues,
  IndicatorNode,
  Template,
  StoredStats,
  composeSummary,
  countedStatuses,
  previousPeriodId,
  summarize,
  valueNodes,
} from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { PeriodsService } from '../../periods/periods.service';
import { AdminUnit } from '../../units/entities/admin-unit.entity';
import { UnitsService } from '../../units/units.service';
import { etagMatches } from '../../../common/http/etag';
import { TaggedJsonCache, type CachedJson } from '../../../common/http/tagged-json-cache';
import { toIndicatorSummaryDto, toIndicatorTree } from './indicator-summary.mapper';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ReportReader } from '../../reports/report.reader';
import type { IndicatorSummaryDto, SummaryComparisonResponseDto } from './dto/summary-response.dto';
import type { HistorySummaryResponseDto } from '../current-tree/dto/history-summary.dto';
import type { FigureSource } from '../figure-source/figure-source';

/** A summary: serialized and tagged (json null: the caller's copy is current), or built for this request only. */
export type SummaryAnswer = { etag: string; json: CachedJson | null } | { etag: null; body: HistorySummaryResponseDto };

/** The read side: a unit's figures (from the request's FigureSource) as the template tree, with coverage and freshness; and the fair comparison of two periods. */
@Injectable()
export class SummariesService {
  constructor(
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly reports: ReportReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Built bodies by unit, period and viewer kind, valid while the subtree's rollup state is unchanged. */
  private readonly cache = new TaggedJsonCache();

  /**
   * The summary from a figure source: serialized and reused while the source's tag is unchanged (or only
   * the tag, when `ifNoneMatch` already holds it); a source with no tag computes the body per request.
   */
  async get(user: AuthUser, unitCode: string, periodId: string, source: FigureSource, ifNoneMatch?: string): Promise<SummaryAnswer> {
    const { unit, etag } = await source.summaryTag(user, unitCode, periodId);
    if (etag === null) return { etag, body: await this.build(source, user, unit, periodId) };
    if (etagMatches(ifNoneMatch, etag)) return { etag, json: null };
    const admin = user.roles.includes('administrator');
    return { etag, json: await this.cache.get(`${unit.code}/${unit.tree}/${periodId}/${admin}`, etag, () => this.build(source, user, unit, periodId)) };
  }

  /** The source's figures laid out as the template tree, with the unit's own figure on the rows its level reports. */
  private async build(source: FigureSource, user: AuthUser, unit: AdminUnit, periodId: string): Promise<HistorySummaryResponseDto> {
    const f = await source.summary(user, unit, periodId);
    const own = f.ownReport;
    return {
      unit: { code: unit.code, name: unit.name, level: unit.level },
      period: f.period,
      templateVersion: f.template.version,
      basis: f.basis,
      coverage: f.coverage,
      rollup: f.rollup,
      ownReport: own ? { status: own.status, counted: own.counted } : null,
      // Only rows the unit's level reports have an own figure; counted by the same basis as the consolidation.
      indicators: toIndicatorTree(
        f.template,
        (code) => f.stats.get(code),
        (node) => (own?.counted && node.levels?.includes(unit.level) ? { value: own.values[node.code] ?? null, status: own.status } : null),
      ),
      ...(f.history ? { history: f.history } : {}),
    };
  }

  /**
   * A fair comparison of two periods: both sides are composed (shared composeSummary) over the same
   * units — the communes of the whole subtree counted in both periods, plus, for rows only a district
   * reports, the districts' own reports counted in both — so a change is never a unit that reported in
   * one period only, nor a district that counted more of its communes. For a district this is its
   * communes counted in both. Four report reads in all (two per period), however large the province.
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
    const [subtree, children] = await Promise.all([this.units.subtree(unit), this.units.children(unit)]);
    const communes = subtree.filter((u) => u.level === 'commune');
    // The units between this one and its communes (a three-tier province's districts): their own reports
    // answer the rows communes do not report, as in the rollup.
    const groups = subtree.filter((u) => u.level !== 'commune' && u.code !== unit.code);
    const statuses = countedStatuses(this.config.rollupBasis);
    const sources = async (p: string): Promise<PeriodSources> => {
      const [communeValues, ownReports] = await Promise.all([
        this.reports.countedValues(p, communes.map((c) => c.code), statuses),
        this.reports.countedValues(p, groups.map((g) => g.code), statuses),
      ]);
      return { communeValues, ownReports };
    };
    const [cur, prev] = await Promise.all([sources(periodId), sources(prevId)]);
    const split = (all: AdminUnit[], a: CommuneReportValues[], b: CommuneReportValues[]) => {
      const inA = new Set(a.map((r) => r.unitCode));
      const inB = new Set(b.map((r) => r.unitCode));
      return {
        both: all.filter((u) => inA.has(u.code) && inB.has(u.code)),
        onlyA: all.filter((u) => inA.has(u.code) && !inB.has(u.code)),
        onlyB: all.filter((u) => !inA.has(u.code) && inB.has(u.code)),
      };
    };
    const communeSplit = split(communes, cur.communeValues, prev.communeValues);
    const ownSplit = split(groups, cur.ownReports, prev.ownReports);
    const inBoth = new Set([...communeSplit.both, ...ownSplit.both].map((u) => u.code));
    // Flat: every compared unit is a "child", so a district's stored summary (which counts whatever it
    // had that period) is never a source.
    const compared = [...communeSplit.both, ...ownSplit.both].map((u) => ({ code: u.code, level: u.level }));
    // Each period is read with its own version; only rows both versions have are compared.
    const [template, prevTemplate] = await Promise.all([this.periods.templateOf(periodId), this.periods.templateOf(prevId)]);
    const compose = (src: PeriodSources, t: Template) =>
      composeSummary(
        t,
        compared,
        src.communeValues.filter((r) => inBoth.has(r.unitCode)),
        [],
        [],
        src.ownReports.filter((r) => inBoth.has(r.unitCode)),
      );
    const a = compose(cur, template);
    const b = compose(prev, prevTemplate);
    const prevValueCodes = new Set(valueNodes(prevTemplate).map((n) => n.code));
    const prevCodeOf = (n: IndicatorNode): string | null =>
      prevValueCodes.has(n.code) ? n.code : n.renamedFrom !== undefined && prevValueCodes.has(n.renamedFrom) ? n.renamedFrom : null;
    const curNodes = valueNodes(template);
    const matchedPrev = new Set(curNodes.map(prevCodeOf).filter((c): c is string => c !== null));
    const aBy = new Map(a.stats.map((x) => [x.code, x]));
    const bBy = new Map(b.stats.map((x) => [x.code, x]));
    const parentNames = new Map(subtree.map((u) => [u.code, u.name]));
    const ref = (c: AdminUnit) => ({ code: c.code, name: c.name, level: c.level });
    // A left-out commune of a province is named with its district: names repeat across districts.
    const leftOut = (c: AdminUnit) => ({ ...ref(c), parentName: c.parentCode && c.parentCode !== unit.code ? (parentNames.get(c.parentCode) ?? null) : null });
    return {
      unit: ref(unit),
      basis: this.config.rollupBasis,
      current: { period: periodId, reported: a.coverage.reported, expected: a.coverage.expected },
      previous: { period: prevId, reported: b.coverage.reported, expected: b.coverage.expected },
      childrenExpected: children.length,
      communesExpected: communes.length,
      communesInBoth: communeSplit.both.length,
      communesCurrent: cur.communeValues.length,
      communesPrevious: prev.communeValues.length,
      common: communeSplit.both.map(ref),
      onlyCurrent: communeSplit.onlyA.map(leftOut),
      onlyPrevious: communeSplit.onlyB.map(leftOut),
      ownExpected: groups.length,
      ownInBoth: ownSplit.both.map(ref),
      ownOnlyCurrent: ownSplit.onlyA.map(ref),
      ownOnlyPrevious: ownSplit.onlyB.map(ref),
      templateVersion: template.version,
      previousTemplateVersion: prevTemplate.version,
      indicatorsOnlyCurrent: curNodes.filter((n) => prevCodeOf(n) === null).map((n) => n.code),
      indicatorsOnlyPrevious: [...prevValueCodes].filter((c) => !matchedPrev.has(c)),
      indicators: curNodes.flatMap((node) => {
        const prevCode = prevCodeOf(node);
        if (prevCode === null) return [];
        const current = toDtoOrNull(node, aBy.get(node.code));
        const previous = toDtoOrNull(node, bBy.get(prevCode));
        return [{
          code: node.code,
          title: node.title,
          valueType: node.valueType ?? null,
          // Rows no commune reports come from the districts' own reports (ownInBoth), not from communes.
          source: node.levels && !node.levels.includes('commune') ? 'own' : 'communes',
          current,
          previous,
          change: current?.headline != null && previous?.headline != null ? current.headline - previous.headline : null,
        }];
      }),
    };
  }
}

/** What one period offers of a unit's subtree: the counted reports of its communes and of the units between. */
interface PeriodSources {
  communeValues: CommuneReportValues[];
  ownReports: CommuneReportValues[];
}

function toDtoOrNull(node: IndicatorNode, stats: StoredStats | undefined): IndicatorSummaryDto | null {
  return stats ? toIndicatorSummaryDto(node, summarize(node, { ...stats, optionCounts: stats.optionCounts ?? {} })) : null;
}


