import { countedStatuses, isCounted, transitionAffectsBasis } from './report-basis';
import { EDITABLE_STATUSES, isEditableStatus, isReportStatus, REPORT_STATUSES, REPORT_STATUS_LABELS } from './report-status';

describe('report statuses', () => {
  it('labels every status in both languages', () => {
    for (const s of REPORT_STATUSES) {
      expect(REPORT_STATUS_LABELS[s].vi.length).toBeGreaterThan(0);
      expect(REPORT_STATUS_LABELS[s].en).toBe(s);
    }
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
