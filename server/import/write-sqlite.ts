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
/** Target groups per multi-row INSERT. */
const GROUPS_PER_INSERT = 200;

/**
 * Writes validated rows into SQLite through one connection, inside the caller's transaction, which has
 * already written the dataset row and so holds SQLite's write lock: no other connection can insert until
 * it ends. That is what lets the writer number the rows itself, in the order of the file, from after the
 * highest id the table has ever had (AUTOINCREMENT's own rule: max of sqlite_sequence and the ids), instead
 * of asking SQLite for each row's id (RETURNING), and then write the target groups with those ids, many
 * to a statement. Rows whose institution and record_id are already stored replace the stored ones, which
 * are kept (with their target groups) in import_replaced_row for a rollback. Statements are prepared once
 * per import.
 */
export class SqliteFactWriter {
  replaced = 0;
  private readonly columns: readonly string[];
  private readonly find: Statement;
  private readonly groupsOf: Statement;
  private readonly keep: Statement;
  private readonly remove: Statement;
  private readonly insertMany: Statement;
  private readonly insertGroups: Statement;
  /** Statements for fewer rows than a full one (a file's last rows), by their number. */
  private readonly shorter = new Map<string, Statement>();
  private readonly params: unknown[];
  private readonly groupParams: unknown[] = [];
  private nextId: number;

  constructor(
    private readonly db: Database,
    private readonly dataset: string,
    private readonly fact: FactName,
  ) {
    this.columns = FACT_COLUMNS[fact];
    this.find = db.prepare(`SELECT * FROM ${fact} WHERE institution_code = ? AND record_id = ?`);
    this.groupsOf = db.prepare('SELECT target_group_code FROM participation_target_group WHERE participation_id = ?').pluck();
    this.keep = db.prepare('INSERT INTO import_replaced_row (dataset_id, fact, original_dataset_id, row_json) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare(`DELETE FROM ${fact} WHERE id = ?`);
    this.insertMany = db.prepare(this.insertSql(ROWS_PER_INSERT));
    this.insertGroups = db.prepare(this.groupsSql(GROUPS_PER_INSERT));
    this.params = new Array(ROWS_PER_INSERT * (this.columns.length + 2));
    const highest = db.prepare(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), coalesce((SELECT max(id) FROM ${fact}), 0))`).pluck();
    this.nextId = Number(highest.get(fact)) + 1;
  }

  private insertSql(rows: number): string {
    const values = `(?, ?, ${this.columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.fact} (id, dataset_id, ${this.columns.join(', ')}) VALUES ${Array(rows).fill(values).join(', ')}`;
  }

  private groupsSql(pairs: number): string {
    return `INSERT INTO participation_target_group (participation_id, target_group_code) VALUES ${Array(pairs).fill('(?, ?)').join(', ')}`;
  }

  private statement(kind: 'rows' | 'groups', count: number): Statement {
    const key = `${kind}:${count}`;
    let statement = this.shorter.get(key);
    if (!statement) this.shorter.set(key, (statement = this.db.prepare(kind === 'rows' ? this.insertSql(count) : this.groupsSql(count))));
    return statement;
  }

  /** Writes a batch of rows (synchronously: SQLite runs in this thread). */
  write(rows: readonly ValidRow[]): void {
    for (const row of rows) this.replaceStored(row as unknown as Record<string, string>);
    const participation = this.fact === 'participation';
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const end = Math.min(rows.length, i + ROWS_PER_INSERT);
      const params = end - i === ROWS_PER_INSERT ? this.params : [];
      let k = 0;
      for (let j = i; j < end; j++) {
        const record = rows[j] as unknown as Record<string, string | null>;
        const id = this.nextId++;
        params[k++] = id;
        params[k++] = this.dataset;
        for (const column of this.columns) params[k++] = record[column];
        if (participation) for (const code of (rows[j] as ParticipationRow).target_groups) this.groupParams.push(id, code);
      }
      (end - i === ROWS_PER_INSERT ? this.insertMany : this.statement('rows', end - i)).run(params);
      this.writeGroups(false);
    }
    this.writeGroups(true);
  }

  /** Writes the target groups gathered so far, a full statement at a time, and with `all` the rest too. */
  private writeGroups(all: boolean): void {
    const full = GROUPS_PER_INSERT * 2;
    let at = 0;
    for (; at + full <= this.groupParams.length; at += full) this.insertGroups.run(this.groupParams.slice(at, at + full));
    if (all && at < this.groupParams.length) this.statement('groups', (this.groupParams.length - at) / 2).run(this.groupParams.slice(at));
    this.groupParams.splice(0, all ? this.groupParams.length : at);
  }

  private replaceStored(record: Record<string, string>): void {
    const old = this.find.get(record.institution_code, record.record_id) as Record<string, unknown> | undefined;
    if (!old) return;
    const target_groups = this.fact === 'participation' ? this.groupsOf.all(old.id) : [];
    this.keep.run(this.dataset, this.fact, old.dataset_id, JSON.stringify({ row: old, target_groups }));
    this.remove.run(old.id);
    this.replaced++;
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
