import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start';
import type { FactName } from '../analytics/model';
import { BATCHES_IN_FLIGHT, type AcceptedAudit, type FactSink } from './fact-sink';
import type { DatasetRow, WorkerReply, WorkerRequest } from './sqlite-worker-protocol';
import type { ValidRow } from './validate-rows';

/*
 * Why SQLite imports are written by a worker thread: better-sqlite3 is synchronous, so writing 100k rows
 * in the server's thread stops it for seconds; and the server's knex pool holds one SQLite connection,
 * which an import's transaction would keep from every reader until it commits. Cutting the writes into
 * chunks with turns of the event loop between them cannot fix that on the same thread: the readers
 * need that one connection, and a second connection on the same thread is worse, because a writer on
 * the pool connection would then wait for the import's lock in SQLite's busy handler, which sleeps
 * the thread the import needs to finish: the server stalls for busy_timeout (5 s) and that write fails.
 * A worker has its own connection in its own thread: WAL lets the server's readers go on with the data
 * as it was until the import commits, and a write from the server meanwhile only waits for the commit
 * (on a timer, not in the busy handler: server/db/sqlite-client.ts).
 * The transaction is the worker's, so all or nothing holds as before.
 */

export interface WorkerImport {
  filename: string;
  dataset: DatasetRow;
  fact: FactName;
}

/** The error a failed write in the worker is rethrown as, with SQLite's code (a unique violation is a duplicate). */
export class WorkerWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

let worker: Worker | undefined;
let nextJob = 1;
const jobs = new Map<number, WorkerSink>();
/** One import at a time through the worker: SQLite has one writer anyway, and jobs must not interleave. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * An import written by the worker thread, batch by batch as the importer validates them (a batch is
 * copied to the thread by postMessage, a few ms for BATCH_ROWS rows). It starts once the job before it
 * has finished; until then its batches wait here.
 */
export function writeInWorker(input: WorkerImport): FactSink {
  return new WorkerSink(input);
}

/**
 * The import thread, started if it is not running. The server starts it as it opens, ahead of the first
 * import: loading it (tsx compiles its modules) takes a few tenths of a second.
 */
export function importThread(): Worker {
  if (worker) return worker;
  const thread = startWorker(new URL('./sqlite-worker.ts', import.meta.url));
  thread.on('message', (message: WorkerReply) => jobs.get(message.job)?.receive(message));
  // A thread that dies takes its connection, and so its uncommitted transaction, with it.
  const fail = (error: Error) => {
    if (worker === thread) worker = undefined;
    for (const job of [...jobs.values()]) job.receive({ job: job.id, type: 'failed', message: error.message });
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`the SQLite import thread stopped (exit code ${code})`)));
  thread.unref();
  worker = thread;
  return thread;
}

class WorkerSink implements FactSink {
  readonly id = nextJob++;
  private readonly ready: Promise<Worker>;
  private readonly outcome: Promise<number>;
  private settle!: { resolve(replaced: number): void; reject(error: Error): void };
  private settled = false;
  private failure?: Error;
  private inFlight = 0;
  private drained?: () => void;

  constructor(input: WorkerImport) {
    this.outcome = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }));
    // Handled here at once, as a failure can come while rows are still being sent; awaited by commit.
    this.outcome.catch(() => undefined);
    const previous = queue;
    queue = this.outcome.catch(() => undefined);
    this.ready = previous.then(() => {
      const thread = importThread();
      jobs.set(this.id, this);
      // Keeps the process alive while an import is being written (the CLI waits for it).
      thread.ref();
      thread.postMessage({ type: 'begin', job: this.id, filename: input.filename, fact: input.fact, dataset: input.dataset } satisfies WorkerRequest);
      return thread;
    });
  }

  receive(message: WorkerReply): void {
    if (message.type === 'written') {
      this.inFlight--;
    } else {
      if (this.settled) return;
      this.settled = true;
      jobs.delete(this.id);
      if (jobs.size === 0) worker?.unref();
      if (message.type === 'failed') {
        this.failure = new WorkerWriteError(message.message, message.code);
        this.settle.reject(this.failure);
      } else {
        this.settle.resolve(message.type === 'committed' ? message.replaced : 0);
      }
    }
    if (this.drained && (this.settled || this.inFlight < BATCHES_IN_FLIGHT)) {
      this.drained();
      this.drained = undefined;
    }
  }

  async write(rows: readonly ValidRow[]): Promise<void> {
    const thread = await this.ready;
    if (this.settled) return;
    this.inFlight++;
    thread.postMessage({ type: 'rows', job: this.id, rows } satisfies WorkerRequest);
    if (this.inFlight >= BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (this.drained = resolve));
    // A turn of the event loop even when the thread keeps up: postMessage copies the rows on this thread.
    else await yieldToEventLoop();
  }

  async commit(rows: number, audit: AcceptedAudit): Promise<number> {
    const thread = await this.ready;
    if (!this.settled) thread.postMessage({ type: 'commit', job: this.id, rows, audit } satisfies WorkerRequest);
    return this.outcome;
  }

  async abort(): Promise<void> {
    const thread = await this.ready;
    if (!this.settled) thread.postMessage({ type: 'abort', job: this.id } satisfies WorkerRequest);
    await this.outcome.catch(() => undefined);
  }
}
