import type { Knex } from 'knex';

/*
 * Accounts, sessions, import bookkeeping and the audit log (design.md section 7).
 * This file is history: once landed it is never edited; changes go into a new migration.
 */

const TIMESTAMP = 24;
const CODE = 32;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('app_user', (t) => {
    t.increments('id').primary();
    t.string('username', 64).notNullable().unique();
    t.string('password_hash', 200).notNullable();
    t.string('role', CODE).notNullable().checkIn(['MANAGER', 'OFFICIAL', 'ADMIN']);
    t.boolean('disabled').notNullable().defaultTo(false);
    t.string('created_at', TIMESTAMP).notNullable();
    t.string('updated_at', TIMESTAMP).notNullable();
  });

  // The institutions a manager answers for (their children and sites are included at query time).
  await knex.schema.createTable('user_institution', (t) => {
    t.integer('user_id').notNullable().references('app_user.id').onDelete('CASCADE');
    t.string('institution_code', CODE).notNullable().references('institution.code');
    t.primary(['user_id', 'institution_code']);
  });

  // Sessions live in the database so any replica can serve any request. The id is a hash of the
  // cookie's token, so a leaked table does not hand out sessions.
  await knex.schema.createTable('session', (t) => {
    t.string('id', 64).primary();
    t.integer('user_id').notNullable().references('app_user.id').onDelete('CASCADE');
    t.string('created_at', TIMESTAMP).notNullable();
    t.string('last_seen_at', TIMESTAMP).notNullable();
    t.string('expires_at', TIMESTAMP).notNullable();
    t.index(['user_id']);
  });

  // The rows an import replaced (same institution and record_id), so rolling the import back restores them.
  await knex.schema.createTable('import_replaced_row', (t) => {
    t.increments('id').primary();
    t.string('dataset_id', 64).notNullable().references('dataset.id').onDelete('CASCADE');
    t.string('fact', CODE).notNullable().checkIn(['participation', 'consultation']);
    // The batch the replaced row came from: that batch cannot be rolled back before this one.
    t.string('original_dataset_id', 64).notNullable();
    t.text('row_json').notNullable();
    t.index(['dataset_id']);
    t.index(['original_dataset_id']);
  });

  await knex.schema.alterTable('dataset', (t) => {
    t.integer('loaded_by_user_id').references('app_user.id');
    t.index(['file_hash']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.string('at', TIMESTAMP).notNullable();
    t.string('action', 64).notNullable();
    t.integer('user_id');
    t.string('username', 64);
    t.string('ip', 64);
    t.string('request_id', 64);
    t.text('details');
    t.index(['at']);
    t.index(['action', 'at']);
    t.index(['username', 'action', 'at']);
    t.index(['ip', 'action', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.alterTable('dataset', (t) => {
    t.dropIndex(['file_hash']);
    t.dropForeign(['loaded_by_user_id']);
    t.dropColumn('loaded_by_user_id');
  });
  await knex.schema.dropTable('import_replaced_row');
  await knex.schema.dropTable('session');
  await knex.schema.dropTable('user_institution');
  await knex.schema.dropTable('app_user');
}
