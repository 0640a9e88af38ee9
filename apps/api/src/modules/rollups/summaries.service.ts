import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IndicatorNode, emptyStats, summarize } from '@cchc/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest } from '../../common/api-error';
import { PeriodsService } from '../periods/periods.service';
import { AdminUnit } from '../units/entities/admin-unit.entity';
import { UnitsService } from '../units/units.service';
import { RollupState } from './entities/rollup-state.entity';
import { SummaryCoverage } from './entities/summary-coverage.entity';
import { Summary } from './entities/summary.entity';
import { RollupsService } from './rollups.service';
import { statsFromSummary } from './entities/summary.entity';
import type { IndicatorSummaryDto, SummaryResponseDto } from './dto/summary-response.dto';

/** The read side: a unit's stored summary as the template tree, with its coverage and freshness. */
@Injectable()
export class SummariesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly rollups: RollupsService,
  ) {}

  async get(user: AuthUser, unitCode: string, periodId: string): Promise<SummaryResponseDto> {
    const unit = await this.units.getAccessible(user, unitCode);
    if (unit.level === 'commune') {
      throw badRequest(
        'unitCode',
        `"${unit.name}" là cấp xã: xã không có báo cáo tổng hợp, hãy xem báo cáo của xã.`,
        `"${unit.name}" is a commune: it has no summary, read its report instead.`,
      );
    }
    await this.periods.getOrThrow(periodId);
    const ds = this.dataSource;
    const [rows, coverage, state, pendingBelow] = await Promise.all([
      ds.getRepository(Summary).find({ where: { unitCode, periodId } }),
      ds.getRepository(SummaryCoverage).findOne({ where: { unitCode, periodId } }),
      ds.getRepository(RollupState).findOne({ where: { unitCode, periodId } }),
      // A dirty unit anywhere in the subtree means this summary will still change.
      ds
        .getRepository(RollupState)
        .createQueryBuilder('s')
        .innerJoin(AdminUnit, 'u', 'u.code = s.unitCode')
        .where('s.periodId = :periodId AND s.dirty = :d', { periodId, d: true })
        .andWhere('u.path LIKE :p', { p: `${unit.path}%` })
        .getCount(),
    ]);
    const children = await this.units.children(unit.code);
    const names = new Map(children.map((c) => [c.code, c.name]));
    const expected = coverage?.expected ?? (await this.units.communesUnder(unit)).length;
    const missingCodes = coverage?.missingChildren ?? children.map((c) => c.code);

    const template = this.rollups.template();
    const stats = new Map(rows.map((r) => [r.indicatorCode, statsFromSummary(r)]));
    const indicators = template.nodes.map((node) => ({
      code: node.code,
      title: node.title,
      titleEn: node.titleEn ?? null,
      unit: node.displayUnit ?? node.unit,
      depth: node.depth,
      parent: node.parent ?? null,
      isHeading: node.isHeading,
      valueType: node.valueType ?? null,
      summary: node.valueType ? toDto(node, summarize(node, stats.get(node.code) ?? emptyStats(node.code))) : null,
    }));

    return {
      unit: { code: unit.code, name: unit.name, level: unit.level },
      period: periodId,
      templateVersion: template.version,
      basis: coverage?.basis ?? this.rollups.basis,
      coverage: {
        expected,
        reported: coverage?.reported ?? 0,
        childrenExpected: coverage?.childrenExpected ?? children.length,
        childrenReported: coverage?.childrenReported ?? 0,
        missing: missingCodes.map((code) => ({ code, name: names.get(code) ?? code })),
        asOf: coverage?.asOf?.toISOString() ?? null,
        stale: pendingBelow > 0,
      },
      rollup: state
        ? {
            requestedSeq: state.requestedSeq,
            doneSeq: state.doneSeq,
            failures: state.failures,
            // A database error message is for administrators; others see that it failed.
            lastError: user.role === 'admin' ? state.lastError : null,
          }
        : null,
      indicators,
    };
  }
}

function toDto(node: IndicatorNode, s: ReturnType<typeof summarize>): IndicatorSummaryDto {
  const options = node.options ?? (node.valueType === 'yesno' ? [{ value: 0, label: 'Không', labelEn: 'No' }, { value: 1, label: 'Có', labelEn: 'Yes' }] : null);
  return {
    rule: s.rule,
    count: s.count,
    sum: s.sum,
    mean: s.mean,
    min: s.min,
    max: s.max,
    headline: s.headline,
    shareYes: s.shareYes,
    weightedSum: s.weightedSum,
    weightSum: s.weightSum,
    optionCounts: options
      ? options.map((o) => ({ value: o.value, label: o.label, labelEn: o.labelEn ?? null, count: s.optionCounts[String(o.value)] ?? 0 }))
      : null,
  };
}

