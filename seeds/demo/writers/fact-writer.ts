import type { Knex } from 'knex';
import { isSqlite } from '../../../server/db/connection';
import type { ConsultationFact, ParticipationFact } from '../facts';
import { postgresFactWriter } from './postgres';
import { sqliteFactWriter } from './sqlite';

/*
 * Writes generated facts inside the seeding transaction, streaming: the generator yields a row at a
 * time and no writer keeps more than one batch. Each database gets the fastest path its driver offers
 * (knex's query builder would be an order of magnitude slower), and the bulk load follows the usual
 * recipe: the fact tables' secondary indexes (and on PostgreSQL their foreign keys and unique
 * constraints) are set aside while rows go in and rebuilt in one pass afterwards, from the definitions
 * the database itself reports, so the schema ends up exactly as the migrations left it. Rebuilding
 * checks every row against the constraints, as the inserts would have.
 */
export interface FactWriter {
  /** Inserts the episodes and their target groups; ids continue after the highest one in the table. */
  writeParticipations(facts: Iterable<ParticipationFact>): Promise<number>;
  writeConsultations(facts: Iterable<ConsultationFact>): Promise<number>;
  /** Rebuilds what was set aside. */
  finish(): Promise<void>;
}

/** Referencing tables first, so they can be emptied in this order. */
export const FACT_TABLES = ['participation_target_group', 'participation', 'consultation'];

/** Sets the fact tables' indexes aside at once: deleting old rows is faster without them too. */
export async function factWriterFor(trx: Knex.Transaction, datasetId: string): Promise<FactWriter> {
  const connection: unknown = await trx.client.acquireConnection();
  return isSqlite(trx) ? sqliteFactWriter(connection, datasetId) : postgresFactWriter(connection, datasetId);
}
