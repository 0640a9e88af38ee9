import { LEGACY_ROLE_MAP, mayAnalyse, mayEditReport, mayReadOwnConsolidation, mayReviewReport, parseRoles, roleBindingProblem, serializeRoles } from './roles';

const district = { code: '477', parentCode: '46' };
const commune = { code: '19894', parentCode: '477' };
const province = { code: '46', parentCode: null };

describe('roles', () => {
  it('stores a canonical comma list and never grants an unknown word', () => {
    expect(serializeRoles(['reviewer', 'officer', 'reviewer'])).toBe('officer,reviewer');
    expect(parseRoles('reviewer, officer,superuser')).toEqual(['officer', 'reviewer']);
    expect(parseRoles(null)).toEqual([]);
  });

  it('a reviewer reviews only the direct children of its unit; an officer edits only its own unit', () => {
    const huyen = { roles: parseRoles('officer,reviewer'), unitCode: '477' };
    expect(mayEditReport(huyen, district)).toBe(true);
    expect(mayEditReport(huyen, commune)).toBe(false);
    expect(mayReviewReport(huyen, commune)).toBe(true);
    expect(mayReviewReport(huyen, district)).toBe(false);
    const tinh = { roles: parseRoles('reviewer'), unitCode: '46' };
    expect(mayReviewReport(tinh, district)).toBe(true);
    expect(mayReviewReport(tinh, commune)).toBe(false);
    // Two tiers: the commune's parent is the province.
    expect(mayReviewReport(tinh, { code: '19900', parentCode: '46' })).toBe(true);
    const admin = { roles: parseRoles('administrator'), unitCode: null };
    expect(mayReviewReport(admin, province)).toBe(true);
    expect(mayReviewReport({ roles: parseRoles('officer,reviewer,analyst'), unitCode: '46' }, province)).toBe(false);
  });

  it('maps the old single roles to what they could do', () => {
    const oldReviewer = { roles: LEGACY_ROLE_MAP.district_reviewer, unitCode: '477' };
    expect(mayReviewReport(oldReviewer, commune)).toBe(true);
    expect(mayEditReport(oldReviewer, commune)).toBe(false);
    expect(mayEditReport(oldReviewer, district)).toBe(false);
    expect(mayAnalyse(oldReviewer)).toBe(true);
    expect(mayAnalyse({ roles: LEGACY_ROLE_MAP.commune_officer })).toBe(false);
    expect(mayAnalyse({ roles: LEGACY_ROLE_MAP.province_analyst })).toBe(true);
    expect(mayEditReport({ roles: LEGACY_ROLE_MAP.province_analyst, unitCode: '46' }, province)).toBe(false);
  });

  it('binds roles to a unit: a commune cannot review, an administrator has no unit', () => {
    expect(roleBindingProblem(['officer', 'reviewer'], 'district')).toBeNull();
    expect(roleBindingProblem(['officer', 'analyst'], 'commune')).toBeNull();
    expect(roleBindingProblem(['reviewer'], 'commune')?.field).toBe('unitCode');
    expect(roleBindingProblem(['officer'], null)?.field).toBe('unitCode');
    expect(roleBindingProblem(['administrator'], null)).toBeNull();
    expect(roleBindingProblem(['administrator'], 'province')?.field).toBe('unitCode');
    expect(roleBindingProblem([], 'province')?.field).toBe('roles');
  });

  it("lets a district or province officer read only its own unit's consolidation", () => {
    const huyen = { roles: parseRoles('officer,reviewer'), unitCode: '477', unitLevel: 'district' as const };
    expect(mayReadOwnConsolidation(huyen, '477')).toBe(true);
    expect(mayReadOwnConsolidation(huyen, '19894')).toBe(false);
    expect(mayReadOwnConsolidation(huyen, '46')).toBe(false);
    expect(mayReadOwnConsolidation({ ...huyen, roles: parseRoles('reviewer') }, '477')).toBe(false);
    expect(mayReadOwnConsolidation({ roles: parseRoles('officer'), unitCode: '19894', unitLevel: 'commune' }, '19894')).toBe(false);
    expect(mayReadOwnConsolidation({ roles: parseRoles('officer'), unitCode: '46', unitLevel: 'province' }, '46')).toBe(true);
  });
});
