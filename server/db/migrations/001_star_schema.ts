import type { Knex } from 'knex';

/*
 * The star schema of design.md section 3. Dates are ISO strings ('2021-05-01') and timestamps ISO UTC
 * strings ('2026-11-23T15:00:00.000Z') on every database: they compare and bucket the same way on SQLite
 * and PostgreSQL, so the analytics layer needs no per-dialect date code.
 * This file is history: once landed it is never edited; changes go into a new migration.
 */

const DATE = 10;
const TIMESTAMP = 24;
const CODE = 32;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('planning_region', (t) => {
    t.string('code', CODE).primary();
    t.string('name_lv', 200).notNullable();
    t.string('name_en', 200).notNullable();
  });

  // Every municipality ever valid since 2009. rollup_code is the municipality valid today that a
  // historic one ended up in (following successors through every reform), or the code itself.
  await knex.schema.createTable('region', (t) => {
    t.string('code', CODE).primary();
    t.string('alt_code', CODE).unique();
    t.string('name_lv', 200).notNullable();
    t.string('name_en', 200).notNullable();
    t.string('kind', CODE).notNullable();
    t.string('planning_region_code', CODE).notNullable().references('planning_region.code');
    t.float('lat');
    t.float('lon');
    t.string('valid_from', DATE).notNullable();
    t.string('valid_to', DATE);
    t.string('successor_code', CODE).references('region.code');
    t.string('rollup_code', CODE).notNullable();
    t.text('split_note');
    t.text('note');
    t.index(['rollup_code']);
  });

  await knex.schema.createTable('esf_indicator', (t) => {
    t.string('code', CODE).primary();
    t.string('kind', CODE).notNullable();
    t.string('name_en', 300).notNullable();
    t.text('note');
  });

  await knex.schema.createTable('institution', (t) => {
    t.string('code', CODE).primary();
    t.string('name_lv', 300).notNullable();
    t.string('name_en', 300).notNullable();
    t.string('kind', CODE).notNullable().checkIn(['fund', 'agency', 'ngo', 'prison']);
    t.string('parent_code', CODE).references('institution.code');
    t.string('region_code', CODE).references('region.code');
    t.string('valid_from', DATE);
    t.string('valid_to', DATE);
    t.text('note');
  });

  await knex.schema.createTable('programme', (t) => {
    t.string('code', CODE).primary();
    t.string('name_lv', 300).notNullable();
    t.string('name_en', 300).notNullable();
    t.string('project_no', 64);
    t.string('operator_code', CODE).notNullable().references('institution.code');
    t.string('specific_objective', CODE);
    t.string('start_date', DATE);
    t.string('end_date', DATE);
    t.float('esf_share');
    t.float('state_share');
    t.boolean('synthetic').notNullable().defaultTo(false);
    t.text('note');
  });

  await knex.schema.createTable('target_group', (t) => {
    t.string('code', CODE).primary();
    t.string('parent_code', CODE).references('target_group.code');
    t.string('name_lv', 300).notNullable();
    t.string('name_en', 300).notNullable();
    t.string('esf_indicator_code', CODE).references('esf_indicator.code');
    t.text('note');
  });

  // A batch of facts: the demo data, or one imported file. Every fact row points at one.
  await knex.schema.createTable('dataset', (t) => {
    t.string('id', 64).primary();
    t.string('kind', CODE).notNullable().checkIn(['demo', 'import']);
    t.boolean('synthetic').notNullable();
    t.string('fact', CODE).checkIn(['participation', 'consultation']);
    t.string('description', 500).notNullable();
    t.string('source_file', 500);
    t.string('file_hash', 64);
    t.integer('row_count').notNullable().defaultTo(0);
    t.string('loaded_at', TIMESTAMP).notNullable();
    t.string('loaded_by', 200);
    t.index(['loaded_at']);
  });

  await knex.schema.createTable('participation', (t) => {
    t.increments('id').primary();
    t.string('dataset_id', 64).notNullable().references('dataset.id');
    t.string('record_id', 64).notNullable();
    t.string('person_key', 64).notNullable();
    t.string('programme_code', CODE).notNullable().references('programme.code');
    t.string('institution_code', CODE).notNullable().references('institution.code');
    t.string('region_code', CODE).notNullable().references('region.code');
    t.string('entry_date', DATE).notNullable();
    t.string('exit_date', DATE);
    t.string('outcome', CODE).notNullable().checkIn(['EMPLOYMENT', 'EDUCATION', 'NOT_REINTEGRATED', 'ONGOING']);
    t.string('outcome_date', DATE);
    t.string('gender', 1).notNullable().checkIn(['F', 'M', 'X']);
    t.string('age_band', 8).notNullable().checkIn(['15-24', '25-34', '35-44', '45-54', '55-64', '65+']);
    t.unique(['institution_code', 'record_id']);
    t.index(['entry_date', 'exit_date']);
    t.index(['programme_code', 'entry_date']);
    t.index(['region_code']);
    t.index(['dataset_id']);
  });

  await knex.schema.createTable('participation_target_group', (t) => {
    t.integer('participation_id').notNullable().references('participation.id').onDelete('CASCADE');
    t.string('target_group_code', CODE).notNullable().references('target_group.code');
    t.primary(['participation_id', 'target_group_code']);
    t.index(['target_group_code', 'participation_id']);
  });

  await knex.schema.createTable('consultation', (t) => {
    t.increments('id').primary();
    t.string('dataset_id', 64).notNullable().references('dataset.id');
    t.string('record_id', 64).notNullable();
    t.string('person_key', 64).notNullable();
    t.string('programme_code', CODE).notNullable().references('programme.code');
    t.string('institution_code', CODE).notNullable().references('institution.code');
    t.string('site_code', CODE).notNullable().references('institution.code');
    t.string('date', DATE).notNullable();
    t.string('stage', CODE).notNullable().checkIn(['PRE_VOCATIONAL', 'PRE_RELEASE']);
    t.string('format', CODE).notNullable().checkIn(['INDIVIDUAL', 'GROUP']);
    t.string('mode', CODE).notNullable().checkIn(['IN_PERSON', 'ONLINE']);
    t.unique(['institution_code', 'record_id']);
    t.index(['date']);
    t.index(['programme_code', 'date']);
    t.index(['site_code', 'date']);
    t.index(['dataset_id']);
  });

  await knex.schema.createTable('published_figure', (t) => {
    t.string('id', 64).primary();
    t.string('programme_code', CODE).notNullable().references('programme.code');
    t.string('institution_code', CODE).references('institution.code');
    t.string('region_code', CODE).references('region.code');
    t.string('period_from', DATE).notNullable();
    t.string('period_to', DATE).notNullable();
    t.string('measure', CODE).notNullable();
    t.string('breakdown', 200);
    t.float('value').notNullable();
    t.string('qualifier', CODE).notNullable().checkIn(['exact', 'more_than', 'at_most']);
    t.string('source', 200).notNullable();
    t.text('quote').notNullable();
    t.text('interpretation');
  });

  // Targets move when money is reallocated: a change is a new row, never an update, so progress can
  // be shown against the target as it stood at any time.
  await knex.schema.createTable('kpi_target', (t) => {
    t.increments('id').primary();
    t.string('programme_code', CODE).notNullable().references('programme.code');
    t.string('measure', CODE).notNullable();
    t.string('period_from', DATE).notNullable();
    t.string('period_to', DATE).notNullable();
    t.string('region_code', CODE).references('region.code');
    t.float('target_value').notNullable();
    t.boolean('synthetic').notNullable().defaultTo(false);
    t.string('set_at', TIMESTAMP).notNullable();
    t.string('set_by', 200);
    t.text('note');
    t.index(['programme_code', 'measure', 'period_from', 'period_to', 'set_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'kpi_target',
    'published_figure',
    'consultation',
    'participation_target_group',
    'participation',
    'dataset',
    'target_group',
    'programme',
    'institution',
    'esf_indicator',
    'region',
    'planning_region',
  ]) {
    await knex.schema.dropTable(table);
  }
}
