import type { Database, Statement } from 'better-sqlite3';
import type { Knex } from 'knex';
import type { FactName } from '../analytics/model';
import { audit } from '../auth/audit';
import type { Db } from '../db/connection';
import { acceptedEntry, type AcceptedAudit, type FactSink } from './fact-sink';
import { FACT_COLUMNS } from './fact-columns';
import type { DatasetRow } from './sqlite-worker-protocol';
import type { ParticipationRow, ValidRow } from './validate-rows';

/** Rows per multi-row INSERT: fewer calls into SQLite, well under its 32,766 parameters. */
const ROWS_PER_INSERT = 100;

/**
 * Writes validated rows into SQLite through one connection, inside the caller's transaction. Rows whose
 * institution and record_id are already stored replace the stored ones, which are kept (with their
 * target groups) in import_replaced_row for a rollback. Statements are prepared once per import.
 */
export class SqliteFactWriter {
  replaced = 0;
  private readonly columns: readonly string[];
  private readonly find: Statement;
  private readonly groupsOf: Statement;
  private readonly keep: Statement;
  private readonly remove: Statement;
  private readonly insertMany: Statement;
  private readonly insertOne: Statement;
  private readonly insertGroup: Statement;
  private readonly params: unknown[];

  constructor(
    db: Database,
    private readonly dataset: string,
    private readonly fact: FactName,
  ) {
    this.columns = FACT_COLUMNS[fact];
    const values = `(?, ${this.columns.map(() => '?').join(', ')})`;
    const insert = `INSERT INTO ${fact} (dataset_id, ${this.columns.join(', ')}) VALUES`;
    this.find = db.prepare(`SELECT * FROM ${fact} WHERE institution_code = ? AND record_id = ?`);
    this.groupsOf = db.prepare('SELECT target_group_code FROM participation_target_group WHERE participation_id = ?').pluck();
    this.keep = db.prepare('INSERT INTO import_replaced_row (dataset_id, fact, original_dataset_id, row_json) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare(`DELETE FROM ${fact} WHERE id = ?`);
    // RETURNING gives each row's id for its target groups, whatever ids SQLite picks; SQLite does not
    // promise to return them in the order of the VALUES, hence the record_id beside each.
    this.insertMany = db.prepare(`${insert} ${Array(ROWS_PER_INSERT).fill(values).join(', ')} RETURNING id, record_id`).raw();
    this.insertOne = db.prepare(`${insert} ${values} RETURNING id`).pluck();
    this.insertGroup = db.prepare('INSERT INTO participation_target_group (participation_id, target_group_code) VALUES (?, ?)');
    this.params = new Array(ROWS_PER_INSERT * (this.columns.length + 1));
  }

  /** Writes a batch of rows (synchronously: SQLite runs in this thread). */
  write(rows: readonly ValidRow[]): void {
    for (const row of rows) this.replaceStored(row as unknown as Record<string, string>);
    let i = 0;
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      let k = 0;
      for (let j = i; j < i + ROWS_PER_INSERT; j++) {
        const record = rows[j] as unknown as Record<string, string | null>;
        this.params[k++] = this.dataset;
        for (const column of this.columns) this.params[k++] = record[column];
      }
      const inserted = this.insertMany.all(this.params) as [number, string][];
      if (this.fact === 'participation') this.writeGroupsOf(rows.slice(i, i + ROWS_PER_INSERT) as ParticipationRow[], inserted);
    }
    for (; i < rows.length; i++) {
      const record = rows[i] as unknown as Record<string, string | null>;
      const id = this.insertOne.get(this.dataset, ...this.columns.map((c) => record[c])) as number;
      if (this.fact === 'participation') this.writeGroups(id, (rows[i] as ParticipationRow).target_groups);
    }
  }

  private replaceStored(record: Record<string, string>): void {
    const old = this.find.get(record.institution_code, record.record_id) as Record<string, unknown> | undefined;
    if (!old) return;
    const target_groups = this.fact === 'participation' ? this.groupsOf.all(old.id) : [];
    this.keep.run(this.dataset, this.fact, old.dataset_id, JSON.stringify({ row: old, target_groups }));
    this.remove.run(old.id);
    this.replaced++;
  }

  private writeGroupsOf(rows: ParticipationRow[], inserted: [number, string][]): void {
    const inOrder = inserted.every(([, recordId], j) => rows[j].record_id === recordId);
    const idOf = inOrder ? undefined : new Map(inserted.map(([id, recordId]) => [recordId, id]));
    rows.forEach((row, j) => this.writeGroups(idOf ? idOf.get(row.record_id)! : inserted[j][0], row.target_groups));
  }

  private writeGroups(id: number, codes: readonly string[]): void {
    for (const code of codes) this.insertGroup.run(id, code);
  }
}

/**
 * An import into an in-memory SQLite database, which only the pool's one connection can see, written on
 * this thread inside a transaction of that connection (files are written by the worker thread).
 */
export function writeInConnection(db: Db, dataset: DatasetRow, fact: FactName): FactSink {
  let trx: Knex.Transaction | undefined;
  let writer: SqliteFactWriter | undefined;
  let failure: unknown;
  const ready = (async () => {
    trx = await db.transaction();
    await trx('dataset').insert(dataset);
    writer = new SqliteFactWriter((await trx.client.acquireConnection()) as Database, dataset.id, fact);
  })();
  ready.catch(() => undefined);
  const abort = async () => {
    await ready.catch(() => undefined);
    if (trx && !trx.isCompleted()) await trx.rollback().catch(() => undefined);
  };
  return {
    async write(rows) {
      // A failure is kept for commit, so the importer still checks (and reports) the rest of the file.
      if (failure) return;
      try {
        await ready;
        writer!.write(rows);
      } catch (error) {
        failure = error;
      }
    },
    async commit(rows: number, entry: AcceptedAudit) {
      try {
        await ready;
        if (failure) throw failure;
        await trx!('dataset').where({ id: dataset.id }).update({ row_count: rows });
        await audit(trx!, acceptedEntry(entry, rows, writer!.replaced));
        await trx!.commit();
        return writer!.replaced;
      } catch (error) {
        await abort();
        throw error;
      }
    },
    abort,
  };
}
