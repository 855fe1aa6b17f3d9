/**
 * A value read from the database, shared by every caller for `ttlMs` after its read began: callers in that
 * time get the same promise, so however many requests ask at once there is one read (single flight), and
 * a burst of requests costs one read instead of one each. A failed read is not kept, and `invalidate()`
 * makes the next caller read again. With `ttlMs` 0 every call reads.
 */
export class SharedRead<T> {
  private current: { value: Promise<T>; startedAt: number } | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<T> {
    const kept = this.current;
    // Aged from when the read began, not when it ended: the value is never older than the TTL.
    if (kept && this.now() - kept.startedAt < this.ttlMs) return kept.value;
    const entry = { startedAt: this.now(), value: this.read() };
    this.current = entry;
    entry.value.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return entry.value;
  }

  /** Forget the value: the next `get()` reads again. Callers already holding the old promise keep it. */
  invalidate(): void {
    this.current = undefined;
  }
}
