import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

/**
 * Keeps `npm run bench` working: a small run end to end (seeding, the real server, every dashboard query
 * checked against brute-force SQL, cached throughput, web size and first chart, import). Its timings are
 * printed for the log, never asserted: a shared CI machine says nothing about speed.
 */
it('runs the benchmark at a small scale and every answer matches plain SQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-bench-'));
  const json = path.join(dir, 'bench.json');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--scale', '10000', '--database-url', `sqlite:${path.join(dir, 'bench.sqlite')}`, '--runs', '20', '--variants', '2', '--rps-seconds', '2', '--load-seconds', '2', '--json', json],
    { encoding: 'utf8', timeout: 600_000 },
  );
  console.log(run.stdout, run.stderr);
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(fs.readFileSync(json, 'utf8'));
  expect(result.queries).toHaveLength(8);
  expect(Object.keys(result)).toEqual(expect.arrayContaining(['startToReadyMs', 'overheadMsP50', 'serverRssMB', 'eventLoop', 'cachedRps', 'importRowsPerSecond', 'initialJsGzipKB', 'firstChartMs', 'warmUpMs']));
  fs.rmSync(dir, { recursive: true, force: true });
}, 900_000);
