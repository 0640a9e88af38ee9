import type { UnitDetail } from '../api/schema-types';

/**
 * The i18n key naming who reviews a unit's report: the level of its parent in its own tree (a commune
 * of the 2025 tree reports straight to the province), the level above for a province.
 */
export function reviewingLevelKey(unit: Pick<UnitDetail, 'ancestors'> | undefined): string {
  const parent = unit?.ancestors[unit.ancestors.length - 1];
  return `level.${parent?.level ?? 'above'}`;
}
