import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics } from '../../server/analytics/aggregate';
import { loadSnapshot } from '../../server/analytics/memory/snapshot';
import { planQuery } from '../../server/analytics/plan';
import { Catalog } from '../../server/catalog/catalog';
import type { AggregateInput } from '../../server/schema/generated/resolvers-types';
import { ensureSeeded } from '../../seeds';
import { aggregateInput } from '../helpers/arbitraries';
import { testDatabases } from '../helpers/databases';

/** The in-memory rollup must give exactly what SQL gives, for every query it answers. */
const TABLE: AggregateInput[] = [
  { measures: ['PARTICIPANTS', 'NEW_PARTICIPANTS', 'REINTEGRATED', 'REINTEGRATION_RATE', 'CONSULTATIONS', 'CONSULTED_PERSONS', 'CONSULTATION_SITES'], dimensions: ['YEAR'] },
  { measures: ['PARTICIPANTS', 'REINTEGRATED'], dimensions: ['MUNICIPALITY', 'QUARTER'], filter: { from: '2020-09-01', to: '2021-08-31' } },
  { measures: ['PARTICIPANTS'], dimensions: ['MUNICIPALITY', 'MONTH'], boundaries: 'AS_RECORDED', filter: { regions: ['ZEMGALE'], from: '2021-03-15', to: '2021-09-20' } },
  { measures: ['PARTICIPANTS', 'NEW_PARTICIPANTS'], dimensions: ['TARGET_GROUP', 'GENDER', 'AGE_BAND'], filter: { regions: ['LATGALE'] } },
  { measures: ['PARTICIPANTS'], dimensions: ['TARGET_GROUP'], filter: { targetGroups: ['DISCRIMINATION_RISK'] } },
  { measures: ['PARTICIPANTS'], dimensions: ['OUTCOME', 'DATASET', 'INSTITUTION', 'PROGRAMME'], filter: { targetGroups: ['AGE_50_PLUS'], genders: ['F'] } },
  { measures: ['CONSULTATIONS', 'CONSULTED_PERSONS', 'CONSULTATION_SITES'], dimensions: ['SITE', 'CONSULTATION_STAGE', 'YEAR'] },
  { measures: ['CONSULTATIONS'], dimensions: ['MUNICIPALITY', 'PLANNING_REGION', 'CONSULTATION_FORMAT', 'CONSULTATION_MODE'], filter: { regions: ['RIGA', 'ZEMGALE'], sites: ['RCC', 'JEL', 'JEK'] } },
  { measures: ['PARTICIPANTS', 'REINTEGRATED'], filter: { institutions: ['VERTE'], regions: ['0031000'], from: '2020-09-01', to: '2021-05-01' } },
];

describe.each(testDatabases())('the in-memory rollup and SQL agree on $id', (engine) => {
  let database: Awaited<ReturnType<typeof engine.create>>;
  let analytics: Analytics;
  beforeAll(async () => {
    database = await engine.create();
    await ensureSeeded(database.db);
    analytics = new Analytics(database.db, await Catalog.load(database.db), { suppressionThreshold: 5 });
  });
  afterAll(() => database?.drop());

  const both = async (input: AggregateInput, own?: string[]) => {
    const state = await analytics.dataState();
    const plan = planQuery(input, analytics.catalog, new Set(state.datasets.map((d) => d.id)));
    const [memory, sql] = await Promise.all([analytics.exact(plan, state, own, 'memory'), analytics.exact(plan, state, own, 'sql')]);
    return { memory, sql };
  };

  it('loads the rollup', async () => {
    const store = await analytics.rollup.get((await analytics.dataState()).version);
    expect(store?.participation.n).toBe(Number((await database.db('participation').count({ n: '*' }))[0].n));
    expect(store?.consultation.n).toBe(Number((await database.db('consultation').count({ n: '*' }))[0].n));
  });

  it('saves the rollup as a snapshot of the data version, which a new server loads as it was', async () => {
    const version = (await analytics.dataState()).version;
    const built = await analytics.rollup.get(version);
    const saved = await loadSnapshot(database.db, version);
    expect(saved).toEqual(built);
    expect(await loadSnapshot(database.db, `${version}|another import`)).toBeUndefined();
  });

  it.each(TABLE.map((q) => [JSON.stringify(q), q] as const))('%s', async (_name, input) => {
    const { memory, sql } = await both(input);
    expect(sql.rows.length + Object.keys(sql.totals).length).toBeGreaterThan(0);
    expect(memory).toEqual(sql);
  });

  it('for a manager (cells fed by others are counted the same way)', async () => {
    for (const own of [['VERTE'], ['SIF', 'VERTE'], ['IEVP', 'RCC', 'JEK'], ['NVA']]) {
      const { memory, sql } = await both(TABLE[0], own);
      expect(memory).toEqual(sql);
    }
  });

  it('for random queries', async () => {
    await fc.assert(
      fc.asyncProperty(aggregateInput, async (input) => {
        const { memory, sql } = await both(input);
        expect(memory).toEqual(sql);
      }),
      { numRuns: 60, seed: 99 },
    );
  });
});
