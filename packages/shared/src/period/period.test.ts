import { defaultPeriodWindow, isOnTime, parsePeriodId, periodLabel, periodsOfYear, previousPeriodId } from './period';

describe('parsePeriodId', () => {
  it('reads the four CCHC periods', () => {
    expect(parsePeriodId('2023')).toEqual({ id: '2023', type: 'year', year: 2023, index: 1 });
    expect(parsePeriodId('2023S1')).toEqual({ id: '2023S1', type: 'semester', year: 2023, index: 1 });
    expect(parsePeriodId('2023Q1')).toEqual({ id: '2023Q1', type: 'quarter', year: 2023, index: 1 });
    expect(parsePeriodId('2023q3')).toEqual({ id: '2023Q3', type: 'quarter', year: 2023, index: 3 });
  });
  it.each(['2023Q2', '2023Q4', '2023S2', '23Q1', '2023-01', '', 'năm 2023'])('rejects %p', (id) => {
    expect(parsePeriodId(id)).toBeNull();
  });
});

describe('defaultPeriodWindow', () => {
  it.each([
    ['2023Q1', '2022-12-15', '2023-03-14', '2023-03-20'],
    ['2023S1', '2022-12-15', '2023-06-14', '2023-06-20'],
    ['2023Q3', '2023-06-15', '2023-09-14', '2023-09-20'],
    ['2023', '2022-12-15', '2023-12-14', '2023-12-20'],
  ])('%s: %s → %s, due %s', (id, startDate, endDate, deadline) => {
    expect(defaultPeriodWindow(id)).toEqual({ startDate, endDate, deadline });
  });
  it('throws on a bad id', () => {
    expect(() => defaultPeriodWindow('2023Q2')).toThrow(/không hợp lệ/);
  });
});

describe('previousPeriodId and labels', () => {
  it('steps back a year within the same type', () => {
    expect(previousPeriodId('2023')).toBe('2022');
    expect(previousPeriodId('2023S1')).toBe('2022S1');
    expect(previousPeriodId('2023Q3')).toBe('2022Q3');
    expect(previousPeriodId('bad')).toBeNull();
  });
  it('labels in Vietnamese and English', () => {
    expect(periodLabel('2023', 'vi')).toBe('Năm 2023');
    expect(periodLabel('2023S1', 'vi')).toBe('6 tháng đầu năm 2023');
    expect(periodLabel('2023Q1', 'vi')).toBe('Quý I năm 2023');
    expect(periodLabel('2023Q3', 'vi')).toBe('Quý III năm 2023');
    expect(periodLabel('2023Q3', 'en')).toBe('Q3 2023');
    expect(periodLabel('2023S1', 'en')).toBe('First half of 2023');
    expect(periodLabel('2023', 'en')).toBe('Year 2023');
  });
  it('lists a year’s periods in reporting order', () => {
    expect(periodsOfYear(2024)).toEqual(['2024Q1', '2024S1', '2024Q3', '2024']);
  });
});

describe('isOnTime', () => {
  it('counts the whole deadline day in Vietnam time', () => {
    expect(isOnTime('2023-12-20T16:59:59Z', '2023-12-20')).toBe(true); // 23:59:59 in Hà Nội
    expect(isOnTime('2023-12-20T17:00:00Z', '2023-12-20')).toBe(false); // 00:00 on the 21st
    expect(isOnTime('2023-12-20T23:30:00+07:00', '2023-12-20')).toBe(true);
    expect(isOnTime('2023-12-21T00:10:00+07:00', '2023-12-20')).toBe(false);
    expect(isOnTime('2023-12-19T20:00:00-05:00', '2023-12-20')).toBe(true); // 08:00 on the 20th in VN
  });
  it('reads offset-less times and bare dates as Vietnam time', () => {
    expect(isOnTime('2023-12-20T23:59:00', '2023-12-20')).toBe(true);
    expect(isOnTime('2023-12-21', '2023-12-20')).toBe(false);
    expect(isOnTime('2023-12-20', '2023-12-20')).toBe(true);
    expect(isOnTime('not a date', '2023-12-20')).toBe(false);
  });
});
