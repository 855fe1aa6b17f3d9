import type { Knex } from 'knex';

/*
 * PostgreSQL only: the fact tables' references to the reference tables and to their dataset are checked
 * once per statement instead of once per row. A foreign key is a trigger that runs a query for every row
 * it checks: an import of 100,000 participation rows (with 150,000 target groups) made 550,000 of them,
 * and they were more than half of its write (COPY with them 5.4 s, 2.8 s with these checks instead, on the
 * development machine). These checks keep what the foreign keys promised, for every writer, not only the
 * importer:
 *
 * - Inserting or updating facts: one statement-level trigger per fact table, over the statement's new rows
 *   (a transition table), first locks the referenced rows FOR KEY SHARE, as a foreign key does (so no
 *   transaction can delete or re-key them until this one ends), then refuses the statement with
 *   foreign_key_violation (SQLSTATE 23503, the error a foreign key raises, with its constraint's name) if
 *   any value is missing from its table. The whole statement fails, so nothing of it is written.
 * - Deleting or re-keying referenced rows (datasets, programmes, institutions, municipalities, target
 *   groups): a statement-level trigger on each refuses it, with the same error, while a fact still
 *   refers to a removed key (every referring column leads an index, so each check is an index probe per
 *   removed key). That is the foreign keys' ON DELETE / ON UPDATE NO ACTION; a concurrent insert that
 *   has locked the row makes the delete wait for it, and the check then sees its rows (READ COMMITTED,
 *   the isolation this application runs at).
 *
 * participation_target_group.participation_id stays a real foreign key (its ON DELETE CASCADE, and its
 * rows come from the same import as their participation rows anyway). SQLite keeps all its foreign keys:
 * there a check is a b-tree probe in the same process, not a query, and dropping one means rebuilding the
 * table. This file is history: once landed it is never edited.
 */

interface Reference {
  table: string;
  column: string;
  parent: string;
  key: string;
  /** The foreign key it replaces, whose name the errors keep. */
  constraint: string;
}

const REFERENCES: Reference[] = [
  { table: 'participation', column: 'dataset_id', parent: 'dataset', key: 'id', constraint: 'participation_dataset_id_foreign' },
  { table: 'participation', column: 'programme_code', parent: 'programme', key: 'code', constraint: 'participation_programme_code_foreign' },
  { table: 'participation', column: 'institution_code', parent: 'institution', key: 'code', constraint: 'participation_institution_code_foreign' },
  { table: 'participation', column: 'region_code', parent: 'region', key: 'code', constraint: 'participation_region_code_foreign' },
  { table: 'participation_target_group', column: 'target_group_code', parent: 'target_group', key: 'code', constraint: 'participation_target_group_target_group_code_foreign' },
  { table: 'consultation', column: 'dataset_id', parent: 'dataset', key: 'id', constraint: 'consultation_dataset_id_foreign' },
  { table: 'consultation', column: 'programme_code', parent: 'programme', key: 'code', constraint: 'consultation_programme_code_foreign' },
  { table: 'consultation', column: 'institution_code', parent: 'institution', key: 'code', constraint: 'consultation_institution_code_foreign' },
  { table: 'consultation', column: 'site_code', parent: 'institution', key: 'code', constraint: 'consultation_site_code_foreign' },
];

const tablesOf = (pick: (r: Reference) => string) => [...new Set(REFERENCES.map(pick))];
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The check of one fact table's new rows: lock what they refer to, then refuse a missing key. */
function childFunction(table: string): string {
  const checks = REFERENCES.filter((r) => r.table === table).map(
    (r) => `
  PERFORM 1 FROM ${r.parent} WHERE ${r.key} IN (SELECT ${r.column} FROM new_rows) FOR KEY SHARE;
  SELECT n.${r.column}::text INTO missing FROM new_rows n
    WHERE n.${r.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${r.parent} p WHERE p.${r.key} = n.${r.column}) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = ${quote(`insert or update on table "${table}" violates foreign key constraint "${r.constraint}"`)},
      DETAIL = format(${quote(`Key (${r.column})=(%s) is not present in table "${r.parent}".`)}, missing),
      CONSTRAINT = ${quote(r.constraint)}, TABLE = ${quote(table)}, COLUMN = ${quote(r.column)};
  END IF;`,
  );
  return `CREATE FUNCTION ${table}_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing text;
BEGIN${checks.join('')}
  RETURN NULL;
END $$`;
}

/**
 * The check of a referenced table's deleted (or re-keyed) rows: refuse while a fact still refers to a key
 * that is gone. A function per event, as only the UPDATE trigger has new_rows.
 */
function parentFunction(parent: string, event: 'delete' | 'update'): string {
  const checks = REFERENCES.filter((r) => r.parent === parent).map((r) => {
    const gone =
      event === 'delete'
        ? `SELECT o.${r.key} FROM old_rows o`
        : `SELECT o.${r.key} FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.${r.key} = o.${r.key})`;
    return `
  SELECT f.${r.column}::text INTO still FROM ${r.table} f WHERE f.${r.column} IN (${gone}) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = ${quote(`update or delete on table "${parent}" violates foreign key constraint "${r.constraint}" on table "${r.table}"`)},
      DETAIL = format(${quote(`Key (${r.key})=(%s) is still referenced from table "${r.table}".`)}, still),
      CONSTRAINT = ${quote(r.constraint)}, TABLE = ${quote(r.table)};
  END IF;`;
  });
  return `CREATE FUNCTION ${parent}_check_${event}d_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE still text;
BEGIN${checks.join('')}
  RETURN NULL;
END $$`;
}

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  for (const r of REFERENCES) await knex.raw(`ALTER TABLE ${r.table} DROP CONSTRAINT ${r.constraint}`);
  for (const table of tablesOf((r) => r.table)) {
    await knex.raw(childFunction(table));
    for (const event of ['INSERT', 'UPDATE']) {
      await knex.raw(
        `CREATE TRIGGER ${table}_check_references_${event.toLowerCase()} AFTER ${event} ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_check_references()`,
      );
    }
  }
  for (const parent of tablesOf((r) => r.parent)) {
    for (const event of ['delete', 'update'] as const) {
      await knex.raw(parentFunction(parent, event));
      const tables = event === 'delete' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await knex.raw(
        `CREATE TRIGGER ${parent}_check_references_${event} AFTER ${event.toUpperCase()} ON ${parent} REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION ${parent}_check_${event}d_references()`,
      );
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  for (const parent of tablesOf((r) => r.parent)) {
    for (const event of ['delete', 'update']) {
      await knex.raw(`DROP TRIGGER ${parent}_check_references_${event} ON ${parent}`);
      await knex.raw(`DROP FUNCTION ${parent}_check_${event}d_references()`);
    }
  }
  for (const table of tablesOf((r) => r.table)) {
    for (const event of ['insert', 'update']) await knex.raw(`DROP TRIGGER ${table}_check_references_${event} ON ${table}`);
    await knex.raw(`DROP FUNCTION ${table}_check_references()`);
  }
  for (const r of REFERENCES) await knex.raw(`ALTER TABLE ${r.table} ADD CONSTRAINT ${r.constraint} FOREIGN KEY (${r.column}) REFERENCES ${r.parent} (${r.key})`);
}
