// The scan worker's entry (pool.ts). It is JavaScript because a worker thread starts without the TypeScript
// loader of its parent (tsx in the server, Vite's transform in the tests): it registers tsx, scoped to this
// worker, and then loads the TypeScript module that does the work.
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'scan-worker' });
await tsx.import('./scan-worker.ts', import.meta.url);
