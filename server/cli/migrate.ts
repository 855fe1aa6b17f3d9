import { loadConfig } from '../config';
import { migrateLatest, migrateRollbackAll, openDatabase } from '../db/connection';

/** `npm run migrate` applies every pending migration; `npm run migrate -- --down` rolls all of them back. */
const config = loadConfig();
const db = openDatabase(config.database);
try {
  if (process.argv.includes('--down')) {
    await migrateRollbackAll(db);
    console.log('Rolled back every migration.');
  } else {
    await migrateLatest(db);
    console.log('The database schema is up to date.');
  }
} finally {
  await db.destroy();
}
