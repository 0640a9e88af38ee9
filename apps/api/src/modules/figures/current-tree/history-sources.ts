import { DataSource } from 'typeorm';
import { badRequest, notFound } from '../../../common/api-error';
import { Period } from '../../periods/entities/period.entity';

/** A report names a code, not a unit: it belongs to the unit of that code in force at the date. */
export function inForceAt(u: { validFrom: string; validTo: string | null }, date: string): boolean {
  return u.validFrom <= date && (u.validTo === null || u.validTo >= date);
}

/**
 * The old period whose figures are re-aggregated onto `unit`: it must exist and end before the unit
 * came into being (after that the unit's own reports apply, which `ownFigures` tells the caller).
 */
export async function findOldPeriod(
  ds: DataSource,
  unit: { name: string; validFrom: string },
  periodId: string,
  field: string,
  ownFigures: { vi: string; en: string },
): Promise<Period> {
  const period = await ds.getRepository(Period).findOne({ where: { id: periodId } });
  if (!period) throw notFound(`Không tìm thấy kỳ báo cáo "${periodId}".`, `No period "${periodId}".`, field);
  if (period.endDate >= unit.validFrom) {
    throw badRequest(
      field,
      `Kỳ ${period.id} kết thúc sau khi ${unit.name} được thành lập (${unit.validFrom}): ${ownFigures.vi}`,
      `Period ${period.id} ends after ${unit.name} came into being (${unit.validFrom}): ${ownFigures.en}`,
    );
  }
  return period;
}
