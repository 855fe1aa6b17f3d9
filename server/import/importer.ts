import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { FactName } from '../analytics/model';
import { audit } from '../auth/audit';
import type { Catalog } from '../catalog/catalog';
import { isSqlite, type Db } from '../db/connection';
import { FileProblem, readTable } from './read-file';
import { validateRows, type ConsultationRow, type ParticipationRow, type RowError, type ValidRows } from './validate-rows';

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
    const checked = validateRows(kind, table, catalog, { institutions: by.institutions });
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
        try {
          return await db.transaction(async (trx) => {
            const dataset = `import-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${fileHash.slice(0, 8)}`;
            await trx('dataset').insert({
              id: dataset,
              kind: 'import',
              synthetic: false,
              fact: kind,
              description: `Imported ${kind} file ${fileName}`.slice(0, 500),
              source_file: fileName.slice(0, 500),
              file_hash: fileHash,
              row_count: valid.rows.length,
              loaded_at: new Date().toISOString(),
              loaded_by: by.username,
              loaded_by_user_id: by.userId,
            });
            const replaced = isSqlite(trx) ? await writeWithSqlite(trx, dataset, valid) : await writeWithPostgres(trx, dataset, valid);
            const done: ImportResult = { status: 'imported', dataset, rows: valid.rows.length, replaced };
            await audit(trx, { action: 'import_accepted', ...who, details: { ...details, dataset, rows: valid.rows.length, replaced } });
            return done;
          });
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

const PARTICIPATION_COLUMNS = ['record_id', 'person_key', 'programme_code', 'institution_code', 'region_code', 'entry_date', 'exit_date', 'outcome', 'outcome_date', 'gender', 'age_band'] as const;
const CONSULTATION_COLUMNS = ['record_id', 'person_key', 'programme_code', 'institution_code', 'site_code', 'date', 'stage', 'format', 'mode'] as const;
const COLUMNS = { participation: PARTICIPATION_COLUMNS, consultation: CONSULTATION_COLUMNS };
/** Rows per statement on PostgreSQL: each column travels as one array parameter, so batches can be large. */
const PG_BATCH = 5000;

/**
 * PostgreSQL: each batch is a few statements whatever its size, every column sent as one array and
 * unnested on the server. Rows stored under the same institution and record_id are replaced first and
 * kept for a rollback.
 */
async function writeWithPostgres(trx: Knex.Transaction, dataset: string, valid: ValidRows): Promise<number> {
  // The transaction's own pg connection: knex would spread an array binding into a list of values.
  const pg = (await trx.client.acquireConnection()) as import('pg').PoolClient;
  const query = async (sql: string, values: unknown[]) => (await pg.query(sql, values)).rows;
  const fact = valid.kind;
  const columns = COLUMNS[fact];
  const rows = valid.rows as unknown as Record<string, string | null>[];
  let replaced = 0;
  for (let i = 0; i < rows.length; i += PG_BATCH) {
    const batch = rows.slice(i, i + PG_BATCH);
    const old = await query(`SELECT f.* FROM ${fact} f JOIN unnest($1::text[], $2::text[]) k(institution_code, record_id) USING (institution_code, record_id)`, [
      batch.map((r) => r.institution_code),
      batch.map((r) => r.record_id),
    ]);
    if (old.length) {
      const ids = old.map((r) => r.id as number);
      const groups = fact === 'participation' ? await query('SELECT participation_id, target_group_code FROM participation_target_group WHERE participation_id = ANY($1::int[])', [ids]) : [];
      await query('INSERT INTO import_replaced_row (dataset_id, fact, original_dataset_id, row_json) SELECT $1, $2, * FROM unnest($3::text[], $4::text[])', [
        dataset,
        fact,
        old.map((row) => row.dataset_id),
        old.map((row) => JSON.stringify({ row, target_groups: groups.filter((g) => g.participation_id === row.id).map((g) => g.target_group_code) })),
      ]);
      await query(`DELETE FROM ${fact} WHERE id = ANY($1::int[])`, [ids]);
      replaced += old.length;
    }
    const inserted = (await query(
      `INSERT INTO ${fact} (dataset_id, ${columns.join(', ')}) SELECT $1, * FROM unnest(${columns.map((_, k) => `$${k + 2}::text[]`).join(', ')}) RETURNING id, institution_code, record_id`,
      [dataset, ...columns.map((c) => batch.map((r) => r[c]))],
    )) as { id: number; institution_code: string; record_id: string }[];
    if (fact === 'participation') {
      const idOf = new Map(inserted.map((r) => [`${r.institution_code}\u0000${r.record_id}`, r.id]));
      const pairs = (batch as unknown as ParticipationRow[]).flatMap((row) => row.target_groups.map((code) => [idOf.get(`${row.institution_code}\u0000${row.record_id}`)!, code] as const));
      if (pairs.length) {
        await query('INSERT INTO participation_target_group (participation_id, target_group_code) SELECT * FROM unnest($1::int[], $2::text[])', [
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        ]);
      }
    }
  }
  return replaced;
}

/**
 * SQLite runs in-process, so one prepared statement per row inside the transaction is the fastest way in
 * (the same work as the batched path: replace rows with the same institution and record_id, keeping them
 * for a rollback, then insert).
 */
async function writeWithSqlite(trx: Knex.Transaction, dataset: string, valid: ValidRows): Promise<number> {
  const db = (await trx.client.acquireConnection()) as import('better-sqlite3').Database;
  const fact = valid.kind;
  const find = db.prepare(`SELECT * FROM ${fact} WHERE institution_code = ? AND record_id = ?`);
  const groupsOf = db.prepare('SELECT target_group_code FROM participation_target_group WHERE participation_id = ?').pluck();
  const keep = db.prepare('INSERT INTO import_replaced_row (dataset_id, fact, original_dataset_id, row_json) VALUES (?, ?, ?, ?)');
  const remove = db.prepare(`DELETE FROM ${fact} WHERE id = ?`);
  const columns = COLUMNS[fact];
  const insert = db.prepare(`INSERT INTO ${fact} (dataset_id, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`);
  const insertGroup = db.prepare('INSERT INTO participation_target_group (participation_id, target_group_code) VALUES (?, ?)');
  let replaced = 0;
  for (const row of valid.rows as (ParticipationRow | ConsultationRow)[]) {
    const record = row as unknown as Record<string, string | null>;
    const old = find.get(record.institution_code, record.record_id) as Record<string, unknown> | undefined;
    if (old) {
      const target_groups = fact === 'participation' ? groupsOf.all(old.id) : [];
      keep.run(dataset, fact, old.dataset_id, JSON.stringify({ row: old, target_groups }));
      remove.run(old.id);
      replaced++;
    }
    const { lastInsertRowid } = insert.run(dataset, ...columns.map((c) => record[c]));
    if ('target_groups' in row) for (const code of row.target_groups) insertGroup.run(lastInsertRowid, code);
  }
  return replaced;
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
