/**
 * The official trees the database can hold side by side. GSO reuses codes across trees
 * (19867 was Thị trấn Sịa, is now Xã Quảng Điền), so a unit is a code AT A DATE: each row carries
 * its tree and validity, and every tree-walking query stays inside one tree.
 */
export type TreeId = '2024' | '2025';

export interface TreeSpec {
  id: TreeId;
  validFrom: string;
  validTo: string | null;
}

export const TREES: Record<TreeId, TreeSpec> = {
  // The GSO catalogue the 2024 file comes from; its codes are not claimed for dates before this.
  '2024': { id: '2024', validFrom: '2008-01-01', validTo: '2025-06-30' },
  // Quyết định 19/2025/QĐ-TTg, effective 1 July 2025.
  '2025': { id: '2025', validFrom: '2025-07-01', validTo: null },
};

/** A tree with a district level is the three-tier 2024 tree; without one, the two-tier 2025 tree. */
export function treeOfShape(hasDistricts: boolean): TreeSpec {
  return hasDistricts ? TREES['2024'] : TREES['2025'];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in YYYY-MM-DD form. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today in Vietnam (UTC+7): the date a unit is resolved at when the caller names none. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The whole country where a unit code is expected (national exports and ranking): never a GSO code, which is numeric. */
export const NATIONAL_CODE = 'VN';

export function isNationalCode(code: string): boolean {
  return code.toUpperCase() === NATIONAL_CODE;
}
