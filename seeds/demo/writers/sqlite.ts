import type { Database } from 'better-sqlite3';
import type { ConsultationFact, ParticipationFact } from '../facts';
import { FACT_TABLES, type FactWriter } from './fact-writer';

/*
 * better-sqlite3 is synchronous and in-process: one prepared statement run per row, inside the
 * caller's transaction, is as fast as SQLite inserts get and needs no batching. Foreign keys stay on:
 * SQLite checks them cheaply, and they cannot be set aside inside a transaction anyway.
 */
export function sqliteFactWriter(connection: unknown, datasetId: string): FactWriter {
  const db = connection as Database;
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${FACT_TABLES.map(() => '?').join(', ')})`,
    )
    .all(...FACT_TABLES) as { name: string; sql: string }[];
  // Primary keys and inline UNIQUE constraints have no SQL of their own (sql IS NULL) and stay.
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);

  return {
    async writeParticipations(facts: Iterable<ParticipationFact>) {
      const insertEpisode = db.prepare(
        `INSERT INTO participation (id, dataset_id, record_id, person_key, programme_code, institution_code,
           region_code, entry_date, exit_date, outcome, outcome_date, gender, age_band)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertGroup = db.prepare('INSERT INTO participation_target_group (participation_id, target_group_code) VALUES (?, ?)');
      const { maxId } = db.prepare('SELECT COALESCE(MAX(id), 0) AS maxId FROM participation').get() as { maxId: number };
      let id = maxId;
      for (const f of facts) {
        id += 1;
        insertEpisode.run(
          id, datasetId, f.recordId, f.personKey, f.programme, f.institution, f.region,
          f.entryDate, f.exitDate, f.outcome, f.outcomeDate, f.gender, f.ageBand,
        );
        for (const group of f.targetGroups) insertGroup.run(id, group);
      }
      return id - maxId;
    },

    async writeConsultations(facts: Iterable<ConsultationFact>) {
      const insert = db.prepare(
        `INSERT INTO consultation (dataset_id, record_id, person_key, programme_code, institution_code, site_code,
           date, stage, format, mode)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      let count = 0;
      for (const f of facts) {
        insert.run(datasetId, f.recordId, f.personKey, f.programme, f.institution, f.site, f.date, f.stage, f.format, f.mode);
        count += 1;
      }
      return count;
    },

    async finish() {
      for (const { sql } of indexes) db.exec(sql);
    },
  };
}
