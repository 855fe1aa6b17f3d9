import type { Knex } from 'knex';

/*
 * participation_target_group's second index, (target_group_code, participation_id), goes. Every new target
 * group landed at the end of its code's range, in the middle of the index, where each insert descends the
 * tree (the primary key, (participation_id, target_group_code), takes new rows at its right edge, which
 * PostgreSQL's btree remembers). On the 1M benchmark database, COPY of the 150k target groups of a 100k-row
 * import took 0.46–0.72 s with it and 0.18–0.24 s without it, the largest piece of an import after the
 * participation rows themselves.
 *
 * It served the SQL path's target-group filter (`p.id IN (SELECT participation_id … WHERE
 * target_group_code IN …)`), which the in-memory engine answers without SQL. Each target group of the demo
 * data holds 10–20% of the rows, and for those the planner read as much through the index as without it:
 * the 2022 distinct count of AFTER_CHILDCARE_LEAVE, the smallest, took 231–7,370 ms with the index and
 * 320–350 ms without. Deleting or re-keying a target group looks for its rows by a scan now, and such
 * changes are reference-data edits, not imports.
 *
 * This file is history: never edited once landed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('participation_target_group', (t) => t.dropIndex(['target_group_code', 'participation_id']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('participation_target_group', (t) => t.index(['target_group_code', 'participation_id']));
}
