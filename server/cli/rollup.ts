import { Analytics } from '../analytics/aggregate';
import { Catalog } from '../catalog/catalog';
import { loadConfig } from '../config';
import { migrateLatest, openDatabase } from '../db/connection';

/** `npm run rollup`: rebuilds the in-memory rollup's saved snapshot from the facts (servers also do this on their own when data changes). */
const config = loadConfig();
const db = openDatabase(config.database);
try {
  await migrateLatest(db);
  const analytics = new Analytics(db, await Catalog.load(db), { suppressionThreshold: config.SUPPRESSION_THRESHOLD });
  const started = performance.now();
  const store = await analytics.rollup.rebuild((await analytics.dataState()).version);
  console.log(
    `Rebuilt the rollup: ${store.participation.n} participation episodes and ${store.consultation.n} consultations in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
} finally {
  await db.destroy();
}
