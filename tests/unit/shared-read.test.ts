import { describe, expect, it } from 'vitest';
import { SharedRead, SharedReads } from '../../server/analytics/shared-read';

/** A read whose calls are counted and whose answers the test settles by hand. */
function controlledRead() {
  const pending: { resolve(v: number): void; reject(e: Error): void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  return { read, pending };
}

/** A shared read with a 250 ms TTL on a clock the test sets, its first value (1) read at 0. */
async function readAtZero() {
  const clock = { now: 0 };
  const { read, pending } = controlledRead();
  const shared = new SharedRead(read, 250, () => clock.now);
  const first = shared.get();
  pending[0].resolve(1);
  expect(await first).toBe(1);
  return { shared, pending, clock };
}

describe('a shared read (single flight with a TTL)', () => {
  it('gives callers in the same moment one read, and reads again once the TTL has passed since it began', async () => {
    let now = 1000;
    const { read, pending } = controlledRead();
    const shared = new SharedRead(read, 250, () => now);
    const a = shared.get();
    const b = shared.get();
    expect(pending).toHaveLength(1);
    pending[0].resolve(1);
    expect([await a, await b]).toEqual([1, 1]);
    now += 124;
    expect(await shared.get()).toBe(1);
    expect(pending).toHaveLength(1);
    // No caller since the value expired: the next one waits for a new read.
    now += 126;
    const c = shared.get();
    expect(pending).toHaveLength(2);
    pending[1].resolve(2);
    expect(await c).toBe(2);
  });

  it('reads ahead past half the TTL: the caller gets the kept value, later ones the new value without waiting', async () => {
    const { shared, pending, clock } = await readAtZero();
    /** At `now`, a caller gets `value`, and `reads` reads have begun in all. */
    const askAt = async (now: number, value: number, reads: number) => {
      clock.now = now;
      expect(await shared.get()).toBe(value);
      expect(pending).toHaveLength(reads);
    };
    await askAt(125, 1, 2);
    // One read ahead at a time; until it is back, callers within the TTL keep the old value.
    await askAt(200, 1, 2);
    pending[1].resolve(2);
    await Promise.resolve();
    await askAt(249, 2, 2);
    // The new value ages from when its read began (125): read ahead again from 250.
    await askAt(250, 2, 3);
  });

  it('past the TTL, joins a read ahead still on its way rather than starting another', async () => {
    const { shared, pending, clock } = await readAtZero();
    clock.now = 200;
    expect(await shared.get()).toBe(1);
    clock.now = 300;
    const late = shared.get();
    expect(pending).toHaveLength(2);
    pending[1].resolve(2);
    expect(await late).toBe(2);
    // A read ahead that began a TTL ago or more is not joined: the caller waits for a new read.
    clock.now = 500;
    shared.get();
    expect(pending).toHaveLength(3);
  });

  it('never keeps a read ahead that began before invalidate(), nor one that failed', async () => {
    const { shared, pending, clock } = await readAtZero();
    clock.now = 130;
    shared.get();
    shared.invalidate();
    pending[1].resolve(2);
    await Promise.resolve();
    const after = shared.get();
    expect(pending).toHaveLength(3);
    pending[2].resolve(3);
    expect(await after).toBe(3);
    // 3 was read at 130: read ahead at 255, and that fails; the kept value still serves until its TTL, and the next caller reads ahead again.
    clock.now = 255;
    expect(await shared.get()).toBe(3);
    pending[3].reject(new Error('connection lost'));
    await Promise.resolve();
    clock.now = 379;
    expect(await shared.get()).toBe(3);
    expect(pending).toHaveLength(5);
  });

  it('reads again after invalidate(), while callers already waiting keep the read they joined', async () => {
    const { read, pending } = controlledRead();
    const shared = new SharedRead(read, 60_000, () => 0);
    const before = shared.get();
    shared.invalidate();
    const after = shared.get();
    expect(pending).toHaveLength(2);
    pending[0].resolve(1);
    pending[1].resolve(2);
    expect([await before, await after]).toEqual([1, 2]);
    expect(await shared.get()).toBe(2);
    expect(pending).toHaveLength(2);
  });

  it('does not keep a failed read', async () => {
    const { read, pending } = controlledRead();
    const shared = new SharedRead(read, 60_000, () => 0);
    const failed = shared.get();
    pending[0].reject(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    const retried = shared.get();
    expect(pending).toHaveLength(2);
    pending[1].resolve(3);
    expect(await retried).toBe(3);
  });

  it('reads on every call with a TTL of 0', async () => {
    let reads = 0;
    const shared = new SharedRead(async () => ++reads, 0, () => 0);
    expect([await shared.get(), await shared.get()]).toEqual([1, 2]);
  });
});

describe('shared reads by key (a session each)', () => {
  it('shares each key\'s read alone, keeps at most `max` keys (the oldest read goes), and forgets them all on invalidate()', async () => {
    const asked: string[] = [];
    const reads = new SharedReads(async (key: string) => (asked.push(key), `${key}:${asked.length}`), 60_000, { max: 2, now: () => 0 });
    expect(await Promise.all([reads.get('a'), reads.get('a'), reads.get('b')])).toEqual(['a:1', 'a:1', 'b:2']);
    expect(asked).toEqual(['a', 'b']);
    expect(await reads.get('c')).toBe('c:3');
    // 'a' was the oldest of three: read again; 'c' is still kept.
    expect(await reads.get('a')).toBe('a:4');
    expect(await reads.get('c')).toBe('c:3');
    reads.invalidate();
    expect(await reads.get('c')).toBe('c:5');
  });
});
