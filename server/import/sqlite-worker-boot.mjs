// The SQLite import writer's thread. A worker does not inherit tsx's loader under every runner (vitest's
// forks do not have it), so it registers tsx itself before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-worker.ts');
