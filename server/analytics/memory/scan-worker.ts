import { parentPort } from 'node:worker_threads';
import { countRange, type FactColumns } from './count';
import type { WorkerMessage, WorkerReply } from './pool';

/*
 * A scan worker (pool.ts): holds the shared columns of the current data version and counts the row ranges
 * it is asked for. Replies transfer their count arrays instead of copying them.
 */

/**
 * The columns of the current data version only, so an old version's memory is freed with the main thread's.
 * A query still in flight on the previous version gets an error, and the pool counts it on the main thread.
 */
let current: { version: string; facts: FactColumns } | undefined;
const port = parentPort!;

port.on('message', (message: WorkerMessage) => {
  if (message.type === 'columns') {
    current = { version: message.version, facts: message.facts };
    return;
  }
  const facts = current?.version === message.version ? current.facts : undefined;
  if (!facts) {
    port.postMessage({ id: message.id, error: `scan worker has no columns of data version ${message.version}` } satisfies WorkerReply);
    return;
  }
  try {
    const counts = countRange(facts, message.plan, message.lo, message.hi);
    const buffers = [counts.foreign, counts.datasetSeen, counts.siteSeen, counts.totalSiteSeen, ...Object.values(counts.values)]
      .filter((a) => a !== undefined)
      .map((a) => a.buffer as ArrayBuffer);
    port.postMessage({ id: message.id, counts } satisfies WorkerReply, buffers);
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  }
});
