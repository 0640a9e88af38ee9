import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reaggregateOntoCurrent, summarize, valueNodes, type IndicatorSummary } from '@cchc/shared';
import { LINEAGE_ATTRIBUTION } from '../../lineage/lineage-attribution';
import { LineageService } from '../../lineage/lineage.service';
import { ReportReader } from '../../reports/report.reader';
import { TemplatesService } from '../../templates/templates.service';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import { UnitsService } from '../../units/units.service';
import type { UnitHistoryResponseDto } from './dto/unit-history-response.dto';
import { findOldPeriod, inForceAt } from './history-sources';

/**
 * An old period's figures for one unit of today's tree: the approved reports of the old communes it was
 * formed from, re-aggregated (shared reaggregateOntoCurrent: whole communes counted, splits listed as not
 * placed). Read-only.
 */
@Injectable()
export class UnitHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly lineage: LineageService,
    private readonly reports: ReportReader,
    private readonly templates: TemplatesService,
  ) {}

  async historyOnCurrentTree(newUnitCode: string, oldPeriodId: string, atDate?: string): Promise<UnitHistoryResponseDto> {
    return this.historyOfUnit(await this.units.getOrThrow(newUnitCode, atDate), oldPeriodId);
  }

  async historyOfUnit(unit: AdminUnit, oldPeriodId: string): Promise<UnitHistoryResponseDto> {
    const period = await findOldPeriod(this.dataSource, unit, oldPeriodId, 'periodId', {
      vi: 'dùng báo cáo của chính đơn vị.',
      en: "use the unit's own reports.",
    });
    const { edges, linked } = await this.lineage.inbound(unit);
    const inForce = linked.filter((u) => inForceAt(u, period.endDate));
    const reports = await this.reports.approved(period.id, inForce.map((u) => u.code));
    // The old period's figures mean what its own version said.
    const template = await this.templates.forPeriod(period);
    const inForceCodes = new Set(inForce.map((u) => u.code));
    const result = reaggregateOntoCurrent(
      template,
      edges.filter((e) => inForceCodes.has(e.oldCode)).map((e) => ({ oldCode: e.oldCode, newCode: e.newCode, split: e.split, share: e.share })),
      reports,
      [unit.code],
    );
    const mine = result.units[unit.code];
    const indicators: Record<string, IndicatorSummary> = {};
    for (const node of valueNodes(template)) {
      const stats = mine?.stats[node.code];
      if (stats) indicators[node.code] = summarize(node, stats);
    }
    const cover = new Map((mine?.predecessors ?? []).map((p) => [p.code, p]));
    return {
      unit: { code: unit.code, name: unit.name, level: unit.level, tree: unit.tree, validFrom: unit.validFrom, validTo: unit.validTo },
      period: { id: period.id, startDate: period.startDate, endDate: period.endDate },
      basis: 'approved',
      coverage: mine?.coverage ?? { expected: 0, reported: 0, placed: 0 },
      predecessors: inForce.map((u) => ({ ...u, reported: cover.get(u.code)?.reported ?? false, placed: cover.get(u.code)?.placed ?? false })),
      notPlaced: mine?.notPlaced ?? [],
      indicators,
      attribution: LINEAGE_ATTRIBUTION,
    };
  }
}
