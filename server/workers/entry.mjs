// Every worker thread's entry (start.ts). It is JavaScript because a worker starts without the TypeScript
// loader of its parent (tsx in the server, Vite's transform in the tests, neither inherited under every
// runner): it registers tsx, scoped to this thread, and then loads the module the parent named.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'worker' });
await tsx.import(workerData.module, import.meta.url);
