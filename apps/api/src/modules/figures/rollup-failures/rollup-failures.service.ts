import { Injectable } from '@nestjs/common';
import { PeriodsService } from '../../periods/periods.service';
import { RollupStateRepository, rollupRetryDelayMs } from '../../rollups/rollup-state.repository';
import { UnitsService } from '../../units/units.service';
import type { RollupFailureDto } from './dto/rollup-failure.dto';

/** Owed rollups whose last attempt failed, for the administrators' list: named as their unit was at the period. */
@Injectable()
export class RollupFailuresService {
  constructor(
    private readonly state: RollupStateRepository,
    private readonly periods: PeriodsService,
    private readonly units: UnitsService,
  ) {}

  async list(limit = 500): Promise<RollupFailureDto[]> {
    const rows = await this.state.failing(limit);
    const periodEnd = new Map((await this.periods.list()).map((p) => [p.id, p.endDate]));
    return Promise.all(
      rows.map(async (r) => {
        const unit = await this.units.resolve(r.unitCode, periodEnd.get(r.periodId));
        return {
          unitCode: r.unitCode,
          unitName: unit?.name ?? r.unitCode,
          unitLevel: unit?.level ?? null,
          periodId: r.periodId,
          failures: r.failures,
          lastError: r.lastError,
          failedAt: r.failedAt,
          // Since the unit became owed (dirty_since), not its latest request, which moves with every approval.
          requestedAt: r.dirtySince ?? r.requestedAt,
          nextRetryAt: r.failedAt ? new Date(r.failedAt.getTime() + rollupRetryDelayMs(r.failures)) : null,
        };
      }),
    );
  }
}
