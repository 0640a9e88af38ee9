import type { AuthUser } from '../../api/schema-types';
import { noticeTarget } from './notice-target';

const user = (roles: AuthUser['roles'], unitCode: string): AuthUser => ({ id: 1, username: 'u', displayName: 'U', roles, unitCode, unitPath: null, unitName: null, unitLevel: null });
const officer = user(['officer'], '19891');
const reviewer = user(['reviewer'], '477');

describe('where a notice leads', () => {
  it("opens the unit's form for its own officer and the review page for anyone else", () => {
    expect(noticeTarget({ kind: 'nudge', unitCode: '19891', periodId: '2023' }, officer)).toEqual({ to: '/reports/19891/2023', board: false });
    expect(noticeTarget({ kind: 'submitted', unitCode: '19891', periodId: '2023' }, reviewer)).toEqual({ to: '/review/19891/2023', board: false });
  });

  it("sends the reviewing unit's list of late units to its board", () => {
    expect(noticeTarget({ kind: 'late_list', unitCode: '477', periodId: '2023' }, reviewer)).toEqual({ to: '/submissions/477', board: true });
    expect(noticeTarget({ kind: 'late_list', unitCode: null, periodId: '2023' }, reviewer)).toEqual({ to: '/submissions', board: true });
  });

  it('has no link when the notice names no report', () => {
    expect(noticeTarget({ kind: 'approved', unitCode: null, periodId: '2023' }, officer)).toBeNull();
    expect(noticeTarget({ kind: 'approved', unitCode: '19891', periodId: null }, officer)).toBeNull();
  });
});
