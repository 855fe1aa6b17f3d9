import { finished } from 'node:stream/promises';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { FactName } from '../analytics/model';
import { audit } from '../auth/audit';
import type { Db } from '../db/connection';
import { acceptedEntry, BATCHES_IN_FLIGHT, type AcceptedAudit, type FactSink } from './fact-sink';
import { FACT_COLUMNS } from './fact-columns';
import type { DatasetRow } from './sqlite-worker-protocol';
import type { ParticipationRow, ValidRow } from './validate-rows';

/**
 * PostgreSQL, in one transaction on one `pg` connection. Each batch of rows, and for participation their
 * target groups, goes in by COPY, the fastest way into PostgreSQL, as soon as the importer has validated
 * it: PostgreSQL's own process writes a batch while this one validates the next. Participation ids are
 * drawn from the table's own sequence first, so the target groups can be copied beside their rows.
 * Most files bring only new records, so the rows are copied straight away; when the unique key
 * (institution, record_id) says some are stored already, the transaction is rolled back at the end and a
 * new one keeps the stored rows for a rollback, deletes them and copies all rows again (looking them up
 * first would cost an index probe per row on every import). No savepoint: rows written under one carry the
 * subtransaction's id, and the target groups' check (migration 006) then locks their participation rows,
 * which it need not do for rows of the transaction itself.
 */
export function writeWithPostgres(db: Db, dataset: DatasetRow, fact: FactName): FactSink {
  return new PostgresSink(db, dataset, fact);
}

const UNIQUE_VIOLATION = '23505';

class PostgresSink implements FactSink {
  /** Every row sent, for copying again after a conflict. */
  private readonly rows: ValidRow[] = [];
  /** The transaction's work so far, one step after another on its connection. */
  private chain: Promise<void>;
  private readonly steps: Promise<void>[] = [];
  private trx?: Knex.Transaction;
  private pg?: PoolClient;
  private failure?: unknown;
  private conflict = false;
  /** participation's id sequence, looked up once (per row it would be a catalog lookup for every id). */
  private sequence?: string;

  constructor(
    private readonly db: Db,
    private readonly dataset: DatasetRow,
    private readonly fact: FactName,
  ) {
    this.chain = this.begin().catch((error) => void (this.failure = error));
  }

  private async begin(): Promise<void> {
    this.trx = await this.db.transaction();
    await this.trx('dataset').insert(this.dataset);
    // The transaction's own pg connection: COPY needs the driver's client, and knex would spread an
    // array binding into a list of values.
    this.pg = (await this.trx.client.acquireConnection()) as PoolClient;
    if (this.fact === 'participation') this.sequence ??= (await this.pg.query("SELECT pg_get_serial_sequence('participation', 'id') AS name")).rows[0].name;
  }

  async write(rows: readonly ValidRow[]): Promise<void> {
    for (const row of rows) this.rows.push(row);
    // The batch's text is made now, while PostgreSQL may still be writing the batch before.
    const text = copyText(this.dataset.id, this.fact, rows);
    const step = (this.chain = this.chain.then(async () => {
      if (this.failure || this.conflict) return;
      try {
        await copyRows(this.pg!, this.fact, text, this.sequence);
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) this.conflict = true;
        else this.failure = error;
      }
    }));
    this.steps.push(step);
    if (this.steps.length >= BATCHES_IN_FLIGHT) await this.steps.shift();
  }

  async commit(rows: number, entry: AcceptedAudit): Promise<number> {
    await this.chain;
    try {
      if (this.failure) throw this.failure;
      let replaced = 0;
      if (this.conflict) {
        await this.trx!.rollback();
        await this.begin();
        replaced = await replaceStoredRows(this.pg!, this.dataset.id, this.fact, this.rows);
        for (let i = 0; i < this.rows.length; i += COPY_BATCH) {
          await copyRows(this.pg!, this.fact, copyText(this.dataset.id, this.fact, this.rows.slice(i, i + COPY_BATCH)), this.sequence);
        }
      }
      await this.trx!('dataset').where({ id: this.dataset.id }).update({ row_count: rows });
      await audit(this.trx!, acceptedEntry(entry, rows, replaced));
      await this.trx!.commit();
      return replaced;
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  async abort(): Promise<void> {
    await this.chain;
    if (this.trx && !this.trx.isCompleted()) await this.trx.rollback().catch(() => undefined);
  }
}

/** Rows copied again at a time after a conflict (the importer's batches are this size too). */
const COPY_BATCH = 5000;

/**
 * A batch in COPY's text format: each row's line after its id (participation) or whole (consultation),
 * and for participation each row's target groups' lines after the id. The ids are drawn when the
 * batch's turn on the connection comes; the rest is made beforehand.
 */
interface CopyText {
  lines: string[];
  groups?: string[][];
}

function copyText(dataset: string, fact: FactName, batch: readonly ValidRow[]): CopyText {
  const columns = FACT_COLUMNS[fact];
  const rows = batch as unknown as Record<string, string | null>[];
  const start = `${fact === 'participation' ? '\t' : ''}${copyValue(dataset)}`;
  const lines = rows.map((row) => `${start}${columns.map((c) => `\t${copyValue(row[c])}`).join('')}\n`);
  if (fact === 'consultation') return { lines };
  return { lines, groups: (batch as readonly ParticipationRow[]).map((row) => row.target_groups.map((code) => `\t${copyValue(code)}\n`)) };
}

async function copyRows(pg: PoolClient, fact: FactName, text: CopyText, sequence?: string): Promise<void> {
  const columns = FACT_COLUMNS[fact].join(', ');
  if (!text.groups) return copy(pg, `COPY consultation (dataset_id, ${columns}) FROM STDIN`, text.lines.join(''));
  const ids = await drawIds(pg, text.lines.length, sequence!);
  let rows = '';
  let groups = '';
  for (let i = 0; i < text.lines.length; i++) {
    const id = ids(i);
    rows += id + text.lines[i];
    for (const line of text.groups[i]) groups += id + line;
  }
  await copy(pg, `COPY participation (id, dataset_id, ${columns}) FROM STDIN`, rows);
  await copy(pg, 'COPY participation_target_group (participation_id, target_group_code) FROM STDIN', groups);
}

/**
 * `count` new ids from the sequence, as a function of the row's place in the batch. Drawn together they are
 * nearly always consecutive, and then only the first comes back; otherwise (another session drew ids
 * meanwhile) all of them, as one array: a row per id would cost more to parse than to draw.
 */
async function drawIds(pg: PoolClient, count: number, sequence: string): Promise<(i: number) => number> {
  const { rows } = await pg.query(
    `WITH drawn AS (SELECT nextval($2::regclass) AS id FROM generate_series(1, $1))
     SELECT min(id) AS first, CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL ELSE array_agg(id) END AS ids FROM drawn`,
    [count, sequence],
  );
  const first = Number(rows[0].first);
  const ids = rows[0].ids as string[] | null;
  return ids ? (i) => Number(ids[i]) : (i) => first + i;
}

/** Keeps the stored rows with the keys of `valid` (and their target groups) for a rollback, and deletes them. */
async function replaceStoredRows(pg: PoolClient, dataset: string, fact: FactName, valid: readonly ValidRow[]): Promise<number> {
  const query = async (sql: string, values: unknown[]) => (await pg.query(sql, values)).rows;
  const rows = valid as unknown as Record<string, string>[];
  const old = await query(`SELECT f.* FROM ${fact} f JOIN unnest($1::text[], $2::text[]) k(institution_code, record_id) USING (institution_code, record_id)`, [
    rows.map((r) => r.institution_code),
    rows.map((r) => r.record_id),
  ]);
  if (old.length === 0) return 0;
  const ids = old.map((r) => r.id as number);
  const groups = fact === 'participation' ? await query('SELECT participation_id, target_group_code FROM participation_target_group WHERE participation_id = ANY($1::int[])', [ids]) : [];
  const groupsOf = new Map<number, string[]>();
  for (const g of groups) groupsOf.set(g.participation_id, [...(groupsOf.get(g.participation_id) ?? []), g.target_group_code]);
  await query('INSERT INTO import_replaced_row (dataset_id, fact, original_dataset_id, row_json) SELECT $1, $2, * FROM unnest($3::text[], $4::text[])', [
    dataset,
    fact,
    old.map((row) => row.dataset_id),
    old.map((row) => JSON.stringify({ row, target_groups: groupsOf.get(row.id) ?? [] })),
  ]);
  await query(`DELETE FROM ${fact} WHERE id = ANY($1::int[])`, [ids]);
  return old.length;
}

/** Sends rows in COPY's text format; resolves once PostgreSQL has taken them all. */
async function copy(pg: PoolClient, sql: string, text: string): Promise<void> {
  if (!text) return;
  await finished(pg.query(copyFrom(sql)).end(text));
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped (validated values have none, but a writer must not trust that). */
const copyValue = (value: string | number | null) => {
  if (value === null) return '\\N';
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
};
