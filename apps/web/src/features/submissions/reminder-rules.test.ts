import type { AuthUser } from '../../api/schema-types';
import { mayNudge, remindable } from './reminder-rules';

const user = (roles: AuthUser['roles'], unitCode: string | null): AuthUser => ({ id: 1, username: 'u', displayName: 'U', roles, unitCode, unitPath: null, unitName: null, unitLevel: null });

describe('"Nhắc nộp" on the board', () => {
  it('offers a reminder only to units that have not submitted', () => {
    expect((['missing', 'draft', 'returned'] as const).map((status) => remindable({ status }))).toEqual([true, true, true]);
    expect((['submitted', 'approved'] as const).map((status) => remindable({ status }))).toEqual([false, false]);
  });

  it("is the board unit's own reviewer's, or an administrator's; analysts and other units' reviewers only read", () => {
    expect(mayNudge(user(['reviewer'], '477'), '477')).toBe(true);
    expect(mayNudge(user(['administrator'], null), '477')).toBe(true);
    expect(mayNudge(user(['reviewer'], '46'), '477')).toBe(false);
    expect(mayNudge(user(['analyst'], '477'), '477')).toBe(false);
    expect(mayNudge(user(['officer'], '477'), '477')).toBe(false);
  });
});
