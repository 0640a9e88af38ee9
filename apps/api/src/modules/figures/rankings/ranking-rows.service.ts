import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isCounted, orderRows, rankRows, scoreReport, type ScoringScheme } from '@cchc/shared';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PeriodsService } from '../../periods/periods.service';
import type { ReportStatus } from '../../reports/entities/report.entity';
import { ReportReader } from '../../reports/report.reader';
import { readUnitScores } from '../../rollups/unit-scores';
import type { AdminUnit } from '../../units/entities/admin-unit.entity';
import { UnitsService } from '../../units/units.service';
import type { RankingBasis, RankingScope } from './dto/ranking-query.dto';
import { communeRow, groupRow, storedRow, type CommuneScore, type Group, type Row, type StoredList } from './ranking-rows';

/**
 * The rows of a ranking, two ways: **stored** (the rollups' basis: the scores and ranks the rollup passes
 * wrote, looked up) or **live** (another basis, or another scheme: the communes' counted reports scored
 * now, a district the mean of its scored communes). Both order the rows with the shared ranking rule.
 */
@Injectable()
export class RankingRowsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly reports: ReportReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A unit's list for one period, stored when the basis is the rollups', live otherwise. */
  async rowsOf(unit: AdminUnit, scope: RankingScope, periodId: string, basis: RankingBasis, scheme: ScoringScheme): Promise<Row[]> {
    if (basis === this.config.rollupBasis) return this.storedRows(await this.storedList(unit, scope), periodId, scheme);
    return this.rank(await this.groups(unit, scope), periodId, basis, scheme);
  }

  /**
   * The provinces of the tree in force at the period's end (codes are reused across trees), ranked by
   * their stored scores with the rule every ranking uses (rankRows: coverage threshold, shared rankUnits).
   */
  async nationalRows(periodId: string, basis: RankingBasis): Promise<Row[]> {
    const period = await this.periods.getOrThrow(periodId);
    const provinces = await this.units.provincesAt(period.endDate);
    const scheme = await this.periods.schemeOf(periodId);
    if (basis === this.config.rollupBasis) return this.storedRows({ units: provinces, districts: new Map(), rankHere: true }, periodId, scheme);
    const groups = await Promise.all(
      provinces.map(async (p): Promise<Group> => ({ unit: p, communes: (await this.units.communesUnder(p)).map((c) => c.code), district: null })),
    );
    return this.rank(groups, periodId, basis, scheme);
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
    const [stored, reports, expected] = await Promise.all([
      readUnitScores(this.dataSource, periodId, codes),
      // The communes' report statuses, shown as they are now (only counted reports are scored).
      this.reports.ofUnits(periodId, communeCodes),
      // A child not rolled up yet has no row: it still expects its communes.
      Promise.all(list.units.map(async (u) => [u.code, await this.units.communeCount(u)] as const)),
    ]);
    const statuses = new Map<string, ReportStatus>(reports.map((r) => [r.unitCode, r.status]));
    const byCode = new Map(stored.map((r) => [r.unitCode, r]));
    const expectedOf = new Map(expected);
    const rows = list.units.map((u) => storedRow(u, byCode.get(u.code), list.districts.get(u.code) ?? null, statuses.get(u.code), expectedOf.get(u.code) ?? 0, !list.rankHere, scheme));
    return list.rankHere ? rankRows(scheme, rows, this.config.rankingMinCoverage) : orderRows(rows);
  }

  /** The rows to rank live: each commune alone, or each child with the communes beneath it. */
  async groups(unit: AdminUnit, scope: RankingScope): Promise<Group[]> {
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
   * Scores and ranks the rows live. A commune is ranked when its report is scored; a district or province
   * only when it scored at least RANKING_MIN_COVERAGE of its communes (the shared rankRows).
   */
  async rank(groups: Group[], periodId: string, basis: RankingBasis, scheme: ScoringScheme): Promise<Row[]> {
    const scores = await this.scoreCommunes(groups.flatMap((g) => g.communes), periodId, basis, scheme);
    const rows: Row[] = groups.map((g) => (g.unit.level === 'commune' ? communeRow(g, scores.get(g.unit.code)) : groupRow(g, scores, scheme)));
    return rankRows(scheme, rows, this.config.rankingMinCoverage);
  }

  /** Scores of the communes' counted reports: one read for the reports, one per chunk of reports for their values. */
  private async scoreCommunes(codes: string[], periodId: string, basis: RankingBasis, scheme: ScoringScheme): Promise<Map<string, CommuneScore>> {
    const out = new Map<string, CommuneScore>();
    const reports = await this.reports.ofUnits(periodId, codes);
    const counted = reports.filter((r) => isCounted(basis, r.status));
    const values = await this.reports.values(counted.map((r) => r.id));
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
