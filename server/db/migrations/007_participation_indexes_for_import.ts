import type { Knex } from 'knex';

/*
 * participation's indexes, cheaper to keep up on import. Each new row landed at a random place in two of
 * them, whose keys order rows by date. On PostgreSQL, 100k participation rows into the 1M benchmark
 * database (INSERT … SELECT in a rolled-back transaction) took 1.7 s with both, 1.1 s without the first and
 * 0.9 s with the second narrowed as below; more when the buffer cache held other pages.
 *
 * - (entry_date, exit_date) goes. It served one statement only: the data's first and last dates, which the
 *   in-memory rollup now gives from its columns. The SQL path's period test (entry on or before the end,
 *   exit on or after the start, or none) matches most rows of any period that reaches recent years, so the
 *   planner scanned the table for it anyway (PostgreSQL's EXPLAIN ANALYZE of the dashboard queries with and
 *   without it: the same plans and times; on SQLite none of the benchmark's plain-SQL times grew).
 * - (programme_code, entry_date) becomes (programme_code): a programme filter is what it is used for (a
 *   small programme's rows found through it, 3–7 ms either way), and a new row's entry now goes after
 *   the others of its programme instead of among them by date.
 *
 * This file is history: never edited once landed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('participation', (t) => {
    t.dropIndex(['entry_date', 'exit_date']);
    t.dropIndex(['programme_code', 'entry_date']);
    t.index(['programme_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('participation', (t) => {
    t.dropIndex(['programme_code']);
    t.index(['programme_code', 'entry_date']);
    t.index(['entry_date', 'exit_date']);
  });
}
