import { Inject, Injectable } from '@nestjs/common';
import { meanScore, rankRows, scoreFields, scoreReport, type UnitScore } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { RankingQueryDto } from '../rankings/dto/ranking-query.dto';
import type { RankingResponseDto, RankingRowDto } from '../rankings/dto/ranking-response.dto';
import { UnitsService } from '../../units/units.service';
import { ScoringSchemesService } from '../../templates/scoring-schemes.service';
import { CurrentTreeHistoryService } from './current-tree-history.service';

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
      return {
        rank: null as number | null,
        ranked: false,
        belowCoverage: false,
        unit: { code: c.unit.code, name: c.unit.name, level: c.unit.level },
        district: null,
        status: n === 0 ? 'none' : n < c.coverage.expected ? 'partial' : 'complete',
        scored: n,
        expected: c.coverage.expected,
        coverage: c.coverage.expected > 0 ? n / c.coverage.expected : 0,
        ...scoreFields(scheme, mean),
      };
    });
    // A commune here stands for old ones: like a district, it is ranked only at the coverage threshold.
    const list: RankingRowDto[] = rankRows(scheme, rows, min, () => true).map((r) => ({ ...r, previousRank: null, rankChange: null }));
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

