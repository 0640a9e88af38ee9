import { isCalendarDate, periodDatesProblem } from './calendar-date';

describe('isCalendarDate', () => {
  it('accepts real days, leap days included', () => {
    expect(isCalendarDate('2023-12-20')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('refuses impossible days and other shapes', () => {
    for (const s of ['2023-13-45', '2023-02-29', '2023-04-31', '2023-00-10', '2023-1-5', '20231220', '', 'hôm nay']) {
      expect({ s, ok: isCalendarDate(s) }).toEqual({ s, ok: false });
    }
    expect(isCalendarDate(20231220)).toBe(false);
  });
});

describe('periodDatesProblem', () => {
  const ok = { startDate: '2022-12-15', endDate: '2023-12-14', deadline: '2023-12-20' };
  it('passes an ordered window', () => {
    expect(periodDatesProblem(ok)).toBeNull();
    expect(periodDatesProblem({ startDate: '2023-01-01', endDate: '2023-01-01', deadline: '2023-01-01' })).toBeNull();
  });

  it('names the field that is not a date', () => {
    expect(periodDatesProblem({ ...ok, deadline: '2023-13-45' })?.field).toBe('deadline');
    expect(periodDatesProblem({ ...ok, startDate: '2023-02-30' })?.field).toBe('startDate');
  });

  it('names the field out of order', () => {
    expect(periodDatesProblem({ ...ok, startDate: '2024-01-01' })?.field).toBe('startDate');
    expect(periodDatesProblem({ ...ok, deadline: '2023-12-01' })?.field).toBe('deadline');
  });
});
