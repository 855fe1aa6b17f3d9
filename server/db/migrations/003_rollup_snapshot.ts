import type { Knex } from 'knex';

/*
 * The in-memory rollup's columns, saved for one data version, so a server starts answering from them in
 * a fraction of a second instead of re-reading every fact. Rebuilt whenever the data version changes.
 * This file is history: once landed it is never edited.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rollup_snapshot', (t) => {
    // A hash of the data version the columns were built from.
    t.string('version', 64).notNullable();
    t.string('part', 64).notNullable();
    t.binary('data').notNullable();
    t.string('built_at', 24).notNullable();
    t.primary(['part']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rollup_snapshot');
}
