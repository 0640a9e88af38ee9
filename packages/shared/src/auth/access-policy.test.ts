import {
  ACCESS_ACTIONS,
  ACCESS_POLICY,
  accessPolicyMarkdown,
  allowedWhilePasswordPending,
  can,
  decideAccess,
  isAccessAction,
  mayEditReport,
  mayReviewReport,
  relationOf,
  ROUTE_ACCESS,
  type AccessSubject,
  type AccessTarget,
} from './access-policy';
import { LEGACY_ROLE_MAP, type Role } from './roles';

const unit = (code: string, path: string, parentCode: string | null, level: 'province' | 'district' | 'commune') => ({ code, path, parentCode, level });
const P46 = unit('46', '/46/', null, 'province');
const D477 = unit('477', '/46/477/', '46', 'district');
const D476 = unit('476', '/46/476/', '46', 'district');
const C19885 = unit('19885', '/46/477/19885/', '477', 'commune');
const C19870 = unit('19870', '/46/476/19870/', '476', 'commune');
const P48 = unit('48', '/48/', null, 'province');
const C20194 = unit('20194', '/48/490/20194/', '490', 'commune');
// Two tiers: communes hang directly under the province.
const C2T = unit('19900', '/46/19900/', '46', 'commune');

const who = (roles: Role[], u: { code: string; path: string } | null): AccessSubject => ({ roles, unitCode: u?.code ?? null, unitPath: u?.path ?? null });

describe('access policy', () => {
  it('tells where a unit stands from the caller: own, child, deeper, outside, the country, none', () => {
    const huyen = who(['officer'], D477);
    expect(relationOf(huyen, D477)).toBe('own');
    expect(relationOf(huyen, C19885)).toBe('child');
    expect(relationOf(who(['analyst'], P46), C19885)).toBe('descendant');
    expect(relationOf(huyen, P46)).toBe('outside'); // parent
    expect(relationOf(huyen, D476)).toBe('outside'); // sibling
    expect(relationOf(huyen, C19870)).toBe('outside'); // a sibling's child
    expect(relationOf(huyen, C20194)).toBe('outside'); // another province
    expect(relationOf(huyen, 'national')).toBe('national');
    expect(relationOf(huyen, null)).toBe('none');
    expect(relationOf(who(['administrator'], null), C19885)).toBe('outside');
    // A reused code: 19867 was Thị trấn Sịa under 477 (2024 tree) and is Xã Quảng Điền under 46 (2025).
    const quangDien = who(['officer'], unit('19867', '/46/19867/', '46', 'commune'));
    expect(relationOf(quangDien, unit('19867', '/46/477/19867/', '477', 'commune'))).toBe('outside');
    expect(relationOf(quangDien, unit('19867', '/46/19867/', '46', 'commune'))).toBe('own');
  });

  it('an officer writes and submits its own unit only, never a child (the import hole of issue 20)', () => {
    const huyen = who(['officer'], D477);
    expect(can(huyen, 'report.write', D477)).toBe(true);
    expect(decideAccess(huyen, 'report.write', C19885)).toEqual({ allowed: false, relation: 'child', reason: 'role' });
    expect(can(who(['officer'], P46), 'report.write', C19885)).toBe(false);
    expect(can(who(['officer'], C19885), 'report.submit', C19885)).toBe(true);
    expect(decideAccess(who(['officer'], C19885), 'report.write', C19870)).toEqual({ allowed: false, relation: 'outside', reason: 'scope' });
    expect(can(who(['administrator'], null), 'report.write', C20194)).toBe(true);
  });

  it('a reviewer approves, returns and reopens the direct children of its unit only (two tiers too)', () => {
    const huyen = who(['reviewer'], D477);
    for (const action of ['report.review', 'report.reopen'] as const) {
      expect(can(huyen, action, C19885)).toBe(true);
      expect(can(huyen, action, D477)).toBe(false);
      expect(can(huyen, action, C19870)).toBe(false);
      expect(can(who(['reviewer'], P46), action, D477)).toBe(true);
      expect(can(who(['reviewer'], P46), action, C19885)).toBe(false);
      expect(can(who(['reviewer'], P46), action, C2T)).toBe(true);
      // Only the ministry (an administrator) reviews a province.
      expect(can(who(['officer', 'reviewer', 'analyst'], P46), action, P46)).toBe(false);
      expect(can(who(['administrator'], null), action, P46)).toBe(true);
    }
  });

  it('summaries: analysts of the subtree, and a district or province officer for its own unit only', () => {
    expect(can(who(['analyst'], P46), 'summary.read', C19885)).toBe(true);
    expect(can(who(['officer'], D477), 'summary.read', D477)).toBe(true);
    expect(can(who(['officer'], D477), 'summary.read', C19885)).toBe(false);
    expect(can(who(['officer'], P46), 'summary.read', P46)).toBe(true);
    expect(can(who(['officer'], C19885), 'summary.read', C19885)).toBe(false);
    expect(can(who(['reviewer'], P46), 'summary.read', P46)).toBe(false);
    expect(can(who(['analyst'], D477), 'summary.read', P46)).toBe(false);
  });

  it('exports follow the analyst rule (issue 20: a reviewer-only account on 46 may not export)', () => {
    expect(decideAccess(who(['reviewer'], P46), 'figures.export', P46)).toEqual({ allowed: false, relation: 'own', reason: 'role' });
    expect(can(who(['officer'], D477), 'figures.export', D477)).toBe(false);
    expect(can(who(['analyst'], P46), 'figures.export', P46)).toBe(true);
    expect(can(who(['analyst'], P46), 'figures.export', P48)).toBe(false);
    expect(decideAccess(who(['analyst'], P46), 'figures.export', 'national')).toMatchObject({ allowed: false, reason: 'scope' });
    expect(can(who(['administrator'], null), 'figures.export', 'national')).toBe(true);
    // Printing one report is reading it: any role of the subtree.
    expect(can(who(['reviewer'], P46), 'report.read', C19885)).toBe(true);
  });

  it('administration is for administrators; the session itself is for everyone, even with a password to change', () => {
    for (const action of ['users.admin', 'periods.admin', 'templates.admin', 'rollups.admin', 'audit.read', 'queues.admin'] as const) {
      expect(can(who(['administrator'], null), action, null)).toBe(true);
      expect(can(who(['officer', 'reviewer', 'analyst'], P46), action, null)).toBe(false);
      expect(allowedWhilePasswordPending(action)).toBe(false);
    }
    expect(can(who(['officer'], C19885), 'session.self', null)).toBe(true);
    expect(allowedWhilePasswordPending('session.self')).toBe(true);
    expect(allowedWhilePasswordPending('report.read')).toBe(false);
  });

  it('grants nothing outside the subtree to a unit-bound role, for any action', () => {
    const roles: Role[] = ['officer', 'reviewer', 'analyst'];
    const targets: AccessTarget[] = [P48, C20194, D476, 'national'];
    for (const action of ACCESS_ACTIONS) for (const t of targets) expect([action, t, can(who(roles, D477), action, t)]).toEqual([action, t, false]);
  });

  it("PAR: a province's reviewers author criteria; a commune's officer fills its own sheet; the reviewer above appraises it", () => {
    const tinh = { ...who(['reviewer'], P46), unitLevel: 'province' as const };
    expect(can(tinh, 'par.criteria.author', null)).toBe(true);
    expect(can({ ...who(['reviewer'], D477), unitLevel: 'district' }, 'par.criteria.author', null)).toBe(false);
    expect(can(who(['reviewer'], P46), 'par.criteria.author', null)).toBe(false); // level unknown: refused
    expect(can(who(['officer'], C19885), 'par.sheet.fill', C19885)).toBe(true);
    expect(can(who(['officer'], C19885), 'par.sheet.fill', C19870)).toBe(false);
    expect(can(who(['reviewer'], D477), 'par.sheet.appraise', C19885)).toBe(true);
    expect(can(who(['reviewer'], P46), 'par.sheet.appraise', C2T)).toBe(true);
    expect(can(who(['officer'], C19885), 'par.sheet.appraise', C19885)).toBe(false);
  });

  it('keeps what the old single roles could do', () => {
    const oldReviewer = who(LEGACY_ROLE_MAP.district_reviewer, D477);
    expect(can(oldReviewer, 'report.review', C19885)).toBe(true);
    expect(can(oldReviewer, 'report.write', C19885)).toBe(false);
    expect(can(oldReviewer, 'figures.read', D477)).toBe(true);
    expect(can(who(LEGACY_ROLE_MAP.commune_officer, C19885), 'figures.read', C19885)).toBe(false);
    expect(can(who(LEGACY_ROLE_MAP.province_analyst, P46), 'report.write', P46)).toBe(false);
  });

  it('gives screens the same answers by code (own and direct child)', () => {
    expect(mayEditReport({ roles: ['officer'], unitCode: '19885' }, C19885)).toBe(true);
    expect(mayEditReport({ roles: ['officer'], unitCode: '477' }, C19885)).toBe(false);
    expect(mayReviewReport({ roles: ['reviewer'], unitCode: '477' }, C19885)).toBe(true);
    expect(mayReviewReport({ roles: ['reviewer'], unitCode: '46' }, C19885)).toBe(false);
    expect(mayReviewReport({ roles: ['administrator'], unitCode: null }, P46)).toBe(true);
  });

  it('every route names a declared action, and the table lists every action', () => {
    for (const [route, action] of Object.entries(ROUTE_ACCESS)) {
      expect([route, action === 'public' || isAccessAction(action)]).toEqual([route, true]);
      expect(route).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\//);
    }
    const table = accessPolicyMarkdown();
    for (const action of ACCESS_ACTIONS) expect(table).toContain(`\`${action}\``);
    expect(Object.keys(ACCESS_POLICY)).toEqual(ACCESS_ACTIONS);
    expect(isAccessAction('report.delete')).toBe(false);
  });
});
