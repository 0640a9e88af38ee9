import { Inject, Injectable } from '@nestjs/common';
import type { ScoringScheme } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest, forbidden } from '../../../common/api-error';
import { TaggedJsonCache, type CachedJson } from '../../../common/http/tagged-json-cache';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PeriodsService } from '../../periods/periods.service';
import { ScoringSchemesService } from '../../templates/scoring-schemes.service';
import { UnitsService } from '../../units/units.service';
import type { RankingBasis, RankingQueryDto, RankingScope } from './dto/ranking-query.dto';
import type { RankingResponseDto, RankingRowDto } from './dto/ranking-response.dto';
import { ref, type Row } from './ranking-rows';
import { RankingRowsService } from './ranking-rows.service';
import type { FigureSource } from '../figure-source/figure-source';
import { FigureSources } from '../figure-source/figure-sources';

/**
 * Rankings of a unit's children (or of all its communes) by the shared scoring scheme. A commune
 * is scored from its own report; a district's score is the mean of its scored communes' scores, so
 * one scheme ranks every level and a district with unscored communes says how many were scored.
 * The pieces: RankingTagsService (the ETag), RankingRowsService (stored or live rows),
 * ScoreBreakdownService (one commune's criteria); the rows come through a FigureSource (as reported, or an
 * old period on today's tree); this assembles the response and its rank changes.
 */
@Injectable()
export class RankingsService {
  /** Built rankings by their ETag; a changed state is a new tag, so an old body is never reused. */
  private readonly cache = new TaggedJsonCache();

  constructor(
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly schemes: ScoringSchemesService,
    private readonly rows: RankingRowsService,
    private readonly sources: FigureSources,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The ranking as JSON for a tag just computed by rankingEtag (which checked access): the tag names
   * everything the body is built from, query included, so it alone keys the reused body.
   */
  rankingCached(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto, etag: string): Promise<CachedJson> {
    return this.cache.get(etag, etag, () => this.ranking(user, unitCode, periodId, q));
  }

  /** The ranking from a figure source (as reported unless the request chose another tree). */
  async ranking(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto, source: FigureSource = this.sources.of('reported')): Promise<RankingResponseDto> {
    const f = await source.ranking(user, unitCode, periodId, q);
    return this.response(f.unit, f.period, f.previousPeriod, f.scope, f.basis, f.rows, f.previous, f.scheme);
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
    const current = await this.rows.rank(await this.rows.groups(unit, scope), periodId, basis, scheme);
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
}
