import { parseRoles, roleBindingProblem, serializeRoles } from './roles';

describe('roles', () => {
  it('stores a canonical comma list and never grants an unknown word', () => {
    expect(serializeRoles(['reviewer', 'officer', 'reviewer'])).toBe('officer,reviewer');
    expect(parseRoles('reviewer, officer,superuser')).toEqual(['officer', 'reviewer']);
    expect(parseRoles(null)).toEqual([]);
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
});
