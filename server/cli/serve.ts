import { loadConfig } from '../config';
import { startServer } from '../index';
import { ensureSeeded } from '../../seeds';

/*
 * Serves with the web app as built: migrate, seed reference and demo data into an empty database, listen,
 * and shut down cleanly on SIGTERM/SIGINT. `npm start` builds the web app first, then does this.
 */
let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const server = await startServer(config, (db) => ensureSeeded(db, { log: console.log }));
console.log(`Inclusion Monitor is running at ${server.url} (database: ${config.database.client === 'sqlite' ? config.database.filename : 'PostgreSQL'})`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  });
}
