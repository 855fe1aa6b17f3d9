import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import { parentPort } from 'node:worker_threads';
import { audit } from '../auth/audit';
import { openDatabase, type Db } from '../db/connection';
import { acceptedEntry } from './fact-sink';
import type { WorkerReply, WorkerRequest } from './sqlite-worker-protocol';
import { SqliteFactWriter } from './write-sqlite';

/*
 * The worker thread that writes SQLite imports (see write-in-worker.ts for why). One job at a time: a
 * transaction on its own connection holding the dataset row, the facts as their batches arrive and the
 * audit entry, committed on 'commit', rolled back on 'abort' or any error (and gone with the thread if it
 * dies).
 */

/**
 * The import connection's page cache. SQLite's default, 2 MB, is smaller than the unique (institution_code,
 * record_id) index that every row is looked up in and inserted into, so its pages were read again and again;
 * with 64 MB (for this connection only, while an import runs) a 100k-row import into the 1M database went
 * from 65–68k to 76–83k rows/s in-process.
 */
const IMPORT_CACHE_KIB = 64 * 1024;

interface Job {
  id: number;
  dataset: string;
  db: Db;
  trx?: Knex.Transaction;
  writer?: SqliteFactWriter;
}

let job: Job | undefined;
const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

async function handle(message: WorkerRequest): Promise<void> {
  if (message.type === 'begin') {
    job = { id: message.job, dataset: message.dataset.id, db: openDatabase({ client: 'sqlite', filename: message.filename, url: `sqlite:${message.filename}` }) };
    job.trx = await job.db.transaction();
    await job.trx('dataset').insert(message.dataset);
    const connection = (await job.trx.client.acquireConnection()) as Database;
    connection.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    job.writer = new SqliteFactWriter(connection, message.dataset.id, message.fact);
    return;
  }
  // A job that failed is gone: its later messages change nothing (the importer has its error).
  if (!job || job.id !== message.job) return;
  if (message.type === 'rows') {
    job.writer!.write(message.rows);
    reply({ job: message.job, type: 'written' });
  } else if (message.type === 'commit') {
    const replaced = job.writer!.replaced;
    await job.trx!('dataset').where({ id: job.dataset }).update({ row_count: message.rows });
    await audit(job.trx!, acceptedEntry(message.audit, message.rows, replaced));
    await job.trx!.commit();
    await finish();
    reply({ job: message.job, type: 'committed', replaced });
  } else {
    await abandon();
    reply({ job: message.job, type: 'aborted' });
  }
}

async function finish(): Promise<void> {
  const db = job?.db;
  job = undefined;
  await db?.destroy();
}

/** Rolls the job back (nothing of it stays) and closes its connection. */
async function abandon(): Promise<void> {
  if (job?.trx && !job.trx.isCompleted()) await job.trx.rollback().catch(() => undefined);
  await finish();
}

// Messages are handled strictly in order, each after the previous one's database work.
let chain = Promise.resolve();
port.on('message', (message: WorkerRequest) => {
  chain = chain.then(() =>
    handle(message).catch(async (error: Error & { code?: string }) => {
      const id = job?.id ?? message.job;
      await abandon();
      reply({ job: id, type: 'failed', message: error.message, code: error.code });
    }),
  );
});
