import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateInput } from '../helpers/arbitraries';
import { testDatabases } from '../helpers/databases';
import { gql, startTestServer, type TestServer } from '../helpers/server';

const AGGREGATE = `query ($q: AggregateInput!, $lang: Lang) { aggregate(query: $q, lang: $lang) {
  rows { dimensions { dimension code label } measures { measure value suppressed } }
  totals { measure value suppressed } suppressedCells truncated synthetic sources { id } from to } }`;

const ALL_MEASURES = ['PARTICIPANTS', 'NEW_PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE', 'CONSULTATIONS', 'CONSULTED_PERSONS', 'CONSULTATION_SITES'];

/** A table of representative dashboard questions: every measure, several dimension combinations and filters. */
const QUERIES: [string, unknown][] = [
  ['every measure, by year', { measures: ALL_MEASURES, dimensions: ['YEAR'] }],
  ['every measure, by programme and quarter of 2021', { measures: ALL_MEASURES, dimensions: ['PROGRAMME', 'QUARTER'], filter: { from: '2021-01-01', to: '2021-12-31' } }],
  ['every measure by planning region, 2020', { measures: ALL_MEASURES, dimensions: ['PLANNING_REGION'], filter: { from: '2020-01-01', to: '2020-12-31' } }],
  ['participants and rate by municipality in 2021', { measures: ['PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['MUNICIPALITY'], filter: { from: '2021-01-01', to: '2021-12-31' } }],
  ['as recorded, by month around the reform', { measures: ['PARTICIPANTS', 'NEW_PARTICIPANTS'], dimensions: ['MUNICIPALITY', 'MONTH'], boundaries: 'AS_RECORDED', filter: { regions: ['ZEMGALE'], from: '2021-04-01', to: '2021-09-30' } }],
  ['target group × gender for a planning region', { measures: ['PARTICIPANTS', 'REINTEGRATED'], dimensions: ['TARGET_GROUP', 'GENDER'], filter: { regions: ['LATGALE'] } }],
  ['age band × outcome for DIVERSITY', { measures: ['NEW_PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['AGE_BAND', 'OUTCOME'], filter: { programmes: ['DIVERSITY'] } }],
  ['consultations by prison and stage per year', { measures: ['CONSULTATIONS', 'CONSULTED_PERSONS'], dimensions: ['SITE', 'CONSULTATION_STAGE', 'YEAR'] }],
  ['consultations by format and mode, online only', { measures: ['CONSULTATIONS'], dimensions: ['CONSULTATION_FORMAT', 'CONSULTATION_MODE'], filter: { modes: ['ONLINE'] } }],
  ['by institution and dataset, ordered', { measures: ['PARTICIPANTS'], dimensions: ['INSTITUTION', 'DATASET'], orderBy: [{ measure: 'PARTICIPANTS', direction: 'DESC' }] }],
  ['in Latvian, ranked, limited', { measures: ['PARTICIPANTS'], dimensions: ['MUNICIPALITY'], orderBy: [{ measure: 'PARTICIPANTS', direction: 'DESC' }], limit: 5 }],
];

const pgAvailable = testDatabases().some((d) => d.id === 'postgres');
if (!pgAvailable) console.warn('*** engines-agree: PostgreSQL not configured, comparison SKIPPED ***');

// From the in-memory rollup of each database, and from SQL (on SQLite run by its reader process).
describe.skipIf(!pgAvailable).each(['memory', 'sql'])('SQLite and PostgreSQL return identical results (ANALYTICS_ENGINE=%s)', (analyticsEngine) => {
  let sqlite: TestServer;
  let postgres: TestServer;
  beforeAll(async () => {
    const env = { ANALYTICS_ENGINE: analyticsEngine };
    [sqlite, postgres] = await Promise.all([startTestServer({ engine: 'sqlite', env }), startTestServer({ engine: 'postgres', env })]);
  });
  afterAll(async () => {
    await Promise.all([sqlite?.close(), postgres?.close()]);
  });

  const both = async (q: unknown, lang = 'EN') => {
    const [a, b] = await Promise.all([gql(sqlite.baseUrl, AGGREGATE, { q, lang }), gql(postgres.baseUrl, AGGREGATE, { q, lang })]);
    return [a.body, b.body];
  };

  it.each(QUERIES)('%s', async (_name, q) => {
    for (const lang of ['EN', 'LV']) {
      const [a, b] = await both(q, lang);
      expect(a.errors).toBeUndefined();
      expect(a.data.aggregate.rows.length + a.data.aggregate.totals.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }
  });

  it('for random queries', async () => {
    await fc.assert(
      fc.asyncProperty(aggregateInput, async (q) => {
        const [a, b] = await both(q);
        expect(a.errors).toBeUndefined();
        expect(b).toEqual(a);
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});
