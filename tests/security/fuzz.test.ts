import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateInput } from '../helpers/arbitraries';
import { testDatabases, type EngineId } from '../helpers/databases';
import { gql, startTestServer, type TestServer } from '../helpers/server';
import { invalidAggregateInput } from './invalid-inputs';

/*
 * Property tests over HTTP: random invalid queries are refused with BAD_USER_INPUT, random anything is
 * never a 5xx, and random valid exports are the same file on SQLite and PostgreSQL. Fixed seeds, so a
 * failure reproduces; fast-check prints the smallest failing input.
 */

const RUNS = 100;
const AGGREGATE = 'query ($q: AggregateInput!) { aggregate(query: $q) { totals { value } } }';
const LEAK = /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|knex|sqlite|postgres|stacktrace/i;

const engines = testDatabases().map((d) => d.id);
const servers = {} as Record<EngineId, TestServer>;
beforeAll(async () => {
  await Promise.all(engines.map(async (id) => (servers[id] = await startTestServer({ engine: id }))));
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

async function exportFile(id: EngineId, params: Record<string, string>) {
  const response = await fetch(`${servers[id].baseUrl}/api/export?${new URLSearchParams(params)}`);
  return { status: response.status, text: await response.text() };
}

/** Parameters as a client might garble them: valid values, near misses and noise. */
const exportParams = fc.record(
  {
    format: fc.oneof(fc.constantFrom('csv', 'json', 'xlsx', 'datapackage', 'zip'), fc.constantFrom('CSV', 'pdf', '../csv', ''), fc.string({ maxLength: 20 })),
    lang: fc.oneof(fc.constantFrom('lv', 'en', 'LV', 'En'), fc.string({ maxLength: 10 })),
    query: fc.oneof(
      aggregateInput.map((q) => JSON.stringify(q)),
      invalidAggregateInput.map((q) => JSON.stringify(q)),
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 200 }),
    ),
  },
  { requiredKeys: [] },
);

describe.each(engines)('fuzzing on %s', (id) => {
  it(`${RUNS} invalid AggregateInputs → 400 BAD_USER_INPUT naming the field`, async () => {
    await fc.assert(
      fc.asyncProperty(invalidAggregateInput, async (q) => {
        const { status, body } = await gql(servers[id].baseUrl, AGGREGATE, { q });
        expect(status).toBe(400);
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
        expect(body.errors![0].message).not.toMatch(LEAK);
      }),
      { numRuns: RUNS, seed: 9 },
    );
  });

  it(`${RUNS} arbitrary JSON values as the query → an answer or 400 BAD_USER_INPUT, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (q) => {
        const { status, body } = await gql(servers[id].baseUrl, AGGREGATE, { q });
        expect([200, 400]).toContain(status);
        if (status === 400) expect(body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      }),
      { numRuns: RUNS, seed: 10 },
    );
  });

  it(`${RUNS} random export parameters → a file or a 400 naming the parameter, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(exportParams, async (params) => {
        const { status, text } = await exportFile(id, params as Record<string, string>);
        expect([200, 400]).toContain(status);
        if (status === 400) {
          const body = JSON.parse(text);
          expect(['BAD_REQUEST', 'BAD_USER_INPUT']).toContain(body.error);
          expect(body.message.startsWith(`${body.field}: `)).toBe(true);
          expect(text).not.toMatch(LEAK);
        }
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });
});

describe.skipIf(!engines.includes('postgres'))('random valid exports are the same on SQLite and PostgreSQL', () => {
  it(`${RUNS} random queries as CSV and JSON, in Latvian and English`, async () => {
    const valid = fc.record({ format: fc.constantFrom('csv', 'json'), lang: fc.constantFrom('lv', 'en'), query: aggregateInput.map((q) => JSON.stringify(q)) });
    await fc.assert(
      fc.asyncProperty(valid, async (params) => {
        const [a, b] = await Promise.all([exportFile('sqlite', params), exportFile('postgres', params)]);
        expect(a.status).toBe(200);
        expect(b.status).toBe(200);
        // A JSON export's metadata names its server (origin, permalink) and time; the data must be equal.
        const data = (text: string) => (params.format === 'json' ? JSON.stringify({ ...JSON.parse(text), metadata: undefined }) : text);
        expect(data(b.text)).toBe(data(a.text));
      }),
      { numRuns: RUNS, seed: 12 },
    );
  });
});
