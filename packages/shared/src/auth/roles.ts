import type { UnitLevel } from '../template/types';

/**
 * Roles by function, each bound to the account's unit (administrators: to none, the whole system).
 * - officer: fills in and submits the unit's own report;
 * - reviewer: returns, approves and reopens the reports of the unit's DIRECT reporting children
 *   (three tiers: districts review communes, provinces review districts; two tiers: provinces review communes);
 * - analyst: reads the unit's subtree: summaries, rankings, exports;
 * - administrator: the whole system; stands in for the ministry above provinces (reviews province reports).
 * An account may hold several of them for its one unit.
 */
export const ROLES = ['officer', 'reviewer', 'analyst', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** The single role of an account before roles were by function, as stored in users.role. */
export const LEGACY_ROLES = ['commune_officer', 'district_reviewer', 'province_analyst', 'admin'] as const;
export type LegacyRole = (typeof LEGACY_ROLES)[number];

/**
 * What each old role becomes, keeping exactly what it could do: a district reviewer also read
 * summaries, rankings and exports of its subtree, so it gets analyst too.
 */
export const LEGACY_ROLE_MAP: Record<LegacyRole, Role[]> = {
  commune_officer: ['officer'],
  district_reviewer: ['reviewer', 'analyst'],
  province_analyst: ['analyst'],
  admin: ['administrator'],
};

/** Canonical order, no duplicates: the stored form compares equal when the set is equal. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}

/** The stored comma list → roles (unknown words are dropped, never granted). */
export function parseRoles(text: string | null | undefined): Role[] {
  if (!text) return [];
  return normalizeRoles(text.split(',').map((s) => s.trim()).filter(isRole));
}

export function serializeRoles(roles: readonly Role[]): string {
  return normalizeRoles(roles).join(',');
}

export interface RoleBindingProblem {
  field: 'roles' | 'unitCode';
  vi: string;
  en: string;
}

/**
 * Whether a set of roles fits a unit (null: no unit). Officer, reviewer and analyst need a unit;
 * a commune has no reporting children, so it cannot hold reviewer. The unit's level decides nothing else.
 * An administrator bound to a unit is refused: an administrator's scope is the whole system.
 */
export function roleBindingProblem(roles: readonly Role[], unitLevel: UnitLevel | null, levelName?: string): RoleBindingProblem | null {
  if (roles.length === 0) return { field: 'roles', vi: 'Cần chọn ít nhất một vai trò.', en: 'Choose at least one role.' };
  const admin = roles.includes('administrator');
  if (admin && roles.length > 1) {
    return { field: 'roles', vi: 'Quản trị viên không kèm vai trò khác (đã có mọi quyền).', en: 'An administrator holds no other role (it may do everything).' };
  }
  if (admin) {
    return unitLevel ? { field: 'unitCode', vi: 'Quản trị viên không gắn với đơn vị.', en: 'An administrator is bound to no unit.' } : null;
  }
  if (!unitLevel) return { field: 'unitCode', vi: 'Vai trò cán bộ, thẩm định, phân tích phải gắn với một đơn vị.', en: 'Officer, reviewer and analyst need a unit.' };
  if (unitLevel === 'commune' && roles.includes('reviewer')) {
    return {
      field: 'unitCode',
      vi: `${levelName ?? 'Cấp xã'} không có đơn vị trực thuộc nộp báo cáo nên không có vai trò thẩm định.`,
      en: 'A commune has no reporting children, so it cannot hold reviewer.',
    };
  }
  return null;
}

// Who may do what to which unit: access-policy.ts (one table for every route).

/** Vietnamese name of a unit level, from the level itself (never "huyện" by assumption). */
export const LEVEL_NAME_VI: Record<UnitLevel, string> = { province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã' };
export const LEVEL_NAME_EN: Record<UnitLevel, string> = { province: 'province', district: 'district', commune: 'commune' };
