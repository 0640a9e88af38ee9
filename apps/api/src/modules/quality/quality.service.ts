import { Injectable } from '@nestjs/common';
import {
  checkNarrativeConsistency,
  detectOutliers,
  narrativeSources,
  parsePeriodId,
  textFromStructuredNarrative,
  type HistoryPoint,
  type NarrativeWarning,
  type OutlierWarning,
  type PeerPoint,
} from '@cchc/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ReportReader } from '../reports/report.reader';
import { ReportsService } from '../reports/reports.service';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { TemplatesService } from '../templates/templates.service';
import { UnitsService } from '../units/units.service';

export interface ReportQuality {
  unitCode: string;
  unitName: string;
  periodId: string;
  status: string | null;
  outliers: OutlierWarning[];
  narrative: NarrativeWarning[];
}

/** How many earlier periods of the same type the own-history check looks back over. */
const HISTORY_DEPTH = 6;

/**
 * Figures that look wrong, for the reviewer beside each value and for the officer before submitting:
 * outliers against the unit's own approved history and its siblings' approved values (shared
 * `detectOutliers`), and numbers the narrative states that the appendix contradicts (shared
 * `checkNarrativeConsistency`). Warnings only: nothing here blocks a submission or an approval.
 */
@Injectable()
export class QualityService {
  constructor(
    private readonly reports: ReportsService,
    private readonly reader: ReportReader,
    private readonly units: UnitsService,
    private readonly templates: TemplatesService,
  ) {}

  /** One report (the caller must be able to read it: subtree rule). */
  async forReport(user: AuthUser, unitCode: string, periodId: string): Promise<ReportQuality> {
    const { unit, period } = await this.reports.resolve(user, unitCode, periodId);
    const view = await this.reports.view(unit, period);
    const template = await this.templates.getPublished(view.templateVersion);
    const [history, { peers, names }] = await Promise.all([this.history([unit.code], period.id), this.peers(unit, period.id)]);
    const outliers = detectOutliers(template, view.values, { history: history.get(unit.code) ?? {}, peers: withoutSelf(peers, unit.code, names) });
    const sections = textFromStructuredNarrative(view.narrativeDoc);
    const narrative = checkNarrativeConsistency(template, view.values, narrativeSources(sections, view.notes)).warnings;
    return { unitCode: unit.code, unitName: unit.name, periodId: period.id, status: view.status, outliers, narrative };
  }

  /** "Dữ liệu bất thường": outliers of every submitted or approved report directly under a unit, for its reviewer. */
  async underUnit(user: AuthUser, parentCode: string, periodId: string): Promise<ReportQuality[]> {
    const { unit: parent, period } = await this.reports.resolve(user, parentCode, periodId);
    const children = await this.units.children(parent);
    if (children.length === 0) return [];
    const rows = await this.reader.ofUnits(period.id, children.map((c) => c.code), ['submitted', 'approved']);
    const values = await this.reader.values(rows.map((r) => r.id));
    const history = await this.history(rows.map((r) => r.unitCode), period.id);
    const peers = await this.approvedValues(children.map((c) => c.code), period.id);
    const byCode = new Map(children.map((c) => [c.code, c]));
    const names = new Map(children.map((c) => [c.code, c.name]));
    const out: ReportQuality[] = [];
    for (const r of rows.sort((a, b) => a.unitCode.localeCompare(b.unitCode))) {
      const template = await this.templates.getPublished(r.templateVersion);
      const own = values.get(r.id) ?? {};
      const outliers = detectOutliers(template, own, { history: history.get(r.unitCode) ?? {}, peers: withoutSelf(peers, r.unitCode, names) });
      if (outliers.length) out.push({ unitCode: r.unitCode, unitName: byCode.get(r.unitCode)?.name ?? r.unitCode, periodId: period.id, status: r.status, outliers, narrative: [] });
    }
    return out;
  }

  /** Approved values of earlier periods of the same type (2023 ← 2022, 2021…; 2023Q1 ← 2022Q1…), by unit and code. */
  private async history(unitCodes: string[], periodId: string): Promise<Map<string, Record<string, HistoryPoint[]>>> {
    const info = parsePeriodId(periodId);
    const out = new Map<string, Record<string, HistoryPoint[]>>();
    if (!info || unitCodes.length === 0) return out;
    const suffix = periodId.slice(4);
    const earlier = Array.from({ length: HISTORY_DEPTH }, (_, i) => `${info.year - 1 - i}${suffix}`);
    const rows = await this.reader.ofUnits(earlier, unitCodes, ['approved']);
    const values = await this.reader.values(rows.map((r) => r.id));
    for (const r of rows) {
      const byCode = out.get(r.unitCode) ?? {};
      for (const [code, v] of Object.entries(values.get(r.id) ?? {})) {
        if (typeof v !== 'number') continue;
        (byCode[code] ??= []).push({ periodId: r.periodId, value: v });
      }
      out.set(r.unitCode, byCode);
    }
    return out;
  }

  private async peers(unit: AdminUnit, periodId: string): Promise<{ peers: Map<string, Record<string, number>>; names: Map<string, string> }> {
    if (!unit.parentCode) return { peers: new Map(), names: new Map() };
    const siblings = await this.units.children(unit.parentCode);
    return { peers: await this.approvedValues(siblings.map((s) => s.code), periodId), names: new Map(siblings.map((s) => [s.code, s.name])) };
  }

  /** Approved values of these units for the period, by unit. */
  private async approvedValues(unitCodes: string[], periodId: string): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    for (const r of await this.reader.approved(periodId, unitCodes)) {
      const v: Record<string, number> = {};
      for (const [code, x] of Object.entries(r.values)) if (typeof x === 'number') v[code] = x;
      out.set(r.code, v);
    }
    return out;
  }
}

/**
 * Peers by code, the unit itself left out (its own value must not pull the median toward it), each
 * named: a reviewer knows its communes by name, not by code.
 */
function withoutSelf(byUnit: Map<string, Record<string, number>>, self: string, names: Map<string, string>): Record<string, PeerPoint[]> {
  const out: Record<string, PeerPoint[]> = {};
  for (const [unitCode, values] of byUnit) {
    if (unitCode === self) continue;
    const unitName = names.get(unitCode) ?? unitCode;
    for (const [code, value] of Object.entries(values)) (out[code] ??= []).push({ unitCode, unitName, value });
  }
  return out;
}
