import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import {
  reaggregateOntoCurrent,
  type IndicatorStats,
  type LineageEdgeInput,
  type NotPlacedReason,
  type ReportValues,
  type Template,
} from '@cchc/shared';
import { badRequest } from '../../../common/api-error';
import { Period } from '../../periods/entities/period.entity';
import { AdminUnit } from '../../units/entities/admin-unit.entity';
import { TemplatesService } from '../../templates/templates.service';
import { UnitsService } from '../../units/units.service';
import { LineageUnmatched } from '../../lineage/entities/lineage-unmatched.entity';
import { UnitLineage } from '../../lineage/entities/unit-lineage.entity';
import { ReportReader } from '../../reports/report.reader';
import { findOldPeriod, inForceAt } from './history-sources';

const CHUNK = 1000;

export interface PredecessorView {
  code: string;
  name: string;
  /** Had an approved report in the old period. */
  reported: boolean;
  /** Counted in the figures. */
  placed: boolean;
  split: boolean;
}

export interface NotPlacedView {
  code: string;
  name: string;
  reason: NotPlacedReason;
  share: number | null;
}

/** One unit of today's tree with an old period's figures re-aggregated onto it. */
export interface UnitHistory {
  unit: AdminUnit;
  stats: Record<string, IndicatorStats>;
  coverage: { expected: number; reported: number; placed: number };
  predecessors: PredecessorView[];
  notPlaced: NotPlacedView[];
}

export interface CurrentTreeHistory {
  period: Period;
  template: Template;
  /** The unit asked for (a commune or a province of today's tree). */
  self: UnitHistory;
  /** Its communes (for a commune: itself), each with its own re-aggregation. */
  communes: UnitHistory[];
  /** The old units read: for names, and for scoring by callers that need the raw values. */
  oldReports: Array<{ code: string; values: ReportValues; templateVersion: string }>;
  /** The old communes in force at the period's end that are linked to the communes, by code. */
  oldUnits: ReadonlyMap<string, AdminUnit>;
  /** The lineage edges from those old communes to the communes. */
  edges: LineageEdgeInput[];
}

/**
 * An old period on a unit of today's tree, for the `?tree=current` views. A new commune gets its
 * predecessors (shared reaggregateOntoCurrent: whole communes counted, splits listed). A new province
 * gets every old commune whose parts all lie in it — counted once, whole, even when split among its
 * communes, because the province received all of it — and lists the rest: a split reaching another
 * province, and the unmatched old communes of an old province that went whole into it.
 */
@Injectable()
export class CurrentTreeHistoryService {
  constructor(
    private readonly units: UnitsService,
    private readonly dataSource: DataSource,
    @InjectRepository(AdminUnit) private readonly unitRepo: Repository<AdminUnit>,
    @InjectRepository(UnitLineage) private readonly edges: Repository<UnitLineage>,
    @InjectRepository(LineageUnmatched) private readonly unmatched: Repository<LineageUnmatched>,
    private readonly templates: TemplatesService,
    private readonly reports: ReportReader,
  ) {}

  /** The period, checked to end before the unit came into being (after that, the unit's own reports apply). */
  oldPeriod(unit: AdminUnit, periodId: string): Promise<Period> {
    return findOldPeriod(this.dataSource, unit, periodId, 'period', {
      vi: 'xem số liệu của chính đơn vị, không cần tree=current.',
      en: "read the unit's own figures, without tree=current.",
    });
  }

  async compute(unit: AdminUnit, periodId: string): Promise<CurrentTreeHistory> {
    if (unit.validTo !== null) {
      throw badRequest('tree', `${unit.name} không thuộc cây đơn vị hiện hành.`, `${unit.name} is not a unit of today's tree.`);
    }
    if (unit.level === 'district') {
      throw badRequest('unitCode', 'Cây đơn vị hiện hành không có cấp huyện.', "Today's tree has no districts.");
    }
    return this.onCurrentTree(unit, await this.oldPeriod(unit, periodId));
  }

  /** `compute` once the unit and the period are checked (a caller with its own checks starts here). */
  async onCurrentTree(unit: AdminUnit, period: Period): Promise<CurrentTreeHistory> {
    // The old period's figures mean what its own version said.
    const template = await this.templates.forPeriod(period);
    const communes = await this.units.communesUnder(unit);
    const communeCodes = new Set(communes.map((c) => c.code));

    const edges: UnitLineage[] = [];
    for (let i = 0; i < communes.length; i += CHUNK) {
      edges.push(...(await this.edges.find({ where: { newCode: In(communes.slice(i, i + CHUNK).map((c) => c.code)), newValidFrom: unit.validFrom } })));
    }
    const oldUnits = await this.unitsByKey(edges.map((e) => ({ code: e.oldCode, validFrom: e.oldValidFrom })));
    const inForce = (u: AdminUnit | undefined): u is AdminUnit => !!u && inForceAt(u, period.endDate);
    const liveEdges = edges.filter((e) => inForce(oldUnits.get(`${e.oldCode}@${e.oldValidFrom}`)));
    const oldByCode = new Map([...oldUnits.values()].filter(inForce).map((u) => [u.code, u]));

    // A split commune counts whole at the province only when no part of it left the province.
    const splitCodes = [...new Set(liveEdges.filter((e) => e.split).map((e) => e.oldCode))];
    const leaves = new Set<string>();
    for (let i = 0; i < splitCodes.length; i += CHUNK) {
      const all = await this.edges.find({ where: { oldCode: In(splitCodes.slice(i, i + CHUNK)) } });
      for (const e of all) if (inForce(oldUnits.get(`${e.oldCode}@${e.oldValidFrom}`)) && (e.newValidFrom !== unit.validFrom || !communeCodes.has(e.newCode))) leaves.add(e.oldCode);
    }

    const unmatchedOld = unit.level === 'province' ? await this.unmatchedInto(unit, [...oldByCode.values()], communeCodes, period) : [];
    const reportCodes = [...new Set([...liveEdges.map((e) => e.oldCode), ...unmatchedOld.map((u) => u.code)])];
    const oldReports = await this.reports.approved(period.id, reportCodes);
    const reportInputs = oldReports.map((r) => ({ code: r.code, values: r.values }));

    const input = (e: UnitLineage): LineageEdgeInput => ({ oldCode: e.oldCode, newCode: e.newCode, split: e.split, share: e.share });
    const edgeInputs = liveEdges.map(input);
    const perCommune = reaggregateOntoCurrent(template, edgeInputs, reportInputs, [...communeCodes]);
    const name = (code: string) => oldByCode.get(code)?.name ?? unmatchedOld.find((u) => u.code === code)?.name ?? code;
    const view = (u: AdminUnit, r: (typeof perCommune.units)[string] | undefined, extraNotPlaced: NotPlacedView[] = []): UnitHistory => ({
      unit: u,
      stats: r?.stats ?? {},
      coverage: r?.coverage ?? { expected: 0, reported: 0, placed: 0 },
      predecessors: (r?.predecessors ?? []).map((p) => ({ code: p.code, name: name(p.code), reported: p.reported, placed: p.placed, split: p.split })),
      notPlaced: [...(r?.notPlaced ?? []).map((n) => ({ ...n, name: name(n.code) })), ...extraNotPlaced],
    });
    const communeViews = communes.map((c) => view(c, perCommune.units[c.code]));
    if (unit.level === 'commune') {
      return { period, template, self: communeViews[0], communes: communeViews, oldReports, oldUnits: oldByCode, edges: edgeInputs };
    }

    // The province: one edge per old commune, split only when a part of it went to another province.
    const seen = new Set<string>();
    const provinceEdges: LineageEdgeInput[] = [];
    for (const e of [...liveEdges].sort((a, b) => a.oldCode.localeCompare(b.oldCode))) {
      if (seen.has(e.oldCode)) continue;
      seen.add(e.oldCode);
      provinceEdges.push({ oldCode: e.oldCode, newCode: unit.code, split: leaves.has(e.oldCode), share: null });
    }
    const province = reaggregateOntoCurrent(template, provinceEdges, reportInputs.filter((r) => seen.has(r.code)), [unit.code]).units[unit.code];
    const reported = new Set(oldReports.map((r) => r.code));
    const unmatchedViews: NotPlacedView[] = unmatchedOld
      .filter((u) => reported.has(u.code))
      .map((u) => ({ code: u.code, name: u.name, reason: 'unmatched' as const, share: null }));
    const self = view(unit, province, unmatchedViews);
    // Unmatched communes belonged to the old province: they are expected of the province, never placed.
    self.coverage = {
      expected: self.coverage.expected + unmatchedOld.length,
      reported: self.coverage.reported + unmatchedViews.length,
      placed: self.coverage.placed,
    };
    self.predecessors.push(...unmatchedOld.map((u) => ({ code: u.code, name: u.name, reported: reported.has(u.code), placed: false, split: false })));
    return { period, template, self, communes: communeViews, oldReports, oldUnits: oldByCode, edges: edgeInputs };
  }

  /**
   * The old communes the lineage could not link, of each old province that went whole into `unit`
   * (every linked commune of it went to `unit`'s communes). Provinces merged whole in 2025, so such a
   * commune lay in `unit`; which of its communes it belongs to is unknown, so it is listed, never placed.
   */
  private async unmatchedInto(unit: AdminUnit, predecessors: AdminUnit[], communeCodes: Set<string>, period: Period): Promise<AdminUnit[]> {
    const provinces = [...new Set(predecessors.map((u) => u.path.split('/')[1]).filter((c): c is string => !!c))];
    const out: AdminUnit[] = [];
    for (const code of provinces) {
      const old = await this.units.resolve(code, period.endDate);
      if (!old || old.level !== 'province') continue;
      const olds = await this.units.communesUnder(old);
      const oldCodes = olds.map((c) => c.code);
      let whole = true;
      for (let i = 0; i < oldCodes.length && whole; i += CHUNK) {
        const es = await this.edges.find({ where: { oldCode: In(oldCodes.slice(i, i + CHUNK)), oldValidFrom: old.validFrom } });
        whole = es.every((e) => e.newValidFrom === unit.validFrom && communeCodes.has(e.newCode));
      }
      if (!whole) continue;
      const miss = new Set(
        (await this.unmatched.find({ where: { side: 'old', validFrom: old.validFrom }, select: { code: true } })).map((m) => m.code),
      );
      out.push(...olds.filter((c) => miss.has(c.code)));
    }
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }

  private async unitsByKey(keys: Array<{ code: string; validFrom: string }>): Promise<Map<string, AdminUnit>> {
    const codes = [...new Set(keys.map((k) => k.code))];
    const rows: AdminUnit[] = [];
    for (let i = 0; i < codes.length; i += CHUNK) rows.push(...(await this.unitRepo.find({ where: { code: In(codes.slice(i, i + CHUNK)) } })));
    return new Map(rows.map((u) => [`${u.code}@${u.validFrom}`, u]));
  }
}
