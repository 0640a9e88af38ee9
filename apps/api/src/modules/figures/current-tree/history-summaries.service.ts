import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user';
import { UnitsService } from '../../units/units.service';
import { toIndicatorTree } from '../summaries/indicator-summary.mapper';
import { CurrentTreeHistoryService, type CurrentTreeHistory } from './current-tree-history.service';
import type { HistoryBlockDto, HistorySummaryResponseDto } from './dto/history-summary.dto';
import { LINEAGE_ATTRIBUTION } from '../../lineage/lineage-attribution';

/**
 * GET /api/summaries/:unit/:period?tree=current — an old period in the summary's shape on a unit of
 * today's tree. The caller's subtree is checked on today's unit: an officer of new 19867 reads its
 * predecessors' aggregate, never another commune's report.
 */
@Injectable()
export class HistorySummariesService {
  constructor(
    private readonly units: UnitsService,
    private readonly history: CurrentTreeHistoryService,
  ) {}

  async get(user: AuthUser, unitCode: string, periodId: string): Promise<HistorySummaryResponseDto> {
    const unit = await this.units.getAccessible(user, unitCode);
    const h = await this.history.compute(unit, periodId);
    const { self, template } = h;
    const isCommune = unit.level === 'commune';
    const children = isCommune ? self.predecessors : h.communes;
    const missing = isCommune
      ? self.predecessors.filter((p) => !p.placed).map((p) => ({ code: p.code, name: p.name }))
      : h.communes.filter((c) => c.coverage.placed === 0).map((c) => ({ code: c.unit.code, name: c.unit.name }));
    return {
      unit: { code: unit.code, name: unit.name, level: unit.level },
      period: h.period.id,
      templateVersion: template.version,
      basis: 'approved',
      coverage: {
        expected: self.coverage.expected,
        reported: self.coverage.placed,
        childrenExpected: children.length,
        childrenReported: children.length - missing.length,
        missing,
        asOf: null,
        stale: false,
      },
      rollup: null,
      ownReport: null,
      // Re-aggregated over the old tree's reports: the current unit has no own report there.
      indicators: toIndicatorTree(template, (code) => self.stats[code]),
      history: historyBlock(h),
    };
  }
}

export function historyBlock(h: CurrentTreeHistory): HistoryBlockDto {
  return {
    tree: 'current',
    period: h.period.id,
    basis: 'approved',
    coverage: h.self.coverage,
    predecessors: h.self.predecessors,
    notPlaced: h.self.notPlaced,
    attribution: LINEAGE_ATTRIBUTION.text,
    attributionVi: LINEAGE_ATTRIBUTION.textVi,
  };
}
