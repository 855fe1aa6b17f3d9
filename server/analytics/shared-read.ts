/**
 * Values read from the database, one per key, each shared by every caller for `ttlMs` after its read
 * began: callers in that time get the same promise, so however many requests ask at once there is one read
 * (single flight), and a burst of requests costs one read instead of one each. A failed read is not kept,
 * and `invalidate()` makes the next caller of every key read again. With `ttlMs` 0 every call reads. At
 * most `max` keys are kept (the oldest read goes first), so strangers' keys cannot fill the memory.
 *
 * A value past half its TTL is read again ahead of need (refresh-ahead): the caller that notices still gets
 * the kept value, which is within its TTL, and while requests keep coming the new value is there before the
 * old one expires, so none of them waits for the database. On PostgreSQL that wait (a round trip to a
 * backend that has been idle) was a millisecond or more of every few dashboard questions. The promise is
 * unchanged: no caller ever gets a value whose read began `ttlMs` or more before it asked.
 */
interface Read<T> {
  value: Promise<T>;
  startedAt: number;
}

/** A kept value, and the read ahead that will replace it, if one has begun. */
type Kept<T> = Read<T> & { next?: Read<T> };

export class SharedReads<K, T> {
  private readonly kept = new Map<K, Kept<T>>();

  constructor(
    private readonly read: (key: K) => Promise<T>,
    private readonly ttlMs: number,
    private readonly options: { max?: number; now?: () => number } = {},
  ) {}

  get(key: K): Promise<T> {
    const now = this.options.now?.() ?? performance.now();
    const kept = this.kept.get(key);
    // Aged from when the read began, not when it ended: the value is never older than the TTL.
    if (kept && now - kept.startedAt < this.ttlMs) {
      if (!kept.next && now - kept.startedAt >= this.ttlMs / 2) this.readAhead(key, kept, now);
      return kept.value;
    }
    if (kept?.next && now - kept.next.startedAt < this.ttlMs) return kept.next.value;
    const entry = { startedAt: now, value: this.read(key) };
    // Deleted first, so the map's order stays the order in which the reads began.
    this.kept.delete(key);
    if (this.ttlMs > 0) this.keep(key, entry);
    entry.value.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return entry.value;
  }

  /** Forget every value: the next `get()` of each key reads again. Callers already holding an old promise keep it. */
  invalidate(): void {
    this.kept.clear();
  }

  /** Reads `key` again while `kept` still serves; the new value replaces it once read, unless it was invalidated meanwhile. */
  private readAhead(key: K, kept: Kept<T>, now: number): void {
    const next = { startedAt: now, value: this.read(key) };
    kept.next = next;
    next.value.then(
      () => {
        if (this.kept.get(key) !== kept) return;
        this.kept.delete(key);
        this.keep(key, next);
      },
      () => {
        if (kept.next === next) kept.next = undefined;
      },
    );
  }

  private keep(key: K, entry: Read<T>): void {
    if (this.kept.size >= (this.options.max ?? Infinity)) this.kept.delete(this.kept.keys().next().value as K);
    this.kept.set(key, entry);
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
