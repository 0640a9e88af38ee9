import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  LEVEL_NAME_EN,
  LEVEL_NAME_VI,
  indexTemplate,
  isCounted,
  meanScore,
  orderRows,
  periodLabel,
  previousPeriodId,
  rankRows,
  scoreFigure,
  scoreReport,
  type ScoringScheme,
  type UnitScore,
} from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { badRequest, forbidden, notFound } from '../../../common/api-error';
import { PeriodsService } from '../../periods/periods.service';
import { ScoringSchemesService } from '../../templates/scoring-schemes.service';
import { TemplatesService } from '../../templates/templates.service';
import { Report, ReportStatus } from '../../reports/entities/report.entity';
import { loadReportValues } from '../../reports/report.store';
import { etagOf } from '../../../common/http/etag';
import { subtreeStateFingerprint } from '../../rollups/rollup-state.fingerprint';
import { TaggedJsonCache, type CachedJson } from '../../../common/http/tagged-json-cache';
import type { UnitScoreRow } from '../../rollups/entities/unit-score.entity';
import { readUnitScores } from '../../rollups/unit-scores';
import { AdminUnit } from '../../units/entities/admin-unit.entity';
import { UnitsService } from '../../units/units.service';

type Row = Omit<RankingRowDto, 'previousRank' | 'rankChange'>;
import { NATIONAL_CODE, isNationalCode } from '../../units/unit-trees';
import type { RankingBasis, RankingQueryDto, RankingScope } from './dto/ranking-query.dto';
import type { BreakdownResponseDto, DomainRankDto, RankingResponseDto, RankingRowDto } from './dto/ranking-response.dto';

const CHUNK = 1000;

/** One ranked row: a commune, or a unit whose score is the mean of its scored communes. */
interface Group {
  unit: AdminUnit;
  communes: string[];
  /** A commune's district, when the ranked list spans several districts. */
  district: AdminUnit | null;
}

interface CommuneScore {
  status: ReportStatus | 'missing';
  score: UnitScore | null;
}


/**
 * Rankings of a unit's children (or of all its communes) by the shared scoring scheme. A commune
 * is scored from its own report; a district's score is the mean of its scored communes' scores, so
 * one scheme ranks every level and a district with unscored communes says how many were scored.
 */
@Injectable()
export class RankingsService {
  /** Built rankings by their ETag; a changed state is a new tag, so an old body is never reused. */
  private readonly cache = new TaggedJsonCache();

  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly templates: TemplatesService,
    private readonly schemes: ScoringSchemesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The ranking's ETag: a hash of what it is built from — the query, the threshold, the scheme, the
   * rollup state of the subtree (stored scores change only through it) for the period and the previous
   * one, and, where communes are listed, how many reports are in each status (a commune's status is
   * shown live, and a draft being submitted does not touch the rollups). A basis other than the
   * rollups' is scored live, so it also hashes the reports' versions. Checked before anything is read.
   */
  async rankingEtag(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<string> {
    if (isNationalCode(unitCode)) return this.nationalEtag(periodId, q);
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    const periodIds = await this.periodIds(periodId);
    const basis: RankingBasis = q.basis ?? 'approved';
    const scope: RankingScope = q.scope ?? 'children';
    const stored = basis === this.config.rollupBasis;
    // A commune's ranking is its parent's list: fingerprint from the parent down.
    const root = unit.level === 'commune' && unit.parentCode ? await this.units.getOrThrow(unit.parentCode) : unit;
    const listsCommunes = !stored || scope === 'communes' || ((await this.units.familyOf(root.code))?.children ?? []).some((c) => c.level === 'commune');
    const [reports, states] = await Promise.all([
      listsCommunes ? this.reportsFingerprint(root.path, periodIds, !stored) : Promise.resolve([]),
      subtreeStateFingerprint(this.dataSource, root.path, periodIds),
    ]);
    return etagOf(['ranking', unit.code, periodIds, scope, basis, this.config.rankingMinCoverage, (await this.periods.schemeOf(periodId)).version, reports, states]);
  }

  /**
   * The ranking as JSON for a tag just computed by rankingEtag (which checked access): the tag names
   * everything the body is built from, query included, so it alone keys the reused body.
   */
  rankingCached(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto, etag: string): Promise<CachedJson> {
    return this.cache.get(etag, etag, () => this.ranking(user, unitCode, periodId, q));
  }

  private async periodIds(periodId: string): Promise<string[]> {
    const prevId = previousPeriodId(periodId);
    const prevExists = prevId ? await this.periods.exists(prevId) : false;
    return prevExists && prevId ? [periodId, prevId] : [periodId];
  }

  private async reportsFingerprint(path: string, periodIds: string[], withVersions: boolean): Promise<unknown[]> {
    const qb = this.dataSource
      .getRepository(Report)
      .createQueryBuilder('r')
      .select('r.periodId', 'p')
      .addSelect('r.status', 's')
      .addSelect('COUNT(*)', 'n')
      .where('r.periodId IN (:...periodIds)', { periodIds })
      .andWhere('r.unitPath LIKE :p', { p: `${path}%` })
      .groupBy('r.periodId')
      .addGroupBy('r.status')
      .orderBy('r.periodId')
      .addOrderBy('r.status');
    if (withVersions) qb.addSelect('SUM(r.version)', 'v').addSelect('MAX(r.updatedAt)', 't');
    const rows = await qb.getRawMany<{ p: string; s: string; n: number | string; v?: number | string; t?: unknown }>();
    return rows.map((r) => [r.p, r.s, Number(r.n), Number(r.v ?? 0), r.t instanceof Date ? r.t.toISOString() : typeof r.t === 'string' || typeof r.t === 'number' ? String(r.t) : '']);
  }

  /**
   * The national ranking's tag: like a unit's, over the rollup state of every province and district
   * (the provinces’ stored scores change only through it). Checks the query first.
   */
  private async nationalEtag(periodId: string, q: RankingQueryDto): Promise<string> {
    assertNational(q);
    await this.periods.getOrThrow(periodId);
    const periodIds = await this.periodIds(periodId);
    const basis: RankingBasis = q.basis ?? 'approved';
    const stored = basis === this.config.rollupBasis;
    const [reports, states] = await Promise.all([
      stored ? Promise.resolve([]) : this.reportsFingerprint('/', periodIds, true),
      subtreeStateFingerprint(this.dataSource, '/', periodIds),
    ]);
    return etagOf(['ranking', NATIONAL_CODE, periodIds, 'children', basis, this.config.rankingMinCoverage, (await this.periods.schemeOf(periodId)).version, reports, states]);
  }

  /**
   * The provinces of the tree in force at the period's end (codes are reused across trees), ranked by
   * their stored scores with the rule every ranking uses (rankRows: coverage threshold, shared rankUnits).
   */
  private async nationalRows(periodId: string, basis: RankingBasis): Promise<Row[]> {
    const period = await this.periods.getOrThrow(periodId);
    const provinces = await this.units.provincesAt(period.endDate);
    const scheme = await this.periods.schemeOf(periodId);
    if (basis === this.config.rollupBasis) return this.storedRows({ units: provinces, districts: new Map(), rankHere: true }, periodId, scheme);
    const groups = await Promise.all(
      provinces.map(async (p): Promise<Group> => ({ unit: p, communes: (await this.units.communesUnder(p)).map((c) => c.code), district: null })),
    );
    return this.rank(groups, periodId, basis, scheme);
  }

  async ranking(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<RankingResponseDto> {
    if (isNationalCode(unitCode)) {
      assertNational(q);
      await this.periods.getOrThrow(periodId);
      const basis: RankingBasis = q.basis ?? 'approved';
      const prevId = previousPeriodId(periodId);
      const prevExists = prevId ? await this.periods.exists(prevId) : false;
      const [current, previous] = await Promise.all([
        this.nationalRows(periodId, basis),
        prevExists && prevId ? this.nationalRows(prevId, basis) : Promise.resolve(null),
      ]);
      return this.response(NATIONAL_REF, periodId, prevExists ? prevId : null, 'children', basis, current, previous, await this.periods.schemeOf(periodId));
    }
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    const scope: RankingScope = q.scope ?? 'children';
    const basis: RankingBasis = q.basis ?? 'approved';
    const prevId = previousPeriodId(periodId);
    const prevExists = prevId ? await this.periods.exists(prevId) : false;
    let current: Row[];
    let previous: Row[] | null;
    // Each period is scored with its own scheme (the rank change compares the two official lists).
    const scheme = await this.periods.schemeOf(periodId);
    const prevScheme = prevExists && prevId ? await this.periods.schemeOf(prevId) : scheme;
    if (basis === this.config.rollupBasis) {
      // The rollups' basis: a lookup of the scores and ranks the rollup passes stored.
      const list = await this.storedList(unit, scope);
      [current, previous] = await Promise.all([
        this.storedRows(list, periodId, scheme),
        prevExists && prevId ? this.storedRows(list, prevId, prevScheme) : Promise.resolve(null),
      ]);
    } else {
      const groups = await this.groups(unit, scope);
      [current, previous] = await Promise.all([
        this.rank(groups, periodId, basis, scheme),
        prevExists && prevId ? this.rank(groups, prevId, basis, prevScheme) : Promise.resolve(null),
      ]);
    }
    return this.response(ref(unit), periodId, prevExists ? prevId : null, scope, basis, current, previous, scheme);
  }

  /**
   * The ranking the unit's list would have under another scheme (a draft, typically), scored live
   * from the stored reports of the scheme's template version. Reads only: nothing is stored, so
   * an administrator sees whom new weights move before publishing them.
   */
  async preview(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<RankingResponseDto> {
    if (!user.roles.includes('administrator')) {
      throw forbidden('Chỉ quản trị viên được xem thử xếp hạng theo cách chấm điểm chưa ban hành.', 'Only administrators may preview a ranking with another scheme.');
    }
    const { scheme } = await this.schemes.getOrThrow(q.scheme as string);
    const template = await this.periods.templateOf(periodId);
    if (scheme.templateVersion !== template.version) {
      throw badRequest('scheme', `Cách chấm điểm "${scheme.version}" dành cho biểu mẫu "${scheme.templateVersion}", còn kỳ ${periodId} dùng "${template.version}".`, `Scheme "${scheme.version}" is for template "${scheme.templateVersion}"; period ${periodId} uses "${template.version}".`);
    }
    const unit = await this.units.getAccessible(user, unitCode);
    const scope: RankingScope = q.scope ?? 'children';
    const basis: RankingBasis = q.basis ?? 'approved';
    const current = await this.rank(await this.groups(unit, scope), periodId, basis, scheme);
    return this.response(ref(unit), periodId, null, scope, basis, current, null, scheme);
  }

  /** The response around ranked rows, with each row's change of rank since the previous period. */
  private response(
    unit: RankingResponseDto['unit'],
    periodId: string,
    prevId: string | null,
    scope: RankingScope,
    basis: RankingBasis,
    current: Row[],
    previous: Row[] | null,
    scheme: ScoringScheme,
  ): RankingResponseDto {
    const prevRank = new Map((previous ?? []).map((r) => [r.unit.code, r.rank]));
    const rows: RankingRowDto[] = current.map((r) => {
      const before = prevRank.get(r.unit.code) ?? null;
      return { ...r, previousRank: before, rankChange: before !== null && r.rank !== null ? before - r.rank : null };
    });
    return {
      unit,
      period: periodId,
      previousPeriod: prevId,
      scope,
      basis,
      schemeVersion: scheme.version,
      minCoverage: this.config.rankingMinCoverage,
      domains: scheme.domains.map((d) => ({
        code: d.code,
        title: d.title,
        max: d.criteria.filter((c) => !c.levels || c.levels.includes('commune')).reduce((s, c) => s + c.maxPoints, 0),
      })),
      rows,
    };
  }

  /** Why a commune scored what it scored: every criterion with its inputs, points and reason, and its rank among its siblings. */
  async breakdown(user: AuthUser, unitCode: string, periodId: string, q: Pick<RankingQueryDto, 'basis'>): Promise<BreakdownResponseDto> {
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    if (unit.level !== 'commune') {
      throw badRequest(
        'unitCode',
        `"${unit.name}" thuộc ${LEVEL_NAME_VI[unit.level]}: bảng điểm chi tiết tính cho từng xã; hãy xem bảng xếp hạng của đơn vị.`,
        `"${unit.name}" is a ${LEVEL_NAME_EN[unit.level]}: the breakdown is per commune; see the unit's ranking.`,
      );
    }
    const basis: RankingBasis = q.basis ?? 'approved';
    const report = await this.dataSource.getRepository(Report).findOne({ where: { unitCode: unit.code, periodId } });
    if (!report) {
      throw notFound(`${unit.name} chưa có báo cáo kỳ ${periodLabel(periodId)}.`, `${unit.name} has no report for ${periodLabel(periodId, 'en')}.`, 'period');
    }
    const template = await this.templates.getPublished(report.templateVersion);
    const values = (await loadReportValues(this.dataSource, [report.id])).get(report.id) ?? {};
    const scheme = await this.periods.schemeOf(periodId);
    const score = scoreReport(scheme, template, values, 'commune');
    const counted = isCounted(basis, report.status);

    // Rank among the parent's communes: the siblings are scored too, but only the rank is shown.
    let rank: number | null = null;
    let rankedAmong = 0;
    if (counted && unit.parentCode) {
      const parent = await this.units.getOrThrow(unit.parentCode);
      const ranked = await this.rank(await this.groups(parent, 'communes'), periodId, basis, scheme);
      rank = ranked.find((r) => r.unit.code === unit.code)?.rank ?? null;
      rankedAmong = ranked.filter((r) => r.rank !== null).length;
    }
    const idx = indexTemplate(template);
    return {
      unit: ref(unit),
      period: periodId,
      status: report.status,
      counted,
      basis,
      schemeVersion: score.schemeVersion,
      total: { points: score.total, max: score.max, percent: score.percent },
      rank,
      rankedAmong,
      domains: score.domains.map((d) => ({
        ...d,
        criteria: d.criteria.map((c) => ({
          ...c,
          inputs: Object.entries(c.inputs).map(([code, value]) => ({
            code,
            title: idx.get(code)?.title ?? code,
            unit: idx.get(code)?.displayUnit ?? idx.get(code)?.unit ?? '',
            value,
          })),
        })),
      })),
    };
  }

  /**
   * The units a stored ranking lists: the children (ranked by their parent's pass, ranks stored) or
   * every commune of the subtree (ranked here over their stored scores: they are not siblings).
   */
  private async storedList(unit: AdminUnit, scope: RankingScope): Promise<StoredList> {
    if (scope === 'communes' || unit.level === 'commune') {
      const [communes, children] = await Promise.all([this.units.communesUnder(unit), this.units.children(unit)]);
      const parents = new Map(children.filter((c) => c.level !== 'commune').map((c) => [c.code, c]));
      return { units: communes, districts: new Map(communes.map((c) => [c.code, (c.parentCode && parents.get(c.parentCode)) || null])), rankHere: true };
    }
    return { units: await this.units.children(unit), districts: new Map(), rankHere: false };
  }

  private async storedRows(list: StoredList, periodId: string, scheme: ScoringScheme): Promise<Row[]> {
    const codes = list.units.map((u) => u.code);
    const communeCodes = list.units.filter((u) => u.level === 'commune').map((u) => u.code);
    const [stored, statuses, expected] = await Promise.all([
      readUnitScores(this.dataSource, periodId, codes),
      this.statuses(communeCodes, periodId),
      // A child not rolled up yet has no row: it still expects its communes.
      Promise.all(list.units.map(async (u) => [u.code, await this.units.communeCount(u)] as const)),
    ]);
    const byCode = new Map(stored.map((r) => [r.unitCode, r]));
    const expectedOf = new Map(expected);
    const rows = list.units.map((u) => storedRow(u, byCode.get(u.code), list.districts.get(u.code) ?? null, statuses.get(u.code), expectedOf.get(u.code) ?? 0, !list.rankHere, scheme));
    return list.rankHere ? rankRows(scheme, rows, this.config.rankingMinCoverage) : orderRows(rows);
  }

  /** The communes' report statuses (shown as they are now; only counted reports are scored). */
  private async statuses(codes: string[], periodId: string): Promise<Map<string, ReportStatus>> {
    const out = new Map<string, ReportStatus>();
    for (let i = 0; i < codes.length; i += CHUNK) {
      const rows = await this.dataSource.getRepository(Report).find({
        where: { unitCode: In(codes.slice(i, i + CHUNK)), periodId },
        select: { unitCode: true, status: true },
      });
      for (const r of rows) out.set(r.unitCode, r.status);
    }
    return out;
  }

  /** The rows to rank: each commune alone, or each child with the communes beneath it. */
  private async groups(unit: AdminUnit, scope: RankingScope): Promise<Group[]> {
    const communes = await this.units.communesUnder(unit);
    if (scope === 'communes' || unit.level === 'commune') {
      // Across a province the list mixes districts: each commune says which one it belongs to.
      const parents = new Map((await this.units.children(unit.code)).filter((c) => c.level !== 'commune').map((c) => [c.code, c]));
      return communes.map((c) => ({ unit: c, communes: [c.code], district: (c.parentCode && parents.get(c.parentCode)) || null }));
    }
    const children = await this.units.children(unit.code);
    return children.map((child) => ({
      unit: child,
      communes: child.level === 'commune' ? [child.code] : communes.filter((c) => c.path.startsWith(child.path)).map((c) => c.code),
      district: null,
    }));
  }

  /**
   * Ranks the rows. A commune is ranked when its report is scored; a district or province only when
   * it scored at least RANKING_MIN_COVERAGE of its communes, so a unit is not ranked on a few good
   * communes. The unranked follow the ranked: first those with a score (by score), then the rest.
   */
  private async rank(groups: Group[], periodId: string, basis: RankingBasis, scheme: ScoringScheme): Promise<Row[]> {
    const scores = await this.scoreCommunes(groups.flatMap((g) => g.communes), periodId, basis, scheme);
    const rows: Row[] = groups.map((g) => (g.unit.level === 'commune' ? communeRow(g, scores.get(g.unit.code)) : groupRow(g, scores, scheme)));
    return rankRows(scheme, rows, this.config.rankingMinCoverage);
  }

  /** Scores of the communes' counted reports: one query for the reports, one per 1,000 reports for all their values. */
  private async scoreCommunes(codes: string[], periodId: string, basis: RankingBasis, scheme: ScoringScheme): Promise<Map<string, CommuneScore>> {
    const out = new Map<string, CommuneScore>();
    const reports: Report[] = [];
    for (let i = 0; i < codes.length; i += CHUNK) {
      reports.push(
        ...(await this.dataSource.getRepository(Report).find({
          where: { unitCode: In(codes.slice(i, i + CHUNK)), periodId },
          select: { id: true, unitCode: true, status: true, templateVersion: true },
        })),
      );
    }
    const counted = reports.filter((r) => isCounted(basis, r.status));
    const values = await loadReportValues(this.dataSource, counted.map((r) => r.id));
    // A period's reports are all made with its version (fixed once one exists).
    const template = reports.length > 0 ? await this.periods.templateOf(periodId) : null;
    for (const r of reports) {
      const counts = isCounted(basis, r.status);
      out.set(r.unitCode, {
        status: r.status,
        score: counts && template && scheme.domains.length > 0 ? scoreReport(scheme, template, values.get(r.id) ?? {}, 'commune') : null,
      });
    }
    return out;
  }

}

/** The national ranking's own "unit": the whole country, by the code national exports use. */
const NATIONAL_REF: RankingResponseDto['unit'] = { code: NATIONAL_CODE, name: 'Toàn quốc', level: 'country' };

/**
 * The national list is of provinces only; the communes of the country are not ranked in one list.
 * Who may see it (administrators) is the access policy's answer for "national" (the guard).
 */
function assertNational(q: RankingQueryDto & { tree?: string }): void {
  if ((q.scope ?? 'children') !== 'children') {
    throw badRequest('scope', 'Xếp hạng toàn quốc chỉ xếp các tỉnh (scope=children).', 'The national ranking lists provinces only (scope=children).');
  }
  if (q.tree !== undefined) {
    throw badRequest('tree', 'Xếp hạng toàn quốc dùng các tỉnh của cây đơn vị có hiệu lực vào cuối kỳ; không dùng tree.', 'The national ranking uses the provinces in force at the period end; tree does not apply.');
  }
}

function ref(u: AdminUnit) {
  return { code: u.code, name: u.name, level: u.level };
}

interface StoredList {
  units: AdminUnit[];
  districts: Map<string, AdminUnit | null>;
  /** Communes across districts are not siblings: their ranks are computed over the stored scores. */
  rankHere: boolean;
}

/** A listed unit's row from its stored score (and, unless ranked here, its stored rank among its siblings). */
function storedRow(u: AdminUnit, s: UnitScoreRow | undefined, district: AdminUnit | null, status: ReportStatus | undefined, expected: number, withRanks: boolean, scheme: ScoringScheme): Row {
  const scored = s && s.total !== null && s.max !== null ? s.scored : 0;
  const exp = s?.expected ?? expected;
  const total = s && scored > 0 ? scoreFigure(s.total as number, s.max as number) : null;
  return {
    rank: withRanks ? (s?.rank ?? null) : null,
    ranked: withRanks ? !!s?.ranked : false,
    belowCoverage: withRanks ? !!s?.belowCoverage : false,
    unit: ref(u),
    district: district ? ref(district) : null,
    status: u.level === 'commune' ? (status ?? 'missing') : scored === 0 ? 'none' : scored < exp ? 'partial' : 'complete',
    scored,
    expected: exp,
    coverage: s?.coverage ?? 0,
    total,
    domains: total
      ? scheme.domains.map((d): DomainRankDto => {
          const x = s!.domains.find((m) => m.code === d.code);
          return { code: d.code, ...scoreFigure(x?.points ?? 0, x?.max ?? 0), rank: withRanks ? (s!.domainRanks?.[d.code] ?? null) : null };
        })
      : [],
  };
}

function communeRow(g: Group, s: CommuneScore | undefined): Row {
  const score = s?.score ?? null;
  return {
    rank: null,
    ranked: false,
    belowCoverage: false,
    unit: ref(g.unit),
    district: g.district ? ref(g.district) : null,
    status: s?.status ?? 'missing',
    scored: score ? 1 : 0,
    expected: 1,
    coverage: score ? 1 : 0,
    total: score ? scoreFigure(score.total, score.max) : null,
    domains: score ? score.domains.map((d): DomainRankDto => ({ code: d.code, ...scoreFigure(d.points, d.max), rank: null })) : [],
  };
}

/** A district (or province) scores the mean of its scored communes (shared meanScore), total and per domain. */
function groupRow(g: Group, scores: Map<string, CommuneScore>, scheme: ScoringScheme): Row {
  const scored = g.communes.map((c) => scores.get(c)?.score).filter((s): s is UnitScore => !!s);
  const mean = meanScore(scheme, scored);
  const n = mean?.scored ?? 0;
  return {
    rank: null,
    ranked: false,
    belowCoverage: false,
    unit: ref(g.unit),
    district: null,
    status: n === 0 ? 'none' : n < g.communes.length ? 'partial' : 'complete',
    scored: n,
    expected: g.communes.length,
    coverage: g.communes.length > 0 ? n / g.communes.length : 0,
    total: mean ? scoreFigure(mean.total, mean.max) : null,
    domains: mean ? mean.domains.map((d): DomainRankDto => ({ code: d.code, ...scoreFigure(d.points, d.max), rank: null })) : [],
  };
}
