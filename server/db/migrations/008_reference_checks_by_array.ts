import type { Knex } from 'knex';

/*
 * PostgreSQL only. 005's checks on the referenced tables (a dataset, programme, institution, municipality or
 * target group deleted or re-keyed while a fact still refers to it) looked for referring facts with
 * `column IN (SELECT … FROM old_rows …)`. The planner does not know that a transition table holds a row or
 * two, so it hashed the subquery and scanned the whole fact table: every import's closing UPDATE of its
 * dataset row (its row count) scanned participation and consultation, 130 ms of a 100k-row import into the
 * 1M benchmark database, though no key changed. Now the keys that are gone are gathered into an array first;
 * when there are none (an update that keeps the key, the usual case) nothing more runs, and otherwise each
 * referring table is probed through its index with `= ANY (array)`. Same promise, same errors (SQLSTATE
 * 23503 under the old constraint's name). This file is history: once landed it is never edited.
 */

interface Reference {
  table: string;
  column: string;
  constraint: string;
}

/** 005's references, by referenced table and its key. */
const REFERENCED: Record<string, { key: string; by: Reference[] }> = {
  dataset: {
    key: 'id',
    by: [
      { table: 'participation', column: 'dataset_id', constraint: 'participation_dataset_id_foreign' },
      { table: 'consultation', column: 'dataset_id', constraint: 'consultation_dataset_id_foreign' },
    ],
  },
  programme: {
    key: 'code',
    by: [
      { table: 'participation', column: 'programme_code', constraint: 'participation_programme_code_foreign' },
      { table: 'consultation', column: 'programme_code', constraint: 'consultation_programme_code_foreign' },
    ],
  },
  institution: {
    key: 'code',
    by: [
      { table: 'participation', column: 'institution_code', constraint: 'participation_institution_code_foreign' },
      { table: 'consultation', column: 'institution_code', constraint: 'consultation_institution_code_foreign' },
      { table: 'consultation', column: 'site_code', constraint: 'consultation_site_code_foreign' },
    ],
  },
  region: { key: 'code', by: [{ table: 'participation', column: 'region_code', constraint: 'participation_region_code_foreign' }] },
  target_group: {
    key: 'code',
    by: [{ table: 'participation_target_group', column: 'target_group_code', constraint: 'participation_target_group_target_group_code_foreign' }],
  },
};

type Event = 'delete' | 'update';
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The keys of the statement's old rows that its new rows no longer have (all of them for a delete). */
const goneKeys = (key: string, event: Event) =>
  event === 'delete' ? `SELECT o.${key} FROM old_rows o` : `SELECT o.${key} FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.${key} = o.${key})`;

const refusal = (parent: string, key: string, r: Reference) => `
  IF FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = ${quote(`update or delete on table "${parent}" violates foreign key constraint "${r.constraint}" on table "${r.table}"`)},
      DETAIL = format(${quote(`Key (${key})=(%s) is still referenced from table "${r.table}".`)}, still),
      CONSTRAINT = ${quote(r.constraint)}, TABLE = ${quote(r.table)};
  END IF;`;

/** This migration's check: the gone keys as an array, then an index probe per referring table. */
function byArray(parent: string, event: Event): string {
  const { key, by } = REFERENCED[parent];
  const probes = by.map((r) => `
  SELECT f.${r.column}::text INTO still FROM ${r.table} f WHERE f.${r.column} = ANY (gone) LIMIT 1;${refusal(parent, key, r)}`);
  return `CREATE OR REPLACE FUNCTION ${parent}_check_${event}d_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE gone text[]; still text;
BEGIN
  SELECT array_agg(g.${key}) INTO gone FROM (${goneKeys(key, event)}) g(${key});
  IF gone IS NULL THEN
    RETURN NULL;
  END IF;${probes.join('')}
  RETURN NULL;
END $$`;
}

/** 005's check, put back by `down`. */
function bySubquery(parent: string, event: Event): string {
  const { key, by } = REFERENCED[parent];
  const probes = by.map((r) => `
  SELECT f.${r.column}::text INTO still FROM ${r.table} f WHERE f.${r.column} IN (${goneKeys(key, event)}) LIMIT 1;${refusal(parent, key, r)}`);
  return `CREATE OR REPLACE FUNCTION ${parent}_check_${event}d_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE still text;
BEGIN${probes.join('')}
  RETURN NULL;
END $$`;
}

const replaceAll = async (knex: Knex, make: (parent: string, event: Event) => string) => {
  if (knex.client.config.client !== 'pg') return;
  for (const parent of Object.keys(REFERENCED)) for (const event of ['delete', 'update'] as const) await knex.raw(make(parent, event));
};

export const up = (knex: Knex) => replaceAll(knex, byArray);
export const down = (knex: Knex) => replaceAll(knex, bySubquery);
