import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { previousPeriodId } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { etagOf } from '../../../common/http/etag';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PeriodsService } from '../../periods/periods.service';
import { ReportReader } from '../../reports/report.reader';
import { subtreeStateFingerprint } from '../../rollups/rollup-state.fingerprint';
import { NATIONAL_CODE, isNationalCode } from '../../units/unit-trees';
import { UnitsService } from '../../units/units.service';
import type { RankingBasis, RankingQueryDto, RankingScope } from './dto/ranking-query.dto';
import { assertNational } from './ranking-rows';

/**
 * A ranking's ETag: a hash of what it is built from — the query, the threshold, the scheme, the rollup
 * state of the subtree (stored scores change only through it) for the period and the previous one, and,
 * where communes are listed, how many reports are in each status (a commune's status is shown live, and a
 * draft being submitted does not touch the rollups). A basis other than the rollups' is scored live, so it
 * also hashes the reports' versions. Checked (access included) before anything is read.
 */
@Injectable()
export class RankingTagsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly reports: ReportReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tag(user: AuthUser, unitCode: string, periodId: string, q: RankingQueryDto): Promise<string> {
    if (isNationalCode(unitCode)) return this.nationalTag(periodId, q);
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    const periodIds = await this.periodIds(periodId);
    const basis: RankingBasis = q.basis ?? 'approved';
    const scope: RankingScope = q.scope ?? 'children';
    const stored = basis === this.config.rollupBasis;
    // A commune's ranking is its parent's list: fingerprint from the parent down.
    const root = unit.level === 'commune' && unit.parentCode ? await this.units.getOrThrow(unit.parentCode) : unit;
    const listsCommunes = !stored || scope === 'communes' || ((await this.units.familyOf(root.code))?.children ?? []).some((c) => c.level === 'commune');
    const [reports, states] = await Promise.all([
      listsCommunes ? this.reports.statusFingerprint(root.path, periodIds, !stored) : Promise.resolve([]),
      subtreeStateFingerprint(this.dataSource, root.path, periodIds),
    ]);
    return etagOf(['ranking', unit.code, periodIds, scope, basis, this.config.rankingMinCoverage, (await this.periods.schemeOf(periodId)).version, reports, states]);
  }

  /** The national ranking's tag: like a unit's, over the rollup state of every province and district. Checks the query first. */
  private async nationalTag(periodId: string, q: RankingQueryDto): Promise<string> {
    assertNational(q);
    await this.periods.getOrThrow(periodId);
    const periodIds = await this.periodIds(periodId);
    const basis: RankingBasis = q.basis ?? 'approved';
    const stored = basis === this.config.rollupBasis;
    const [reports, states] = await Promise.all([
      stored ? Promise.resolve([]) : this.reports.statusFingerprint('/', periodIds, true),
      subtreeStateFingerprint(this.dataSource, '/', periodIds),
    ]);
    return etagOf(['ranking', NATIONAL_CODE, periodIds, 'children', basis, this.config.rankingMinCoverage, (await this.periods.schemeOf(periodId)).version, reports, states]);
  }

  private async periodIds(periodId: string): Promise<string[]> {
    const prevId = previousPeriodId(periodId);
    const prevExists = prevId ? await this.periods.exists(prevId) : false;
    return prevExists && prevId ? [periodId, prevId] : [periodId];
  }
}
