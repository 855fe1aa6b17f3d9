import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./entry.mjs', import.meta.url);

/** A worker thread running `module` (TypeScript or JavaScript), whichever loader its parent runs under. */
export function startWorker(module: URL): Worker {
  return new Worker(ENTRY, { workerData: { module: module.href } });
}
