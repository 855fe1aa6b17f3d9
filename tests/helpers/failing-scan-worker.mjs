// A scan worker that dies on its first query, for the test of the pool's fallback (tests/api/rollup.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.type === 'count') throw new Error('this scan worker fails on purpose');
});
