/**
 * Values read from the database, one per key, each shared by every caller for `ttlMs` after its read
 * began: callers in that time get the same promise, so however many requests ask at once there is one read
 * (single flight), and a burst of requests costs one read instead of one each. A failed read is not kept,
 * and `invalidate()` makes the next caller of every key read again. With `ttlMs` 0 every call reads. At
 * most `max` keys are kept (the oldest read goes first), so strangers' keys cannot fill the memory.
 */
export class SharedReads<K, T> {
  private readonly kept = new Map<K, { value: Promise<T>; startedAt: number }>();

  constructor(
    private readonly read: (key: K) => Promise<T>,
    private readonly ttlMs: number,
    private readonly options: { max?: number; now?: () => number } = {},
  ) {}

  get(key: K): Promise<T> {
    const now = this.options.now?.() ?? performance.now();
    const kept = this.kept.get(key);
    // Aged from when the read began, not when it ended: the value is never older than the TTL.
    if (kept && now - kept.startedAt < this.ttlMs) return kept.value;
    const entry = { startedAt: now, value: this.read(key) };
    // Deleted first, so the map's order stays the order in which the reads began.
    this.kept.delete(key);
    if (this.ttlMs > 0) {
      if (this.kept.size >= (this.options.max ?? Infinity)) this.kept.delete(this.kept.keys().next().value as K);
      this.kept.set(key, entry);
    }
    entry.value.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return entry.value;
  }

  /** Forget every value: the next `get()` of each key reads again. Callers already holding an old promise keep it. */
  invalidate(): void {
    this.kept.clear();
  }
}

/** One value read from the database, shared as `SharedReads` shares each of its keys'. */
export class SharedRead<T> {
  private readonly reads: SharedReads<undefined, T>;

  constructor(read: () => Promise<T>, ttlMs: number, now?: () => number) {
    this.reads = new SharedReads(() => read(), ttlMs, { max: 1, now });
  }

  get(): Promise<T> {
    return this.reads.get(undefined);
  }

  invalidate(): void {
    this.reads.invalidate();
  }
}
