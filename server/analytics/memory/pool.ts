import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../workers/start';
import type { ColumnStore } from './columns';
import { countRange, mergeCounts, personRanges, type CountPlan, type Counts, type FactColumns } from './count';

/*
 * Scan workers: each query's rows are split into ranges of whole persons, one per worker, counted in
 * parallel (count.ts) and merged exactly. The columns live in SharedArrayBuffers, so a worker reads the same
 * memory as the main thread: a new data version is sent once, not copied, and a query sends only its
 * compiled plan. Besides using every core, this keeps the server's event loop free while rows are counted.
 * A worker that fails takes nothing with it: its pending queries are counted on the main thread instead and
 * a new worker is started for the next query.
 */

const SCAN_WORKER = new URL('./scan-worker.ts', import.meta.url);

type Pending = { resolve: (counts: Counts) => void; reject: (error: Error) => void };

export type WorkerMessage =
  | { type: 'columns'; version: string; facts: FactColumns }
  | { type: 'count'; id: number; version: string; plan: CountPlan; lo: number; hi: number };
export type WorkerReply = { id: number; counts: Counts } | { id: number; error: string };

class ScanWorker {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  /** The data version whose columns this worker has been sent. */
  version: string | undefined;
  dead = false;

  constructor(module: URL, onDeath: (worker: ScanWorker, error: Error) => void) {
    this.worker = startWorker(module);
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply.counts);
    });
    this.worker.on('error', (error) => onDeath(this, error));
    this.worker.on('exit', (code) => onDeath(this, new Error(`scan worker exited with code ${code}`)));
  }

  post(message: WorkerMessage): void {
    this.worker.postMessage(message);
  }
}

export class ScanPool {
  private workers: ScanWorker[] = [];
  private nextId = 0;
  private ranges: { store: ColumnStore; byFact: Record<keyof FactColumns, [number, number][]> } | undefined;

  constructor(
    readonly threads: number,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly module: URL = SCAN_WORKER,
  ) {
    // Started now: a worker takes a moment to load, which the first query should not wait for.
    for (let k = 0; k < threads; k++) this.workers.push(this.spawn());
  }

  /** Counts a plan over all rows of its fact: in the workers when there are any, else on this thread. */
  async count(store: ColumnStore, plan: CountPlan): Promise<Counts> {
    const n = store[plan.fact].n;
    if (this.threads === 0) return mergeCounts([countRange(store, plan, 0, n)], plan);
    const ranges = this.rangesOf(store)[plan.fact];
    const parts = await Promise.all(
      ranges.map(([lo, hi], k) =>
        this.countIn(this.worker(k, store), store.version, plan, lo, hi).catch((error: unknown) => {
          this.onError(error);
          return countRange(store, plan, lo, hi);
        }),
      ),
    );
    return mergeCounts(parts, plan);
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) w.dead = true;
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private rangesOf(store: ColumnStore) {
    if (this.ranges?.store !== store) {
      this.ranges = {
        store,
        byFact: {
          participation: personRanges(store.participation.person, store.participation.n, this.threads),
          consultation: personRanges(store.consultation.person, store.consultation.n, this.threads),
        },
      };
    }
    return this.ranges.byFact;
  }

  /** The k-th worker, started if needed, holding the store's columns. */
  private worker(k: number, store: ColumnStore): ScanWorker {
    let w = this.workers[k];
    if (!w || w.dead) {
      w = this.spawn();
      this.workers[k] = w;
    }
    if (w.version !== store.version) {
      w.post({ type: 'columns', version: store.version, facts: { participation: store.participation, consultation: store.consultation } });
      w.version = store.version;
    }
    return w;
  }

  private spawn(): ScanWorker {
    return new ScanWorker(this.module, (dying, error) => this.bury(dying, error));
  }

  private countIn(w: ScanWorker, version: string, plan: CountPlan, lo: number, hi: number): Promise<Counts> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      w.pending.set(id, { resolve, reject });
      w.post({ type: 'count', id, version, plan, lo, hi });
    });
  }

  private bury(w: ScanWorker, error: Error): void {
    if (!w.dead) this.onError(error);
    w.dead = true;
    for (const p of w.pending.values()) p.reject(error);
    w.pending.clear();
  }
}
