import { createServer } from 'vite';
import { loadConfig } from '../config';
import { startServer } from '../index';
import { ensureSeeded } from '../../seeds';

/** `npm run dev`: the API on PORT and Vite's dev server (with hot reload) proxying to it. */
const config = loadConfig();
const api = await startServer(config, (db) => ensureSeeded(db, { log: console.log }));
const vite = await createServer({ configFile: 'vite.config.ts' });
await vite.listen();
vite.printUrls();
console.log(`API at ${api.url}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await vite.close();
    await api.close();
    process.exit(0);
  });
}
