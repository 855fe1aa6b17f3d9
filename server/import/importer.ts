import crypto from 'node:crypto';
import type { FactName } from '../analytics/model';
import { audit } from '../auth/audit';
import type { Catalog } from '../catalog/catalog';
import { sqliteFileOnDisk, sqliteFilename, type Db } from '../db/connection';
import { announceWritten } from '../db/write-watch';
import type { FactSink } from './fact-sink';
import { FileProblem, openTable } from './read-file';
import type { DatasetRow } from './sqlite-worker-protocol';
import { FileChecker, type RowError } from './validate-rows';
import { importThread, writeInWorker } from './write-in-worker';
import { writeWithPostgres } from './write-postgres';
import { writeInConnection } from './write-sqlite';

export type ImportResult =
  | { status: 'imported'; dataset: string; rows: number; replaced: number }
  | { status: 'duplicate'; dataset: string; rows: number }
  | { status: 'rejected'; errors: RowError[]; errorCount: number }
  | { status: 'invalid_file'; message: string };

export interface Importer {
  userId: number | null;
  username: string;
  /** Institutions this importer may load data for (children included); undefined for any. */
  institutions?: ReadonlySet<string>;
  ip?: string;
  requestId?: string;
}

const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: string })?.code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

/** At most this many row errors are listed; the count says how many there were in all. */
const MAX_LISTED_ERRORS = 1000;

/**
 * Imports one file as a new dataset, all or nothing: the writes run in one transaction that commits only
 * once every row has been validated, so a bad row anywhere, a crash or a killed process leaves the
 * database as it was. The same file again (same content hash) changes nothing; the attempt is still audited.
 */
export async function importFile(
  deps: { db: Db; catalog: Catalog },
  input: { kind: FactName; bytes: Buffer; fileName: string; by: Importer },
): Promise<ImportResult> {
  const { db, catalog } = deps;
  const { kind, bytes, fileName, by } = input;
  const fileHash = crypto.createHash('sha256').update(bytes).digest('hex');
  const who = { userId: by.userId, username: by.username, ip: by.ip, requestId: by.requestId };
  const details = { kind, file: fileName, sha256: fileHash, bytes: bytes.length };

  let result: ImportResult;
  let sink: FactSink | undefined;
  let committed = false;
  try {
    const table = await openTable(bytes);
    const checker = new FileChecker(kind, table.header, catalog, { institutions: by.institutions });
    if (checker.headerProblem) {
      await table.batches.return(undefined);
      result = { status: 'invalid_file', message: checker.headerProblem };
    } else {
      // The same file again is checked (its answer still depends on the rows and the importer's rights), never written.
      const existing = await db('dataset').where({ file_hash: fileHash, fact: kind }).first();
      const dataset = existing ? undefined : datasetRow({ kind, fileName, fileHash, by });
      let rows = 0;
      // The pipeline: each batch is validated as it is read and handed to the writer, which writes it
      // (in another thread or process) while the next one is read and checked. The first bad row stops
      // the writing and rolls back what was written; the rest of the file is still checked, so every
      // problem is reported.
      for await (const batch of table.batches) {
        const valid = checker.check(batch);
        rows += valid.length;
        if (checker.errors.length) {
          await sink?.abort();
          sink = undefined;
        } else if (dataset) {
          sink ??= openSink(db, dataset, kind);
          await sink.write(valid);
        }
      }
      if (checker.errors.length) {
        result = { status: 'rejected', errors: checker.errors.slice(0, MAX_LISTED_ERRORS), errorCount: checker.errors.length };
      } else if (existing) {
        result = { status: 'duplicate', dataset: existing.id, rows: Number(existing.row_count) };
      } else {
        const accepted = { action: 'import_accepted' as const, ...who, details: { ...details, dataset: dataset!.id } };
        try {
          const replaced = await sink!.commit(rows, accepted);
          committed = true;
          // Committed on the worker's connection, out of sight of this pool's watchers (the shared data version).
          if (isWorkerWritten(db)) announceWritten(db, 'dataset');
          return { status: 'imported', dataset: dataset!.id, rows, replaced };
        } catch (error) {
          // The same file at the same moment through another request or replica: the database kept one.
          const landed = isUniqueViolation(error) ? await db('dataset').where({ file_hash: fileHash, fact: kind }).first() : undefined;
          if (!landed) throw error;
          result = { status: 'duplicate', dataset: landed.id, rows: Number(landed.row_count) };
        }
      }
    }
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    result = { status: 'invalid_file', message: error.message };
  } finally {
    if (sink && !committed) await sink.abort();
  }
  const action = result.status === 'duplicate' ? 'import_duplicate' : 'import_rejected';
  const summary =
    result.status === 'rejected' ? { errorCount: result.errorCount } : result.status === 'invalid_file' ? { message: result.message } : { dataset: result.dataset };
  await audit(db, { action, ...who, details: { ...details, ...summary } });
  return result;
}

function datasetRow(input: { kind: FactName; fileName: string; fileHash: string; by: Importer }): DatasetRow {
  return {
    id: `import-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${input.fileHash.slice(0, 8)}`,
    kind: 'import',
    synthetic: false,
    fact: input.kind,
    description: `Imported ${input.kind} file ${input.fileName}`.slice(0, 500),
    source_file: input.fileName.slice(0, 500),
    file_hash: input.fileHash,
    // Set when the import commits, once the whole file has been read.
    row_count: 0,
    loaded_at: new Date().toISOString(),
    loaded_by: input.by.username,
    loaded_by_user_id: input.by.userId,
  };
}

const isWorkerWritten = (db: Db) => sqliteFileOnDisk(db) !== undefined;

/** Gets the import's writer ready as the server opens, so the first import does not wait for it to load. */
export function prepareImports(db: Db): void {
  if (isWorkerWritten(db)) importThread();
}

/**
 * Where an import's rows are written, in one transaction: SQLite files by the worker thread
 * (write-in-worker.ts says why); an in-memory SQLite database, which only this connection can see, on
 * this thread; PostgreSQL, whose driver does not block, by COPY on a connection of the pool.
 */
function openSink(db: Db, dataset: DatasetRow, fact: FactName): FactSink {
  const filename = sqliteFileOnDisk(db);
  if (filename) return writeInWorker({ filename, dataset, fact });
  return sqliteFilename(db) ? writeInConnection(db, dataset, fact) : writeWithPostgres(db, dataset, fact);
}

export class RollbackRefused extends Error {}

/**
 * Removes an imported dataset and puts back the rows it replaced. Refused while a later import has
 * replaced rows of this one (roll that one back first), and for the demo data.
 */
export async function rollbackImport(db: Db, dataset: string, by: Importer & { isAdmin: boolean }): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('dataset').where({ id: dataset }).first();
    if (!row || row.kind !== 'import') throw new RollbackRefused(`There is no imported dataset "${dataset.slice(0, 80)}".`);
    if (!by.isAdmin && Number(row.loaded_by_user_id) !== by.userId) throw new RollbackRefused('Only an admin or the manager who imported a dataset may roll it back.');
    const later = await trx('import_replaced_row').where({ original_dataset_id: dataset }).first('dataset_id');
    if (later) throw new RollbackRefused(`Dataset ${later.dataset_id} replaced rows of this one; roll it back first.`);
    const fact = row.fact as FactName;
    const restore = await trx('import_replaced_row').where({ dataset_id: dataset }).orderBy('id');
    await trx(fact).where({ dataset_id: dataset }).delete();
    for (const saved of restore) {
      const { row: old, target_groups } = JSON.parse(saved.row_json) as { row: Record<string, unknown>; target_groups: string[] };
      await trx(fact).insert(old);
      if (target_groups.length) await trx('participation_target_group').insert(target_groups.map((code) => ({ participation_id: old.id, target_group_code: code })));
    }
    await trx('dataset').where({ id: dataset }).delete();
    await audit(trx, {
      action: 'import_rolled_back',
      userId: by.userId,
      username: by.username,
      ip: by.ip,
      requestId: by.requestId,
      details: { dataset, fact, rows: Number(row.row_count), restored: restore.length },
    });
  });
}
