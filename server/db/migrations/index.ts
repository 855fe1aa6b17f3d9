import type { Knex } from 'knex';
import * as starSchema from './001_star_schema';
import * as accounts from './002_accounts_imports_audit';
import * as rollupSnapshot from './003_rollup_snapshot';
import * as uniqueImportFile from './004_unique_import_file';
import * as setBasedFactReferences from './005_set_based_fact_references';
import * as onePassFactChecks from './006_one_pass_fact_checks';
import * as participationIndexesForImport from './007_participation_indexes_for_import';
import * as referenceChecksByArray from './008_reference_checks_by_array';
import * as targetGroupIndexForImport from './009_target_group_index_for_import';

/*
 * Migrations are listed here rather than discovered on disk, so they load the same way under tsx,
 * Vitest and a bundler. Append new ones; never edit or reorder a landed one.
 */
const migrations: Record<string, Knex.Migration> = {
  '001_star_schema': starSchema,
  '002_accounts_imports_audit': accounts,
  '003_rollup_snapshot': rollupSnapshot,
  '004_unique_import_file': uniqueImportFile,
  '005_set_based_fact_references': setBasedFactReferences,
  '006_one_pass_fact_checks': onePassFactChecks,
  '007_participation_indexes_for_import': participationIndexesForImport,
  '008_reference_checks_by_array': referenceChecksByArray,
  '009_target_group_index_for_import': targetGroupIndexForImport,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
