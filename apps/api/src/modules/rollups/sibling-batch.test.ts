import { rollupJobUnit, shouldBatchSiblings } from './sibling-batch';

describe('shouldBatchSiblings', () => {
  const base = { batchMin: 4, mysql: true, dirty: 4 };

  it('batches a family once ROLLUP_BATCH_MIN of its children are dirty', () => {
    expect(shouldBatchSiblings(base)).toBe(true);
    expect(shouldBatchSiblings({ ...base, dirty: 30 })).toBe(true);
  });

  it('keeps a few approvals on the single-pass path', () => {
    expect(shouldBatchSiblings({ ...base, dirty: 3 })).toBe(false);
    expect(shouldBatchSiblings({ ...base, dirty: 1 })).toBe(false);
  });

  it('never batches on SQLite or with batching off', () => {
    expect(shouldBatchSiblings({ ...base, mysql: false, dirty: 9 })).toBe(false);
    expect(shouldBatchSiblings({ ...base, batchMin: 0, dirty: 9 })).toBe(false);
  });
});

describe('rollupJobUnit', () => {
  it("hands a district to its province's job, and a province in a two-tier tree to its own", () => {
    expect(rollupJobUnit('991', { level: 'district', parentCode: '99' })).toBe('99');
    expect(rollupJobUnit('99', { level: 'province', parentCode: null })).toBe('99');
  });

  it('keeps a commune and an unknown code on their own job', () => {
    expect(rollupJobUnit('99101', { level: 'commune', parentCode: '991' })).toBe('99101');
    expect(rollupJobUnit('997', null)).toBe('997');
  });
});
