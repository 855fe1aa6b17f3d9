import type { Knex } from 'knex';
import { migrateLatest } from '../server/db/connection';
import { DEMO_DATASET_ID, seedDemoData } from './demo/seed-demo-data';
import { loadReferenceData } from './load-reference';

export { DEMO_DATASET_ID, seedDemoData, type SeedResult } from './demo/seed-demo-data';
export type { DemoSize } from './demo/plan';

/**
 * Makes a database ready to serve: schema, reference data, and demo data unless a demo dataset is
 * already there (an existing one is left alone, whatever its scale).
 */
export async function ensureSeeded(db: Knex, opts: { scale?: number; log?: (msg: string) => void } = {}): Promise<void> {
  const log = opts.log ?? (() => undefined);
  await migrateLatest(db);
  if (await loadReferenceData(db)) log('Loaded reference data');
  if (await db('dataset').where({ id: DEMO_DATASET_ID }).first('id')) return;
  const result = await seedDemoData(db, { scale: opts.scale });
  log(
    `Generated synthetic demo data: ${result.participations} participation episodes and ` +
      `${result.consultations} consultations in ${(result.ms / 1000).toFixed(1)} s`,
  );
}
