import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rankRows } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { LINEAGE_ATTRIBUTION } from '../../lineage/lineage-attribution';
import { ScoringSchemesService } from '../../templates/scoring-schemes.service';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import { isNationalCode } from '../../units/unit-trees';
import { UnitsService } from '../../units/units.service';
import { CurrentTreeHistoryService } from '../current-tree/current-tree-history.service';
import type { RankingQueryDto } from '../rankings/dto/ranking-query.dto';
import { assertNational, groupRow, ref } from '../rankings/ranking-rows';
import type { UnitHistoryResponseDto } from '../current-tree/dto/unit-history-response.dto';
import { findOldPeriod } from '../current-tree/history-sources';
import { historyBlock, historyCoverage, historyFigures, historyGroups, historyScores, unitHistoryView } from './current-tree-figures';
import type { FigureSource, ListedFigures, PivotFigures, PivotRequest, RankedFigures, SummaryFigures } from './figure-source';

const APPROVED_ONLY = {
  vi: 'Lịch sử trên cây hiện hành chỉ tính báo cáo đã duyệt.',
  en: 'History on the current tree counts approved reports only.',
};

/**
 * An old period on a unit of today's tree (`?tree=current`): the approved reports of the old communes it
 * was formed from, re-aggregated through the lineage (CurrentTreeHistoryService). Computed per request, so
 * nothing is tagged or cached; the caller's subtree is checked on today's unit (an officer of new 19867
 * reads its predecessors' aggregate, never another commune's report).
 */
@Injectable()
export class CurrentTreeFigureSource implements FigureSource {
  readonly tree = 'current' as const;
  readonly stored = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly history: CurrentTreeHistoryService,
    private readonly schemes: ScoringSchemesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summaryTag(user: AuthUser, unitCode: string): Promise<{ unit: AdminUnit; etag: null }> {
    return { unit: await this.units.getAccessible(user, unitCode), etag: null };
  }

  async summary(_user: AuthUser, unit: AdminUnit, periodId: string): Promise<SummaryFigures> {
    const h = await this.history.compute(unit, periodId);
    return {
      unit,
      period: h.period.id,
      template: h.template,
      basis: 'approved',
      stats: historyFigures(h.self).stats,
      coverage: historyCoverage(h),
      rollup: null,
      // Re-aggregated over the old tree's reports: the current unit has no own report there.
      ownReport: null,
      history: historyBlock(h),
    };
  }

  /**
   * Today's communes ranked on an old period, each scoring the mean of its placed predecessors' scores.
   * A rank change across the boundary would compare two different lists of units: none is given.
   */
  async ranking(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<RankedFigures> {
    // The national list is of the provinces in force at the period's end: no history variant.
    if (isNationalCode(unitCode)) assertNational({ ...q, tree: 'current' });
    if (q.basis === 'submitted') throw badRequest('basis', APPROVED_ONLY.vi, APPROVED_ONLY.en);
    const unit = await this.units.getAccessible(user, unitCode);
    const h = await this.history.compute(unit, periodId);
    // The old period is scored with its own scheme, as its official ranking was.
    const scheme = await this.schemes.forPeriod(h.period, h.template);
    const scores = historyScores(scheme, h.template, h.oldReports);
    // A commune here stands for old ones: like a district, it is ranked only at the coverage threshold.
    const rows = rankRows(
      scheme,
      historyGroups(h).map((g) => groupRow(g, scores, scheme)),
      this.config.rankingMinCoverage,
      () => true,
    );
    return { unit: ref(unit), period: h.period.id, previousPeriod: null, scope: q.scope ?? 'children', basis: 'approved', scheme, rows, previous: null };
  }

  /** One row per commune of today's tree (its predecessors' aggregate), then the unit's own; every row a computed figure. */
  async pivot(user: AuthUser, unitCode: string, periodId: string, q: PivotRequest): Promise<PivotFigures> {
    if (q.basis && q.basis !== 'approved') throw badRequest('basis', APPROVED_ONLY.vi, APPROVED_ONLY.en);
    const unit = await this.units.getAccessible(user, unitCode);
    const h = await this.history.compute(unit, periodId);
    const listed: ListedFigures[] = (unit.level === 'commune' ? [h.self] : h.communes).map((u) => ({ kind: 'figures', ...historyFigures(u) }));
    const totalName = `Tổng hợp: ${unit.name} — từ các đơn vị cũ`;
    return {
      unit,
      periodId: h.period.id,
      scope: 'communes',
      basis: 'approved',
      template: h.template,
      title: `${unit.name} (cây hiện hành)`,
      fileTag: '_cay-hien-hanh',
      attribution: LINEAGE_ATTRIBUTION.text,
      totalName,
      async *pages() {
        yield listed;
      },
      total: () => Promise.resolve(historyFigures(h.self, totalName, '')),
    };
  }

  async unitHistory(user: AuthUser, unitCode: string, periodId: string): Promise<UnitHistoryResponseDto> {
    const unit = await this.units.getAccessible(user, unitCode);
    const period = await findOldPeriod(this.dataSource, unit, periodId, 'periodId', {
      vi: 'dùng báo cáo của chính đơn vị.',
      en: "use the unit's own reports.",
    });
    // The lineage links communes: any other unit has no old unit of its own.
    if (unit.level !== 'commune') return unitHistoryView(unit, period, null);
    return unitHistoryView(unit, period, await this.history.onCurrentTree(unit, period));
  }
}
