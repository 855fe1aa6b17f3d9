import { loadConfig } from '../config';
import { startServer } from '../index';
import { ensureSeeded } from '../../seeds';
import { ensureWebBuilt } from './web-build';

/*
 * `npm start`: build the web app if its sources changed, migrate, seed reference and demo data into an
 * empty database, then serve. Starting again keeps the data.
 */
let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

await ensureWebBuilt((msg) => console.log(msg));
const server = await startServer(config, (db) => ensureSeeded(db, { log: console.log }));
console.log(`Inclusion Monitor is running at ${server.url} (database: ${config.database.client === 'sqlite' ? config.database.filename : 'PostgreSQL'})`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  });
}
