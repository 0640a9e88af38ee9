import { countedStatuses, isCounted, transitionAffectsBasis } from './report-basis';
import { canTransition, EDITABLE_STATUSES, isEditableStatus, isReportStatus, REPORT_STATUSES, REPORT_STATUS_LABELS, REPORT_TRANSITIONS, rowStatusLabel, statusLabel, statusLabels } from './report-status';

describe('report statuses', () => {
  it('labels every status, and a missing report, in both languages, each label distinct', () => {
    for (const s of [...REPORT_STATUSES, 'missing' as const]) {
      expect(REPORT_STATUS_LABELS[s].vi.length).toBeGreaterThan(0);
      expect(REPORT_STATUS_LABELS[s].en.length).toBeGreaterThan(0);
    }
    expect(new Set(Object.values(statusLabels('vi'))).size).toBe(5);
    expect(statusLabel('draft')).toBe('Đang soạn');
    expect(statusLabel('approved', 'en')).toBe('Approved');
    expect(rowStatusLabel('partial')).toBe('Thiếu số liệu');
    expect(rowStatusLabel('missing')).toBe('Chưa có báo cáo');
  });

  it('keeps the lifecycle as data: a returned report may be resubmitted, an approved one only reopened', () => {
    expect(canTransition('returned', 'submit')).toBe(true);
    expect(canTransition('approved', 'submit')).toBe(false);
    expect(canTransition('approved', 'reopen')).toBe(true);
    expect(REPORT_TRANSITIONS.reopen.to).toBe('returned');
    // Every status a transition leads to can be left again, except approved, which only reopening leaves.
    for (const t of Object.values(REPORT_TRANSITIONS)) expect(REPORT_STATUSES).toContain(t.to);
    // Editable statuses are exactly those a submit starts from.
    expect([...REPORT_TRANSITIONS.submit.from].sort()).toEqual([...EDITABLE_STATUSES].sort());
  });

  it('lets only drafts and returned reports be edited', () => {
    expect([...EDITABLE_STATUSES].sort()).toEqual(['draft', 'returned']);
    expect(REPORT_STATUSES.filter(isEditableStatus)).toEqual(['draft', 'returned']);
    expect(isEditableStatus('submitted')).toBe(false);
    expect(isEditableStatus('nonsense')).toBe(false);
  });

  it('recognises only the four statuses', () => {
    expect(isReportStatus('approved')).toBe(true);
    expect(isReportStatus('missing')).toBe(false);
    expect(isReportStatus(3)).toBe(false);
  });
});

describe('basis → counted statuses', () => {
  it('counts approved reports only on the approved basis', () => {
    expect(countedStatuses('approved')).toEqual(['approved']);
    expect(REPORT_STATUSES.filter((s) => isCounted('approved', s))).toEqual(['approved']);
  });

  it('adds submitted reports on the submitted basis, never drafts', () => {
    expect(countedStatuses('submitted').sort()).toEqual(['approved', 'submitted']);
    expect(isCounted('submitted', 'draft')).toBe(false);
    expect(isCounted('submitted', 'returned')).toBe(false);
  });

  it('counts every status on the all basis', () => {
    expect(countedStatuses('all').sort()).toEqual([...REPORT_STATUSES].sort());
  });

  it('returns a copy callers may not corrupt', () => {
    countedStatuses('approved').push('draft');
    expect(countedStatuses('approved')).toEqual(['approved']);
  });

  it('says which transitions move the counted figures', () => {
    expect(transitionAffectsBasis('approved', 'submitted', 'approved')).toBe(true);
    expect(transitionAffectsBasis('approved', 'approved', 'returned')).toBe(true);
    expect(transitionAffectsBasis('approved', 'draft', 'submitted')).toBe(false);
    expect(transitionAffectsBasis('approved', 'submitted', 'returned')).toBe(false);
    expect(transitionAffectsBasis('submitted', 'draft', 'submitted')).toBe(true);
    expect(transitionAffectsBasis('submitted', 'submitted', 'returned')).toBe(true);
    expect(transitionAffectsBasis('submitted', 'submitted', 'approved')).toBe(false);
  });
});
