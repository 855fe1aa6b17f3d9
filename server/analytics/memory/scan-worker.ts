import { parentPort } from 'node:worker_threads';
import { countRange, type FactColumns } from './count';
import type { WorkerMessage, WorkerReply } from './pool';

/*
 * A scan worker (pool.ts): holds the shared columns of the latest data versions and counts the row ranges
 * it is asked for. Replies transfer their count arrays instead of copying them.
 */

/** Columns by data version; two, so a query on the previous version still in flight after an import can finish. */
const stores = new Map<string, FactColumns>();
const port = parentPort!;

port.on('message', (message: WorkerMessage) => {
  if (message.type === 'columns') {
    stores.set(message.version, message.facts);
    for (const version of stores.keys()) if (stores.size > 2) stores.delete(version);
    return;
  }
  const facts = stores.get(message.version);
  if (!facts) {
    port.postMessage({ id: message.id, error: `scan worker has no columns of data version ${message.version}` } satisfies WorkerReply);
    return;
  }
  try {
    const counts = countRange(facts, message.plan, message.lo, message.hi);
    const buffers = [counts.rowsIn, counts.foreign, counts.datasetSeen, counts.siteSeen, counts.totalSiteSeen, ...Object.values(counts.values)]
      .filter((a) => a !== undefined)
      .map((a) => a.buffer as ArrayBuffer);
    port.postMessage({ id: message.id, counts } satisfies WorkerReply, buffers);
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  }
});
