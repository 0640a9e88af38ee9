/**
 * A small per-process cache of answers that rarely change (units, periods): each entry lives `ttlMs`,
 * so another process's change is seen within it; this process's changes call `delete`/`clear`, which
 * also make a read that began before them unable to store its (older) answer after them.
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, { until: number; value: T }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  /** The live entry, or undefined. */
  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.until > Date.now() ? hit.value : undefined;
  }

  /** Take before reading the source, hand to `set`: an answer read before a change is not kept after it. */
  stamp(): number {
    return this.generation;
  }

  set(key: string, value: T, stamp: number): void {
    if (stamp !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { until: Date.now() + this.ttlMs, value });
  }

  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
