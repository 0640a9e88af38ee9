import { Injectable } from '@nestjs/common';
import { periodLabel, summarize, valueNodes } from '@cchc/shared';
import type { AuthUser } from '../../../common/auth/auth-user';
import { badRequest } from '../../../common/api-error';
import type { ExportQueryDto } from './dto/export-query.dto';
import { parseFileParam, pivotExport, type PreparedExport } from './exports.service';
import type { PivotPlan, PivotRow, RowStatus } from './pivot-data.service';
import { optionColumns } from './pivot-options';
import { UnitsService } from '../../units/units.service';
import { CurrentTreeHistoryService, type UnitHistory } from '../../figures/current-tree/current-tree-history.service';

/**
 * GET /api/exports/:unit/:period.csv|xlsx?tree=current — the pivot of an old period on today's units:
 * one row per commune of today's tree (its predecessors' aggregate), then the unit's own row. Every
 * row is a computed figure; "Số xã đã tính / phải báo cáo" counts old communes placed / linked.
 */
@Injectable()
export class HistoryExportsService {
  constructor(
    private readonly units: UnitsService,
    private readonly history: CurrentTreeHistoryService,
  ) {}

  async preparePivot(user: AuthUser, unitCode: string, file: string, q: ExportQueryDto): Promise<PreparedExport> {
    const { periodId, format } = parseFileParam(file);
    if (q.basis && q.basis !== 'approved') {
      throw badRequest('basis', 'Lịch sử trên cây hiện hành chỉ tính báo cáo đã duyệt.', 'History on the current tree counts approved reports only.');
    }
    const unit = await this.units.getAccessible(user, unitCode);
    const h = await this.history.compute(unit, periodId);
    const columns = valueNodes(h.template, 'commune');
    const plan: PivotPlan = {
      unit,
      title: `${unit.name} (cây hiện hành)`,
      periodId: h.period.id,
      scope: 'communes',
      basis: 'approved',
      template: h.template,
      columns,
      options: optionColumns(columns),
    };
    const row = (u: UnitHistory, name: string, code: string): PivotRow => {
      const { placed, expected } = u.coverage;
      const status: RowStatus = placed === 0 ? 'none' : placed < expected ? 'partial' : 'complete';
      return {
        code,
        name,
        level: u.unit.level,
        status,
        summary: true,
        reported: placed,
        expected,
        values: [
          ...columns.map((c) => {
            const st = u.stats[c.code];
            return st ? summarize(c, st).headline : null;
          }),
          ...plan.options.map((o) => {
            const st = u.stats[o.indicator.code];
            return st && st.count > 0 ? (st.optionCounts[String(o.value)] ?? 0) : null;
          }),
        ],
      };
    };
    const rows = unit.level === 'commune' ? [row(h.self, unit.name, unit.code)] : h.communes.map((c) => row(c, c.unit.name, c.unit.code));
    async function* pages(): AsyncGenerator<PivotRow[]> {
      yield rows;
    }
    const total = () => Promise.resolve(row(h.self, `Tổng hợp: ${unit.name} — từ các đơn vị cũ`, ''));
    const filename = `CCHC_${h.period.id}_${unit.code}_${unit.name}_cay-hien-hanh.${format}`;
    const xlsx = { title: `${plan.title} — ${periodLabel(h.period.id)} — Administrative data provided by VietMap`, sheetName: h.period.id };
    return pivotExport(plan, format, filename, xlsx, pages, total, q.decimal ?? 'dot');
  }
}
