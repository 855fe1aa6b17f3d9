import type { Client } from 'pg';
import type { ConsultationFact, ParticipationFact } from '../facts';
import { FACT_TABLES, type FactWriter } from './fact-writer';

/*
 * PostgreSQL takes each batch as one INSERT … SELECT FROM unnest(arrays): a handful of parameters
 * however many rows (a VALUES list would hit the 65,535-parameter limit), and one round trip per batch.
 * The next batch is generated while the server inserts the previous one.
 */

const BATCH_ROWS = 10_000;

const PARTICIPATION_INSERT = `
  INSERT INTO participation (id, dataset_id, record_id, person_key, programme_code, institution_code, region_code,
    entry_date, exit_date, outcome, outcome_date, gender, age_band)
  SELECT u.id, $1::text, u.record_id, u.person_key, u.programme_code, u.institution_code, u.region_code,
    u.entry_date, u.exit_date, u.outcome, u.outcome_date, u.gender, u.age_band
  FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::text[], $13::text[])
    AS u(id, record_id, person_key, programme_code, institution_code, region_code, entry_date, exit_date,
      outcome, outcome_date, gender, age_band)`;

const TARGET_GROUP_INSERT = `
  INSERT INTO participation_target_group (participation_id, target_group_code)
  SELECT * FROM unnest($1::int[], $2::text[])`;

const CONSULTATION_INSERT = `
  INSERT INTO consultation (dataset_id, record_id, person_key, programme_code, institution_code, site_code, date,
    stage, format, mode)
  SELECT $1::text, u.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::text[]) AS u`;

/** Column arrays of one batch, in the order of the statement's unnest parameters. */
type Columns = unknown[][];

const emptyColumns = (count: number): Columns => Array.from({ length: count }, () => []);

/**
 * Keeps one batch in flight, so generating the next batch overlaps with inserting this one. The client
 * runs queued statements in order. Failures are held as values until drained, so none goes unhandled.
 */
class Pipeline {
  private inFlight: Promise<Error | null>[] = [];

  constructor(private readonly client: Client) {}

  async send(...statements: [sql: string, values: unknown[]][]): Promise<void> {
    await this.drain();
    this.inFlight = statements.map(([sql, values]) =>
      this.client.query(sql, values).then(
        () => null,
        (error: Error) => error,
      ),
    );
  }

  async drain(): Promise<void> {
    const errors = await Promise.all(this.inFlight);
    this.inFlight = [];
    const error = errors.find((e) => e !== null);
    if (error) throw error;
  }
}

/**
 * Drops the fact tables' foreign keys, unique constraints and other non-primary-key indexes, and
 * returns the statements that recreate them. Primary keys stay: the target-group rows refer to
 * participation's, and ascending ids append to them cheaply. Restoring runs indexes first, then unique
 * constraints, then foreign keys, which may rest on them; ANALYZE then gives the planner fresh statistics.
 */
async function setAside(client: Client): Promise<string[]> {
  // Index builds sort in memory instead of spilling to disk.
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  const { rows: constraints } = await client.query<{ table_name: string; name: string; kind: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table_name, conname AS name, contype AS kind, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint
     WHERE conrelid = ANY($1::regclass[]) AND contype IN ('f', 'u')
     ORDER BY contype, conname`,
    [FACT_TABLES],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`,
    [FACT_TABLES],
  );
  for (const c of constraints) await client.query(`ALTER TABLE ${c.table_name} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  const addConstraint = (c: (typeof constraints)[number]) => `ALTER TABLE ${c.table_name} ADD CONSTRAINT "${c.name}" ${c.definition}`;
  return [
    ...indexes.map((i) => i.definition),
    ...constraints.filter((c) => c.kind === 'u').map(addConstraint),
    ...constraints.filter((c) => c.kind === 'f').map(addConstraint),
    `ANALYZE ${FACT_TABLES.join(', ')}`,
  ];
}

export async function postgresFactWriter(connection: unknown, datasetId: string): Promise<FactWriter> {
  const client = connection as Client;
  const restore = await setAside(client);
  return {
    async writeParticipations(facts: Iterable<ParticipationFact>) {
      // Ids are assigned here so target groups can refer to them. No one else takes ids meanwhile: setting
      // the indexes aside locked the table until the transaction ends.
      const { rows } = await client.query<{ max_id: number }>('SELECT COALESCE(MAX(id), 0)::int AS max_id FROM participation');
      const maxId = rows[0].max_id;
      const pipeline = new Pipeline(client);
      let episodes = emptyColumns(12);
      let groups = emptyColumns(2);
      const flush = async () => {
        await pipeline.send([PARTICIPATION_INSERT, [datasetId, ...episodes]], [TARGET_GROUP_INSERT, groups]);
        episodes = emptyColumns(12);
        groups = emptyColumns(2);
      };

      let id = maxId;
      for (const f of facts) {
        id += 1;
        const row = [id, f.recordId, f.personKey, f.programme, f.institution, f.region, f.entryDate, f.exitDate,
          f.outcome, f.outcomeDate, f.gender, f.ageBand];
        for (let c = 0; c < row.length; c++) episodes[c].push(row[c]);
        for (const group of f.targetGroups) {
          groups[0].push(id);
          groups[1].push(group);
        }
        if (episodes[0].length === BATCH_ROWS) await flush();
      }
      if (episodes[0].length > 0) await flush();
      await pipeline.drain();
      if (id > maxId) await client.query("SELECT setval(pg_get_serial_sequence('participation', 'id'), $1)", [id]);
      return id - maxId;
    },

    async writeConsultations(facts: Iterable<ConsultationFact>) {
      const pipeline = new Pipeline(client);
      let batch = emptyColumns(9);
      let count = 0;
      for (const f of facts) {
        const row = [f.recordId, f.personKey, f.programme, f.institution, f.site, f.date, f.stage, f.format, f.mode];
        for (let c = 0; c < row.length; c++) batch[c].push(row[c]);
        count += 1;
        if (batch[0].length === BATCH_ROWS) {
          await pipeline.send([CONSULTATION_INSERT, [datasetId, ...batch]]);
          batch = emptyColumns(9);
        }
      }
      if (batch[0].length > 0) await pipeline.send([CONSULTATION_INSERT, [datasetId, ...batch]]);
      await pipeline.drain();
      return count;
    },

    async finish() {
      for (const statement of restore) await client.query(statement);
    },
  };
}
