import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start';
import type { AuditEntry } from '../auth/audit';
import type { DatasetRow, WorkerReply, WorkerRequest } from './sqlite-worker-protocol';
import type { ValidRows } from './validate-rows';

/*
 * Why SQLite imports are written by a worker thread: better-sqlite3 is synchronous, so writing 100k rows
 * in the server's thread stops it for seconds; and the server's knex pool holds one SQLite connection,
 * which an import's transaction would keep from every reader until it commits. Cutting the writes into
 * chunks with turns of the event loop between them cannot fix that on the same thread: the readers
 * need that one connection, and a second connection on the same thread is worse, because a writer on
 * the pool connection would then wait for the import's lock in SQLite's busy handler, which sleeps
 * the thread the import needs to finish: the server stalls for busy_timeout (5 s) and that write fails.
 * A worker has its own connection in its own thread: WAL lets the server's readers go on with the data
 * as it was until the import commits, and a write from the server meanwhile only waits for the commit.
 * The transaction is the worker's, so all or nothing holds as before.
 */

/** Rows per message: each postMessage copies its rows on this thread, a few ms for this many. */
const ROWS_PER_MESSAGE = 5000;

export interface WorkerImport {
  filename: string;
  dataset: DatasetRow;
  valid: ValidRows;
  audit: AuditEntry & { details: Record<string, unknown> };
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
const waiting = new Map<number, { resolve(replaced: number): void; reject(error: Error): void }>();
/** One import at a time through the worker: SQLite has one writer anyway, and jobs must not interleave. */
let queue: Promise<unknown> = Promise.resolve();

/** Writes an import in the worker thread; resolves with the number of rows replaced once it has committed. */
export function writeInWorker(input: WorkerImport): Promise<number> {
  const run = queue.then(() => send(input));
  queue = run.catch(() => undefined);
  return run;
}

function started(): Worker {
  if (worker) return worker;
  const thread = startWorker(new URL('./sqlite-worker.ts', import.meta.url));
  thread.on('message', (message: WorkerReply) => {
    const job = waiting.get(message.job);
    waiting.delete(message.job);
    if (message.ok) job?.resolve(message.replaced);
    else job?.reject(new WorkerWriteError(message.message, message.code));
  });
  // A thread that dies takes its connection, and so its uncommitted transaction, with it.
  const fail = (error: Error) => {
    if (worker === thread) worker = undefined;
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`the SQLite import thread stopped (exit code ${code})`)));
  thread.unref();
  worker = thread;
  return thread;
}

async function send(input: WorkerImport): Promise<number> {
  const thread = started();
  const job = nextJob++;
  let settled = false;
  const result = new Promise<number>((resolve, reject) => waiting.set(job, { resolve, reject })).finally(() => (settled = true));
  // Handled here at once, as a failure can come while rows are still being sent; awaited below.
  result.catch(() => undefined);
  const post = (message: WorkerRequest) => thread.postMessage(message);
  // Keeps the process alive while an import is being written (the CLI waits for it).
  thread.ref();
  try {
    post({ type: 'begin', job, filename: input.filename, fact: input.valid.kind, dataset: input.dataset });
    const rows = input.valid.rows;
    for (let i = 0; i < rows.length && !settled; i += ROWS_PER_MESSAGE) {
      post({ type: 'rows', job, rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
      await yieldToEventLoop();
    }
    if (!settled) post({ type: 'commit', job, audit: input.audit });
    return await result;
  } finally {
    thread.unref();
  }
}
