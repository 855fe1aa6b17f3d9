import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabase } from '../helpers/databases';
import { readMetrics } from '../helpers/metrics';
import { DASHBOARD_MIX, uncachedQuestion } from './dashboard-mix';
import { spawnServer, waitForStatus, type ServerProcess } from './server-process';

/*
 * Load on the real server process over loopback. In CI a short run (LOAD_SECONDS=5, LOAD_CONNECTIONS=20);
 * `npm run test:load` runs the full one (30 s, 50 connections). The event-loop delay is read from the
 * server's /metrics and printed, not asserted: at saturation it measures the queue of answers being written,
 * and a timing on a shared CI machine proves nothing either way (`npm run bench` measures it at a steady rate).
 */

const SECONDS = Number(process.env.LOAD_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20);
const MB = 1024 * 1024;
/** Far above what this server needs (about 200 MB); a leak under load crosses it. */
const MAX_RSS = 1024 * MB;
/**
 * The heap cap a deployment sets (docs/deployment.md). Left alone on this 24 GB machine, V8 lets garbage
 * pile up to 500 MB and more under this load before it collects (seen at the end of some runs: RSS 926 MB,
 * heap 553 MB, and 52 MB in the next run), which says nothing about leaks; with the cap it collects sooner,
 * and a leak fails the test by running out of heap (the process exits) or by crossing MAX_RSS.
 */
const HEAP_CAP_MB = 512;

const post = (body: string) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body });

describe.each(testDatabases())('load on $id', (engine: TestDatabase) => {
  let database: Awaited<ReturnType<TestDatabase['create']>>;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await engine.create();
    server = await spawnServer(database.url, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_CAP_MB}`.trim() });
    await waitForStatus(server, '/readyz', 200, 120_000);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it(`${CONNECTIONS} connections for ${SECONDS} s of dashboard queries: no errors, bounded memory`, async () => {
    let graphqlErrors = 0;
    const result = await autocannon({
      url: server.baseUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: DASHBOARD_MIX.map((call) => ({ ...post(call.body), onResponse: (_status: number, body: string) => void (body.startsWith('{"errors"') && graphqlErrors++) })),
    });
    const metrics = await readMetrics(server.baseUrl);
    console.log(
      `load on ${engine.id}: ${result.requests.total} requests in ${result.duration} s (${Math.round(result.requests.average)}/s), ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
        `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${graphqlErrors}; ` +
        `event-loop delay max ${(metrics.im_event_loop_delay_max_seconds * 1000).toFixed(0)} ms, p99 ${(metrics.im_event_loop_delay_p99_seconds * 1000).toFixed(0)} ms; ` +
        `RSS ${(metrics.process_resident_memory_bytes / MB).toFixed(0)} MB, heap ${(metrics.nodejs_heap_used_bytes / MB).toFixed(0)} MB`,
    );
    expect(result.requests.total).toBeGreaterThan(0);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphqlErrors }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, graphqlErrors: 0 });
    expect(metrics.process_resident_memory_bytes).toBeLessThan(MAX_RSS);
    expect(server.child.exitCode).toBeNull();
  }, (SECONDS + 60) * 1000);

  it('overload beyond capacity is shed with 503 and Retry-After, and the server carries on', async () => {
    // A replica of small capacity (4 requests at once, 50 ms of event-loop lag), hit by many connections
    // asking what no cache has seen: SQLite's work is synchronous and shows as lag, PostgreSQL's as requests in flight.
    const small = await spawnServer(database.url, { MAX_IN_FLIGHT: '4', MAX_EVENT_LOOP_DELAY_MS: '50' });
    try {
      await waitForStatus(small, '/readyz', 200, 120_000);
      let n = 0;
      const retryAfter = new Set<string>();
      const healthDuringOverload: number[] = [];
      const overload = autocannon({
        url: small.baseUrl,
        connections: 64,
        duration: 3,
        requests: [{ ...post(''), setupRequest: (request) => ({ ...request, body: uncachedQuestion(n++) }), onResponse: (status, _body, _context, headers) => void (status === 503 && retryAfter.add(String(headers?.['retry-after']))) }],
      });
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        healthDuringOverload.push((await fetch(`${small.baseUrl}/healthz`)).status);
      }
      const result = await overload;
      const byStatus = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, s]) => [status, s.count]));
      console.log(`overload on ${engine.id} (MAX_IN_FLIGHT=4, MAX_EVENT_LOOP_DELAY_MS=50, 64 connections): ${JSON.stringify(byStatus)}, errors ${result.errors}, shed total ${(await readMetrics(small.baseUrl)).im_http_requests_shed_total}`);

      expect(Object.keys(byStatus).sort()).toEqual(['200', '503']);
      expect(byStatus['503']).toBeGreaterThan(0);
      expect([...retryAfter]).toEqual(['2']);
      expect(result.errors).toBe(0);
      expect(healthDuringOverload).toEqual([200, 200, 200, 200, 200]);
      expect(small.child.exitCode).toBeNull();
      // As the answers said: retry after 2 s, and it is answered.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = await fetch(`${small.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: DASHBOARD_MIX[0].body });
      expect(after.status).toBe(200);
    } finally {
      await small.stop();
    }
  }, 120_000);
});
