import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { isSqlite } from '../../server/db/connection';
import { BENCH_PROGRAMME } from './bench';
import { consultationFacts, participationFacts } from './demo-facts';
import { demoKpiTargets } from './kpi-targets';
import { type DemoSize, needsBenchProgramme, planDemo } from './plan';
import { FACT_TABLES, factWriterFor } from './writers/fact-writer';

export const DEMO_DATASET_ID = 'demo';

export interface SeedResult {
  participations: number;
  consultations: number;
  ms: number;
}

/**
 * Replaces the demo dataset with a freshly generated one, in one transaction: a failure leaves the
 * previous demo data in place. Reference data must be loaded first.
 */
export async function seedDemoData(db: Knex, size: DemoSize = {}): Promise<SeedResult> {
  const plan = planDemo(size);
  const started = performance.now();
  const counts = await db.transaction(async (trx) => {
    const writer = await factWriterFor(trx, DEMO_DATASET_ID);
    await deleteDemoData(trx);
    await trx('dataset').insert({
      id: DEMO_DATASET_ID,
      kind: 'demo',
      synthetic: true,
      fact: null,
      description:
        `Synthetic demo data (seed ${plan.seed}): invented records, no real person in them, made to reproduce ` +
        'the published figures of the two source articles.',
      row_count: 0,
      loaded_at: new Date().toISOString(),
      loaded_by: 'demo-data generator',
    });
    if (needsBenchProgramme(plan)) await trx('programme').insert(BENCH_PROGRAMME).onConflict('code').ignore();

    const participations = await writer.writeParticipations(participationFacts(plan));
    const consultations = await writer.writeConsultations(consultationFacts(plan));
    await writer.finish();
    await trx('kpi_target').insert(demoKpiTargets());
    await trx('dataset').where({ id: DEMO_DATASET_ID }).update({ row_count: participations + consultations });
    return { participations, consultations };
  });
  // One transaction leaves the whole load in SQLite's write-ahead log (650 MB at a million rows): copy it into
  // the database and truncate it now, rather than leave readers to search a log that size until it is reused.
  if (isSqlite(db)) await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  return { ...counts, ms: performance.now() - started };
}

async function deleteDemoData(trx: Knex.Transaction): Promise<void> {
  const otherRows = async (table: string) => Boolean(await trx(table).whereNot({ dataset_id: DEMO_DATASET_ID }).first('id'));
  if (!(await otherRows('participation')) && !(await otherRows('consultation'))) {
    // Emptying whole tables beats deleting a million rows one by one, and leaves no dead rows on PostgreSQL.
    for (const table of FACT_TABLES) await trx(table).truncate();
  } else {
    const demoEpisodes = trx('participation').select('id').where({ dataset_id: DEMO_DATASET_ID });
    await trx('participation_target_group').whereIn('participation_id', demoEpisodes).delete();
    await trx('participation').where({ dataset_id: DEMO_DATASET_ID }).delete();
    await trx('consultation').where({ dataset_id: DEMO_DATASET_ID }).delete();
  }
  await trx('kpi_target').where({ synthetic: true }).delete();
  await trx('dataset').where({ id: DEMO_DATASET_ID }).delete();
  // The benchmark programme goes with the demo data, unless something imported since refers to it.
  await trx('programme')
    .where({ code: BENCH_PROGRAMME.code, synthetic: true })
    .whereNotExists(trx('participation').where('programme_code', BENCH_PROGRAMME.code))
    .whereNotExists(trx('consultation').where('programme_code', BENCH_PROGRAMME.code))
    .whereNotExists(trx('kpi_target').where('programme_code', BENCH_PROGRAMME.code))
    .delete();
}
