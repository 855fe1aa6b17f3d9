import type { Knex } from 'knex';

/*
 * participation's (entry_date, exit_date) index goes. Every row of an import lands at a random place in it
 * (its keys are two text dates), which cost PostgreSQL 0.4–0.5 s of a 100k-row import's 2 s here, and it
 * served one statement only: the data's first and last dates, which the in-memory rollup now gives from its
 * columns. The SQL path's period test (entry on or before the end, exit on or after the start, or none)
 * matches most rows of any period that reaches recent years, so the planners scanned the table for it
 * anyway (EXPLAIN on the 1M benchmark database, with and without the index: the same plans and times).
 * This file is history: never edited once landed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('participation', (t) => {
    t.dropIndex(['entry_date', 'exit_date']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('participation', (t) => {
    t.index(['entry_date', 'exit_date']);
  });
}
