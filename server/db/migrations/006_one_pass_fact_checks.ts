import type { Knex } from 'knex';
import * as setBasedFactReferences from './005_set_based_fact_references';

/*
 * PostgreSQL only, two steps on from 005 (measured on the development machine, 100,000 participation rows
 * with 157,000 target groups, COPYed 5,000 rows to a statement as the importer does):
 *
 * 1. The fact tables' checks read the statement's new rows once. 005's functions ran two queries per
 *    reference over the transition table (lock the referenced rows, then look for a missing key, each a
 *    scan of the new rows and one index probe per row): about 40 ms per 5,000-row statement, 0.6 s of an
 *    import. Now one scan gathers the distinct values of every referring column, and the lock and the
 *    check run over those few values. Same promise, same errors (SQLSTATE 23503 under the old constraint's
 *    name), same locks.
 * 2. participation_target_group.participation_id, the last per-row foreign key (005 kept it), is checked
 *    the same way: 0.7–0.9 s of the import, most of it the row lock the key took on every participation
 *    row. The check refuses an id that does not exist and locks the participation rows referred to FOR KEY
 *    SHARE, as the key did, so no other transaction can delete them or change their id before this one
 *    ends; except rows this very transaction inserted (their xmin is its own id): no other transaction
 *    can see those, so none can delete them, and an import inserts a participation row and its target
 *    groups together. Rows inserted under a savepoint carry the subtransaction's id and are simply locked
 *    (correct, only slower); the importer writes without savepoints for that reason (write-postgres.ts).
 *    One theoretical gap: a row frozen more than 2^32 transactions ago whose raw xmin equals ours would go
 *    unlocked. Deleting participation rows deletes their target groups in one statement (the key's ON
 *    DELETE CASCADE); changing the id of a participation row that has target groups is refused (ON UPDATE
 *    NO ACTION); TRUNCATE of participation while target groups exist is refused, as with the key.
 *
 * The checks' joins are index probes over a few values: the planner does not know what a transition
 * table or an array holds and might rather hash a whole fact table. This file is history: once landed it
 * is never edited.
 */

interface Reference {
  column: string;
  parent: string;
  key: string;
  constraint: string;
}

/** 005's references, by fact table, and participation_target_group's participation id (below). */
const REFERENCES: Record<string, Reference[]> = {
  participation: [
    { column: 'dataset_id', parent: 'dataset', key: 'id', constraint: 'participation_dataset_id_foreign' },
    { column: 'programme_code', parent: 'programme', key: 'code', constraint: 'participation_programme_code_foreign' },
    { column: 'institution_code', parent: 'institution', key: 'code', constraint: 'participation_institution_code_foreign' },
    { column: 'region_code', parent: 'region', key: 'code', constraint: 'participation_region_code_foreign' },
  ],
  participation_target_group: [{ column: 'target_group_code', parent: 'target_group', key: 'code', constraint: 'participation_target_group_target_group_code_foreign' }],
  consultation: [
    { column: 'dataset_id', parent: 'dataset', key: 'id', constraint: 'consultation_dataset_id_foreign' },
    { column: 'programme_code', parent: 'programme', key: 'code', constraint: 'consultation_programme_code_foreign' },
    { column: 'institution_code', parent: 'institution', key: 'code', constraint: 'consultation_institution_code_foreign' },
    { column: 'site_code', parent: 'institution', key: 'code', constraint: 'consultation_site_code_foreign' },
  ],
};

const PARTICIPATION_KEY = 'participation_target_group_participation_id_foreign';
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** This transaction's own id as xmin shows it (xmin holds the low 32 bits of the full id). */
const OWN_XID = '(pg_current_xact_id()::text::bigint % 4294967296)::text::xid';

const refuse = (table: string, column: string, parent: string, constraint: string, value: string) => `
    RAISE foreign_key_violation USING
      MESSAGE = ${quote(`insert or update on table "${table}" violates foreign key constraint "${constraint}"`)},
      DETAIL = format(${quote(`Key (${column})=(%s) is not present in table "${parent}".`)}, ${value}),
      CONSTRAINT = ${quote(constraint)}, TABLE = ${quote(table)}, COLUMN = ${quote(column)};`;

/** The participation ids of new target groups: exist, and are locked unless this transaction inserted them. */
const PARTICIPATION_CHECK = `
  SELECT min(n.id) FILTER (WHERE p.id IS NULL), array_agg(p.id) FILTER (WHERE p.xmin <> ${OWN_XID})
    INTO missing_id, theirs
    FROM unnest(participation_ids) n(id) LEFT JOIN participation p ON p.id = n.id;
  IF missing_id IS NULL AND theirs IS NOT NULL THEN
    PERFORM 1 FROM participation WHERE id = ANY (theirs) FOR KEY SHARE;
    -- A row deleted between the read above and the lock is skipped by the lock: then it is missing.
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < cardinality(theirs) THEN
      SELECT t INTO missing_id FROM unnest(theirs) t WHERE NOT EXISTS (SELECT 1 FROM participation WHERE id = t) LIMIT 1;
    END IF;
  END IF;
  IF missing_id IS NOT NULL THEN${refuse('participation_target_group', 'participation_id', 'participation', PARTICIPATION_KEY, 'missing_id')}
  END IF;`;

/** One fact table's check of its new rows: one scan for the distinct values, then lock and check those. */
function childFunction(table: string): string {
  const refs = REFERENCES[table];
  const withParticipation = table === 'participation_target_group';
  const gather = [...refs.map((r) => `array_agg(DISTINCT ${r.column})`), ...(withParticipation ? ['array_agg(DISTINCT participation_id)'] : [])];
  const into = [...refs.map((_, k) => `v${k}`), ...(withParticipation ? ['participation_ids'] : [])];
  const checks = refs.map(
    (r, k) => `
  PERFORM 1 FROM ${r.parent} WHERE ${r.key} = ANY (v${k}) FOR KEY SHARE;
  SELECT x INTO missing FROM unnest(v${k}) x WHERE x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${r.parent} p WHERE p.${r.key} = x) LIMIT 1;
  IF FOUND THEN${refuse(table, r.column, r.parent, r.constraint, 'missing')}
  END IF;`,
  );
  return `CREATE OR REPLACE FUNCTION ${table}_check_references() RETURNS trigger LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE missing text; ${refs.map((_, k) => `v${k} text[];`).join(' ')}${withParticipation ? ' participation_ids integer[]; missing_id integer; theirs integer[]; locked integer;' : ''}
BEGIN
  SELECT ${gather.join(', ')} INTO ${into.join(', ')} FROM new_rows;${checks.join('')}${withParticipation ? PARTICIPATION_CHECK : ''}
  RETURN NULL;
END $$`;
}

const CASCADE_DELETE = `CREATE FUNCTION participation_delete_target_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM participation_target_group WHERE participation_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END $$`;

const REFUSE_REKEY = `CREATE FUNCTION participation_check_rekeyed_target_groups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE still integer;
BEGIN
  SELECT o.id INTO still FROM old_rows o
    WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      AND EXISTS (SELECT 1 FROM participation_target_group g WHERE g.participation_id = o.id) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = ${quote(`update or delete on table "participation" violates foreign key constraint "${PARTICIPATION_KEY}" on table "participation_target_group"`)},
      DETAIL = format('Key (id)=(%s) is still referenced from table "participation_target_group".', still),
      CONSTRAINT = ${quote(PARTICIPATION_KEY)}, TABLE = 'participation_target_group';
  END IF;
  RETURN NULL;
END $$`;

const REFUSE_TRUNCATE = `CREATE FUNCTION participation_check_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM participation_target_group) THEN
    RAISE feature_not_supported USING
      MESSAGE = 'cannot truncate table "participation" while table "participation_target_group" has rows',
      HINT = 'Truncate participation_target_group first, or both in one statement.';
  END IF;
  RETURN NULL;
END $$`;

/** participation's triggers in the place of the key's actions: name, timing and event, function. */
const PARTICIPATION_TRIGGERS: [string, string, string][] = [
  ['participation_delete_target_groups', 'AFTER DELETE ON participation REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT', 'participation_delete_target_groups'],
  ['participation_check_rekeyed_target_groups', 'AFTER UPDATE ON participation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT', 'participation_check_rekeyed_target_groups'],
  ['participation_check_truncate', 'BEFORE TRUNCATE ON participation FOR EACH STATEMENT', 'participation_check_truncate'],
];

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(`ALTER TABLE participation_target_group DROP CONSTRAINT ${PARTICIPATION_KEY}`);
  // The triggers 005 made stay; only their functions' bodies change.
  for (const table of Object.keys(REFERENCES)) await knex.raw(childFunction(table));
  for (const fn of [CASCADE_DELETE, REFUSE_REKEY, REFUSE_TRUNCATE]) await knex.raw(fn);
  for (const [name, when, fn] of PARTICIPATION_TRIGGERS) await knex.raw(`CREATE TRIGGER ${name} ${when} EXECUTE FUNCTION ${fn}()`);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  for (const [name, , fn] of PARTICIPATION_TRIGGERS) {
    await knex.raw(`DROP TRIGGER ${name} ON participation`);
    await knex.raw(`DROP FUNCTION ${fn}()`);
  }
  await knex.raw(`ALTER TABLE participation_target_group ADD CONSTRAINT ${PARTICIPATION_KEY} FOREIGN KEY (participation_id) REFERENCES participation (id) ON DELETE CASCADE`);
  // 005's own functions again, as 005 made them.
  await setBasedFactReferences.down(knex);
  await setBasedFactReferences.up(knex);
}
