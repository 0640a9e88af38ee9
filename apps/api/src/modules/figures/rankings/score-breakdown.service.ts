import { Injectable } from '@nestjs/common';
import { LEVEL_NAME_EN, LEVEL_NAME_VI, indexTemplate, isCounted, scoreReport } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import { PeriodsService } from '../../periods/periods.service';
import { ReportReader } from '../../reports/report.reader';
import { TemplatesService } from '../../templates/templates.service';
import { UnitsService } from '../../units/units.service';
import type { RankingBasis, RankingQueryDto } from './dto/ranking-query.dto';
import type { BreakdownResponseDto } from './dto/ranking-response.dto';
import { ref } from './ranking-rows';
import { RankingRowsService } from './ranking-rows.service';

/** Why a commune scored what it scored: every criterion with its inputs, points and reason, and its rank among its siblings. */
@Injectable()
export class ScoreBreakdownService {
  constructor(
    private readonly units: UnitsService,
    private readonly periods: PeriodsService,
    private readonly templates: TemplatesService,
    private readonly reports: ReportReader,
    private readonly rows: RankingRowsService,
  ) {}

  async breakdown(user: AuthUser, unitCode: string, periodId: string, q: Pick<RankingQueryDto, 'basis'>): Promise<BreakdownResponseDto> {
    const unit = await this.units.getAccessible(user, unitCode);
    await this.periods.getOrThrow(periodId);
    if (unit.level !== 'commune') {
      throw badRequest(
        'unitCode',
        `"${unit.name}" thuộc ${LEVEL_NAME_VI[unit.level]}: bảng điểm chi tiết tính cho từng xã; hãy xem bảng xếp hạng của đơn vị.`,
        `"${unit.name}" is a ${LEVEL_NAME_EN[unit.level]}: the breakdown is per commune; see the unit's ranking.`,
      );
    }
    const basis: RankingBasis = q.basis ?? 'approved';
    const report = await this.reports.getOrThrow(unit, periodId);
    const template = await this.templates.getPublished(report.templateVersion);
    const values = (await this.reports.values([report.id])).get(report.id) ?? {};
    const scheme = await this.periods.schemeOf(periodId);
    const score = scoreReport(scheme, template, values, 'commune');
    const counted = isCounted(basis, report.status);

    // Rank among the parent's communes: the siblings are scored too, but only the rank is shown.
    let rank: number | null = null;
    let rankedAmong = 0;
    if (counted && unit.parentCode) {
      const parent = await this.units.getOrThrow(unit.parentCode);
      const ranked = await this.rows.rank(await this.rows.groups(parent, 'communes'), periodId, basis, scheme);
      rank = ranked.find((r) => r.unit.code === unit.code)?.rank ?? null;
      rankedAmong = ranked.filter((r) => r.rank !== null).length;
    }
    const idx = indexTemplate(template);
    return {
      unit: ref(unit),
      period: periodId,
      status: report.status,
      counted,
      basis,
      schemeVersion: score.schemeVersion,
      total: { points: score.total, max: score.max, percent: score.percent },
      rank,
      rankedAmong,
      domains: score.domains.map((d) => ({
        ...d,
        criteria: d.criteria.map((c) => ({
          ...c,
          inputs: Object.entries(c.inputs).map(([code, value]) => ({
            code,
            title: idx.get(code)?.title ?? code,
            unit: idx.get(code)?.displayUnit ?? idx.get(code)?.unit ?? '',
            value,
          })),
        })),
      })),
    };
  }
}
