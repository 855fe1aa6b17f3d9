import type { Knex } from 'knex';

/*
 * One dataset per imported file and kind: the database itself refuses a second copy, so the same file sent
 * twice at once (a double click, two replicas) lands once. This file is history: never edited once landed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dataset', (t) => {
    t.unique(['fact', 'file_hash'], { indexName: 'dataset_fact_file_hash_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dataset', (t) => {
    t.dropUnique(['fact', 'file_hash'], 'dataset_fact_file_hash_unique');
  });
}
