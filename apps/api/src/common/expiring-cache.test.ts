import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps an entry for its TTL, then forgets it', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = new ExpiringCache<string>(5_000);
    cache.set('46', 'Thành phố Huế', cache.stamp());
    expect(cache.get('46')).toBe('Thành phố Huế');
    jest.setSystemTime(1_000_000 + 4_999);
    expect(cache.get('46')).toBe('Thành phố Huế');
    jest.setSystemTime(1_000_000 + 5_000);
    expect(cache.get('46')).toBeUndefined();
  });

  it('does not keep an answer read before a change made after the read began', () => {
    const cache = new ExpiringCache<string>(60_000);
    const before = cache.stamp();
    cache.delete('2026'); // an update lands while the read is in flight
    cache.set('2026', 'old deadline', before);
    expect(cache.get('2026')).toBeUndefined();
    cache.set('2026', 'new deadline', cache.stamp());
    expect(cache.get('2026')).toBe('new deadline');
    cache.clear();
    expect(cache.get('2026')).toBeUndefined();
  });

  it('keeps null (a known miss) apart from nothing cached, and stays within its size', () => {
    const cache = new ExpiringCache<number | null>(60_000, 2);
    cache.set('a', null, cache.stamp());
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).toBeUndefined();
    cache.set('b', 1, cache.stamp());
    cache.set('c', 2, cache.stamp());
    expect(cache.get('c')).toBe(2);
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
  });
});
