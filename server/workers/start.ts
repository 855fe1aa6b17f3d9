import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./entry.mjs', import.meta.url);
const PROCESS_ENTRY = new URL('./process-entry.mjs', import.meta.url);

/** A worker thread running `module` (TypeScript or JavaScript), whichever loader its parent runs under. */
export function startWorker(module: URL): Worker {
  return new Worker(ENTRY, { workerData: { module: module.href } });
}

/**
 * A child process running `module` with `args` after it on its command line, talking over an IPC channel
 * (structured clone, so rows keep their types). Unlike a thread, it can be killed in the middle of native code.
 */
export function startProcess(module: URL, args: string[]): ChildProcess {
  return fork(fileURLToPath(PROCESS_ENTRY), [module.href, ...args], { execArgv: [], serialization: 'advanced' });
}
