import { REPORT_STATUSES } from './report-status';
import { BOARD_CARDS, BOARD_CARD_LABELS, boardCardOf, daysLate } from './submission-board';

describe('submission board cards', () => {
  it('puts each status (and no report) in exactly one card, drafting apart from not started', () => {
    const cards = [boardCardOf(null), ...REPORT_STATUSES.map(boardCardOf)];
    expect(new Set(cards).size).toBe(cards.length);
    expect([...cards].sort()).toEqual([...BOARD_CARDS].sort());
    expect(boardCardOf('draft')).toBe('drafting');
    expect(BOARD_CARD_LABELS.drafting.vi).toBe('Đang soạn');
    expect(BOARD_CARD_LABELS.not_started.vi).toBe('Chưa nộp');
  });
});

describe('daysLate', () => {
  it('is 0 on or before the deadline day in Vietnam', () => {
    expect(daysLate(new Date('2023-12-20T16:59:59Z'), '2023-12-20')).toBe(0);
    expect(daysLate(new Date('2023-12-01T01:00:00Z'), '2023-12-20')).toBe(0);
  });

  it('counts Vietnam calendar days after the deadline', () => {
    expect(daysLate(new Date('2023-12-20T17:00:00Z'), '2023-12-20')).toBe(1);
    expect(daysLate(new Date('2024-01-02T03:00:00Z'), '2023-12-20')).toBe(13);
  });
});
