import { shouldBatchSiblings } from './sibling-batch';

describe('shouldBatchSiblings', () => {
  const base = { batchMin: 4, mysql: true, level: 'district', hasParent: true, siblings: 9 };

  it('batches a district whose dirty siblings reach the threshold', () => {
    expect(shouldBatchSiblings({ ...base, dirty: 4 })).toBe(true);
    expect(shouldBatchSiblings({ ...base, dirty: 9 })).toBe(true);
  });

  it('keeps a few approvals on the single-pass path', () => {
    expect(shouldBatchSiblings({ ...base, dirty: 3 })).toBe(false);
  });

  it('never batches on SQLite, when switched off, for a commune, a root or a small family', () => {
    expect(shouldBatchSiblings({ ...base, mysql: false, dirty: 9 })).toBe(false);
    expect(shouldBatchSiblings({ ...base, batchMin: 0, dirty: 9 })).toBe(false);
    expect(shouldBatchSiblings({ ...base, level: 'commune', dirty: 9 })).toBe(false);
    expect(shouldBatchSiblings({ ...base, hasParent: false, dirty: 9 })).toBe(false);
    expect(shouldBatchSiblings({ ...base, siblings: 3 })).toBe(false);
  });

  it('without a dirty count yet, answers whether counting is worth it', () => {
    expect(shouldBatchSiblings(base)).toBe(true);
  });
});
