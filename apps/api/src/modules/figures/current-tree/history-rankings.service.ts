import { Inject, Injectable } from '@nestjs/common';
import { meanScore, rankUnits, scoreReport, type UnitScore } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { RankingQueryDto } from '../rankings/dto/ranking-query.dto';
import type { DomainRankDto, RankingResponseDto, RankingRowDto, ScoreFigureDto } from '../rankings/dto/ranking-response.dto';
import { UnitsService } from '../../units/units.service';
import { ScoringSchemesService } from '../../templates/scoring-schemes.service';
import { CurrentTreeHistoryService } from './current-tree-history.service';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * GET /api/rankings/:unit/:period?tree=current — today's communes ranked on an old period. A new
 * commune's score is the mean of its placed predecessors' scores (shared meanScore), the way a
 * district scores its communes: a score is a property of one report, so the aggregated values are
 * not scored. A commune with predecessors not placed is ranked only at RANKING_MIN_COVERAGE.
 */
@Injectable()
export class HistoryRankingsService {
  constructor(
    private readonly units: UnitsService,
    private readonly history: CurrentTreeHistoryService,
    private readonly schemes: ScoringSchemesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ranking(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<RankingResponseDto> {
    if (q.basis === 'submitted') {
      throw badRequest('basis', 'Lịch sử trên cây hiện hành chỉ tính báo cáo đã duyệt.', 'History on the current tree counts approved reports only.');
    }
    const unit = await this.units.getAccessible(user, unitCode);
    const h = await this.history.compute(unit, periodId);
    // The old period is scored with its own scheme, as its official ranking was.
    const scheme = await this.schemes.forPeriod(h.period, h.template);
    const scores = new Map<string, UnitScore>(h.oldReports.map((r) => [r.code, scoreReport(scheme, h.template, r.values, 'commune')]));
    const min = this.config.rankingMinCoverage;
    const rows = h.communes.map((c) => {
      const scored = c.predecessors.filter((p) => p.placed).map((p) => scores.get(p.code)).filter((s): s is UnitScore => !!s);
      const mean = meanScore(scheme, scored);
      const n = mean?.scored ?? 0;
      const coverage = c.coverage.expected > 0 ? n / c.coverage.expected : 0;
      const ranked = !!mean && coverage >= min - 1e-9;
      return {
        rank: null as number | null,
        ranked,
        belowCoverage: !!mean && !ranked,
        unit: { code: c.unit.code, name: c.unit.name, level: c.unit.level },
        district: null,
        status: n === 0 ? 'none' : n < c.coverage.expected ? 'partial' : 'complete',
        scored: n,
        expected: c.coverage.expected,
        coverage,
        total: mean ? figure(mean.total, mean.max) : null,
        domains: mean ? mean.domains.map((d): DomainRankDto => ({ code: d.code, ...figure(d.points, d.max), rank: null })) : [],
      };
    });
    for (const d of scheme.domains) {
      const ranks = new Map(
        rankUnits(rows.map((r) => ({ unitCode: r.unit.code, score: r.ranked ? (r.domains.find((x) => x.code === d.code)?.percent ?? null) : null }))).map((x) => [x.unitCode, x.rank]),
      );
      for (const r of rows) {
        const dom = r.domains.find((x) => x.code === d.code);
        if (dom) dom.rank = ranks.get(r.unit.code) ?? null;
      }
    }
    const byCode = new Map(rows.map((r) => [r.unit.code, r]));
    const ordered = rankUnits(rows.map((r) => ({ unitCode: r.unit.code, score: r.ranked ? (r.total?.percent ?? null) : null }))).map((x) => {
      const row = byCode.get(x.unitCode)!;
      row.rank = x.rank;
      return row;
    });
    // As in every ranking: the ranked, then those below coverage (by score), then the unscored.
    const below = rankUnits(ordered.filter((r) => r.belowCoverage).map((r) => ({ unitCode: r.unit.code, score: r.total?.percent ?? null })));
    const list: RankingRowDto[] = [
      ...ordered.filter((r) => r.rank !== null),
      ...below.map((x) => byCode.get(x.unitCode)!),
      ...ordered.filter((r) => r.rank === null && !r.belowCoverage),
    ].map((r) => ({ ...r, previousRank: null, rankChange: null }));
    return {
      unit: { code: unit.code, name: unit.name, level: unit.level },
      period: h.period.id,
      // A rank change across the boundary would compare two different lists of units: not given.
      previousPeriod: null,
      scope: q.scope ?? 'children',
      basis: 'approved',
      schemeVersion: scheme.version,
      minCoverage: min,
      domains: scheme.domains.map((d) => ({
        code: d.code,
        title: d.title,
        max: d.criteria.filter((c) => !c.levels || c.levels.includes('commune')).reduce((s, c) => s + c.maxPoints, 0),
      })),
      rows: list,
    };
  }
}

function figure(points: number, max: number): ScoreFigureDto {
  return { points: round(points), max: round(max), percent: max > 0 ? round((points / max) * 100) : null };
}
