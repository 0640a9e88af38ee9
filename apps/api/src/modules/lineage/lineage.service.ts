import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import {
  IndicatorSummary,
  reaggregateOntoCurrent,
  ReaggregatedUnit,
  summarize,
  valueNodes,
} from '@cchc/shared';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { TemplatesService } from '../templates/templates.service';
import { UnitsService } from '../units/units.service';
import { LineageUnmatched } from './entities/lineage-unmatched.entity';
import { UnitLineage } from './entities/unit-lineage.entity';
import { findOldPeriod, inForceAt, readApprovedReports } from '../figures/current-tree/history-sources';
import { LINEAGE_ATTRIBUTION } from './lineage-attribution';

export interface LinkedUnit {
  code: string;
  name: string;
  level: AdminUnit['level'];
  tree: AdminUnit['tree'];
  validFrom: string;
  validTo: string | null;
  path: string;
  /** True when the old unit was divided among several new ones. */
  split: boolean;
  /** Fraction of the old unit that went this way; 1 when whole, null for a split of unknown share. */
  share: number | null;
}

export interface UnitLineageView {
  unit: { code: string; name: string; level: AdminUnit['level']; tree: AdminUnit['tree']; validFrom: string; validTo: string | null };
  predecessors: LinkedUnit[];
  successors: LinkedUnit[];
  /** Set when the lineage source could not link this unit, with its reason. */
  unmatched: { reason: string; hint: string | null } | null;
  attribution: typeof LINEAGE_ATTRIBUTION;
}

export interface HistoryOnCurrentTree {
  unit: UnitLineageView['unit'];
  period: { id: string; startDate: string; endDate: string };
  /** Only approved reports of the old period count. */
  basis: 'approved';
  coverage: ReaggregatedUnit['coverage'];
  predecessors: Array<LinkedUnit & { reported: boolean; placed: boolean }>;
  notPlaced: ReaggregatedUnit['notPlaced'];
  indicators: Record<string, IndicatorSummary>;
  attribution: typeof LINEAGE_ATTRIBUTION;
}

/** Reads the lineage between trees: which old units a new unit came from, and where an old one went. */
@Injectable()
export class LineageService {
  constructor(
    private readonly units: UnitsService,
    private readonly dataSource: DataSource,
    @InjectRepository(AdminUnit) private readonly unitRepo: Repository<AdminUnit>,
    @InjectRepository(UnitLineage) private readonly edges: Repository<UnitLineage>,
    @InjectRepository(LineageUnmatched) private readonly unmatched: Repository<LineageUnmatched>,
    private readonly templates: TemplatesService,
  ) {}

  /** The old units the unit (code at a date, default today) was formed from, by code. */
  async predecessorsOf(newCode: string, atDate?: string): Promise<LinkedUnit[]> {
    const unit = await this.units.getOrThrow(newCode, atDate);
    return this.predecessorsOfUnit(unit);
  }

  async predecessorsOfUnit(unit: AdminUnit): Promise<LinkedUnit[]> {
    const edges = await this.edges.find({ where: { newCode: unit.code, newValidFrom: unit.validFrom }, order: { oldCode: 'ASC' } });
    return this.link(edges.map((e) => ({ code: e.oldCode, validFrom: e.oldValidFrom, edge: e })));
  }

  async successorsOfUnit(unit: AdminUnit): Promise<LinkedUnit[]> {
    const edges = await this.edges.find({ where: { oldCode: unit.code, oldValidFrom: unit.validFrom }, order: { newCode: 'ASC' } });
    return this.link(edges.map((e) => ({ code: e.newCode, validFrom: e.newValidFrom, edge: e })));
  }

  async lineageOf(unit: AdminUnit): Promise<UnitLineageView> {
    const [predecessors, successors, miss] = await Promise.all([
      this.predecessorsOfUnit(unit),
      this.successorsOfUnit(unit),
      this.unmatched.findOne({ where: { code: unit.code, validFrom: unit.validFrom } }),
    ]);
    return {
      unit: { code: unit.code, name: unit.name, level: unit.level, tree: unit.tree, validFrom: unit.validFrom, validTo: unit.validTo },
      predecessors,
      successors,
      unmatched: miss ? { reason: miss.reason, hint: miss.hint } : null,
      attribution: LINEAGE_ATTRIBUTION,
    };
  }

  /**
   * An old period's figures for a unit of today's tree: the approved reports of the old communes it was
   * formed from, re-aggregated (packages/shared reaggregateOntoCurrent: whole communes counted, splits
   * listed as not placed). Read-only.
   */
  async historyOnCurrentTree(newUnitCode: string, oldPeriodId: string, atDate?: string): Promise<HistoryOnCurrentTree> {
    const unit = await this.units.getOrThrow(newUnitCode, atDate);
    return this.historyOfUnit(unit, oldPeriodId);
  }

  async historyOfUnit(unit: AdminUnit, oldPeriodId: string): Promise<HistoryOnCurrentTree> {
    const period = await findOldPeriod(this.dataSource, unit, oldPeriodId, 'periodId', {
      vi: 'dùng báo cáo của chính đơn vị.',
      en: "use the unit's own reports.",
    });
    const edges = await this.edges.find({ where: { newCode: unit.code, newValidFrom: unit.validFrom } });
    const linked = await this.link(edges.map((e) => ({ code: e.oldCode, validFrom: e.oldValidFrom, edge: e })));
    const inForce = linked.filter((u) => inForceAt(u, period.endDate));
    const reports = await readApprovedReports(this.dataSource, period.id, inForce.map((u) => u.code));
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

  private async link(ends: Array<{ code: string; validFrom: string; edge: UnitLineage }>): Promise<LinkedUnit[]> {
    if (ends.length === 0) return [];
    const rows = await this.unitRepo.find({ where: { code: In(ends.map((e) => e.code)) } });
    const byKey = new Map(rows.map((u) => [`${u.code}@${u.validFrom}`, u]));
    return ends.flatMap(({ code, validFrom, edge }) => {
      const u = byKey.get(`${code}@${validFrom}`);
      if (!u) return [];
      return [{ code, name: u.name, level: u.level, tree: u.tree, validFrom: u.validFrom, validTo: u.validTo, path: u.path, split: edge.split, share: edge.share }];
    });
  }
}
