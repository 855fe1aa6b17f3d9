import { loadConfig } from '../config';
import { ensureWebBuilt } from './web-build';

/*
 * `npm start`: build the web app if its sources changed, then serve (serve.ts: migrate, seed an empty
 * database with reference and demo data, listen). Starting again keeps the data.
 */
try {
  loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
await ensureWebBuilt((msg) => console.log(msg));
await import('./serve');
