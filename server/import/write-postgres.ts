import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { FACT_COLUMNS } from './fact-columns';
import type { ValidRows } from './validate-rows';

/** Rows turned into COPY text between two turns of the event loop. */
const COPY_BATCH = 5000;

/**
 * PostgreSQL, inside the caller's transaction on `pg`. The rows, and for participation their target
 * groups, go in by COPY, the fastest way into PostgreSQL; participation ids are drawn from the table's
 * own sequence first, so the target groups can be copied beside their rows. Most files bring only new
 * records, so the COPY is tried first under a savepoint; when the unique key (institution, record_id)
 * says some are stored already, it is undone, the stored rows are kept for a rollback and deleted, and
 * the COPY runs again. Looking them up first would cost an index probe per row on every import.
 */
export async function writeWithPostgres(pg: PoolClient, dataset: string, valid: ValidRows): Promise<number> {
  await pg.query('SAVEPOINT import_copy');
  try {
    await copyRows(pg, dataset, valid);
    await pg.query('RELEASE SAVEPOINT import_copy');
    return 0;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await pg.query('ROLLBACK TO SAVEPOINT import_copy');
  }
  const replaced = await replaceStoredRows(pg, dataset, valid);
  await copyRows(pg, dataset, valid);
  return replaced;
}

const UNIQUE_VIOLATION = '23505';

async function copyRows(pg: PoolClient, dataset: string, valid: ValidRows): Promise<void> {
  const columns = FACT_COLUMNS[valid.kind];
  const rows = valid.rows as unknown as Record<string, string | null>[];
  if (valid.kind === 'consultation') {
    await copy(pg, `COPY consultation (dataset_id, ${columns.join(', ')}) FROM STDIN`, rows.length, (i) => [dataset, ...columns.map((c) => rows[i][c])]);
    return;
  }
  // One array, not a row per id: 100k rows would cost more to parse than to draw.
  const { rows: drawn } = await pg.query("SELECT array_agg(nextval(pg_get_serial_sequence('participation', 'id'))) AS ids FROM generate_series(1, $1)", [rows.length]);
  const ids = (drawn[0].ids as string[]).map(Number);
  await copy(pg, `COPY participation (id, dataset_id, ${columns.join(', ')}) FROM STDIN`, rows.length, (i) => [ids[i], dataset, ...columns.map((c) => rows[i][c])]);
  const pairs: [number, string][] = [];
  valid.rows.forEach((row, i) => row.target_groups.forEach((code) => pairs.push([ids[i], code])));
  await copy(pg, 'COPY participation_target_group (participation_id, target_group_code) FROM STDIN', pairs.length, (i) => pairs[i]);
}

/** Keeps the stored rows with the keys of `valid` (and their target groups) for a rollback, and deletes them. */
async function replaceStoredRows(pg: PoolClient, dataset: string, valid: ValidRows): Promise<number> {
  const query = async (sql: string, values: unknown[]) => (await pg.query(sql, values)).rows;
  const fact = valid.kind;
  const rows = valid.rows as unknown as Record<string, string>[];
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

/** Streams `count` rows in COPY's text format, minding back-pressure; resolves once PostgreSQL has taken them all. */
async function copy(pg: PoolClient, sql: string, count: number, row: (i: number) => readonly (string | number | null)[]): Promise<void> {
  if (count === 0) return;
  const stream = pg.query(copyFrom(sql));
  for (let start = 0; start < count; start += COPY_BATCH) {
    let text = '';
    for (let i = start; i < Math.min(count, start + COPY_BATCH); i++) text += `${row(i).map(copyValue).join('\t')}\n`;
    if (!stream.write(text)) await once(stream, 'drain');
    else await yieldToEventLoop();
  }
  stream.end();
  await finished(stream);
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped (validated values have none, but a writer must not trust that). */
const copyValue = (value: string | number | null) => {
  if (value === null) return '\\N';
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
};
