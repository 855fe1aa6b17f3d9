import crypto from 'node:crypto';
import type { FactName } from '../analytics/model';
import { audit, type AuditEntry } from '../auth/audit';
import type { Catalog } from '../catalog/catalog';
import { isSqlite, type Db } from '../db/connection';
import { FileProblem, readTable } from './read-file';
import type { DatasetRow } from './sqlite-worker-protocol';
import { validateRows, type RowError, type ValidRows } from './validate-rows';
import { announceWritten } from '../db/write-watch';
import { writeInWorker } from './write-in-worker';
import { writeWithPostgres } from './write-postgres';
import { SqliteFactWriter } from './write-sqlite';

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
 * Imports one file as a new dataset, all or nothing: every row is validated first, and the writes run
 * in one transaction, so a bad row, a crash or a killed process leaves the database as it was.
 * The same file again (same content hash) changes nothing; the attempt is still audited.
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
  try {
    const table = await readTable(bytes);
    const checked = await validateRows(kind, table, catalog, { institutions: by.institutions });
    if (checked.headerProblem) {
      result = { status: 'invalid_file', message: checked.headerProblem };
    } else if (!checked.valid) {
      result = { status: 'rejected', errors: checked.errors.slice(0, MAX_LISTED_ERRORS), errorCount: checked.errors.length };
    } else {
      const existing = await db('dataset').where({ file_hash: fileHash, fact: kind }).first();
      if (existing) {
        result = { status: 'duplicate', dataset: existing.id, rows: Number(existing.row_count) };
      } else {
        const valid = checked.valid;
        const dataset = datasetRow({ kind, fileName, fileHash, rows: valid.rows.length, by });
        const accepted = { action: 'import_accepted' as const, ...who, details: { ...details, dataset: dataset.id, rows: valid.rows.length } };
        try {
          const replaced = await write(db, dataset, valid, accepted);
          return { status: 'imported', dataset: dataset.id, rows: valid.rows.length, replaced };
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
  }
  const action = result.status === 'duplicate' ? 'import_duplicate' : 'import_rejected';
  const summary =
    result.status === 'rejected' ? { errorCount: result.errorCount } : result.status === 'invalid_file' ? { message: result.message } : { dataset: result.dataset };
  await audit(db, { action, ...who, details: { ...details, ...summary } });
  return result;
}

function datasetRow(input: { kind: FactName; fileName: string; fileHash: string; rows: number; by: Importer }): DatasetRow {
  return {
    id: `import-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${input.fileHash.slice(0, 8)}`,
    kind: 'import',
    synthetic: false,
    fact: input.kind,
    description: `Imported ${input.kind} file ${input.fileName}`.slice(0, 500),
    source_file: input.fileName.slice(0, 500),
    file_hash: input.fileHash,
    row_count: input.rows,
    loaded_at: new Date().toISOString(),
    loaded_by: input.by.username,
    loaded_by_user_id: input.by.userId,
  };
}

/**
 * Writes the dataset row, its facts and the audit entry in one transaction; returns how many stored rows
 * were replaced. SQLite files are written by a worker thread (write-in-worker.ts says why); an in-memory
 * SQLite database, which only this connection can see, and PostgreSQL, whose driver does not block, are
 * written here.
 */
async function write(db: Db, dataset: DatasetRow, valid: ValidRows, accepted: AuditEntry & { details: Record<string, unknown> }): Promise<number> {
  const filename = isSqlite(db) ? (db.client.config.connection as { filename: string }).filename : undefined;
  if (filename && filename !== ':memory:') {
    const replaced = await writeInWorker({ filename, dataset, valid, audit: accepted });
    // Committed on the worker's connection, out of sight of this pool's watchers (the shared data version).
    announceWritten(db, 'dataset');
    return replaced;
  }
  return db.transaction(async (trx) => {
    await trx('dataset').insert(dataset);
    const connection = await trx.client.acquireConnection();
    let replaced: number;
    if (filename) {
      const writer = new SqliteFactWriter(connection as import('better-sqlite3').Database, dataset.id, valid.kind);
      writer.write(valid.rows);
      replaced = writer.replaced;
    } else {
      // The transaction's own pg connection: COPY needs the driver's client, and knex would spread an array
      // binding into a list of values.
      replaced = await writeWithPostgres(connection as import('pg').PoolClient, dataset.id, valid);
    }
    await audit(trx, { ...accepted, details: { ...accepted.details, replaced } });
    return replaced;
  });
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
