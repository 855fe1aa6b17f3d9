import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics } from '../../server/analytics/aggregate';
import { loadSnapshot } from '../../server/analytics/memory/snapshot';
import { ScanPool } from '../../server/analytics/memory/pool';
import { scanFact } from '../../server/analytics/memory/scan';
import { buckets } from '../../server/analytics/periods';
import { MEASURES } from '../../server/analytics/model';
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
    // On SQLite its SQL runs in a reader process, as in the server.
    analytics = new Analytics(database.db, await Catalog.load(database.db), { suppressionThreshold: 5, scanThreads: 2, sqliteReadProcesses: 1 });
  });
  afterAll(async () => {
    await analytics?.close();
    await database?.drop();
  });

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

  it('whether counted in worker threads by person ranges or on one thread', async () => {
    const state = await analytics.dataState();
    const store = (await analytics.rollup.get(state.version))!;
    const known = new Set(state.datasets.map((d) => d.id));
    // Three workers: odd splits, with ranges that must not cut a person's rows apart.
    const failures: unknown[] = [];
    const pools = [new ScanPool(0), new ScanPool(3, (error) => failures.push(error))];
    try {
      for (const input of TABLE) {
        const plan = planQuery(input, analytics.catalog, known);
        const { from, to } = await analytics.exact(plan, state);
        for (const fact of plan.facts) {
          const q = { dimensions: plan.dimensions, buckets: buckets(from, to, plan.grain), from, to, boundaries: plan.boundaries, filters: plan.filters, fact, measures: plan.computed.filter((m) => MEASURES[m].fact === fact) };
          const [inline, parallel] = await Promise.all(pools.map((pool) => scanFact(store, analytics.catalog, q, pool)));
          expect(parallel).toEqual(inline);
        }
      }
      // Nothing fell back to the main thread: the workers counted every range.
      expect(failures).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });

  it('when a scan worker fails: its rows are counted on the main thread and the failure reported', async () => {
    const failures: unknown[] = [];
    const failing = new Analytics(database.db, analytics.catalog, {
      suppressionThreshold: 5,
      scanThreads: 2,
      scanWorker: new URL('../helpers/failing-scan-worker.mjs', import.meta.url),
      onRollupError: (error) => failures.push(error),
    });
    try {
      const state = await failing.dataState();
      const plan = planQuery(TABLE[1], failing.catalog, new Set(state.datasets.map((d) => d.id)));
      expect(await failing.exact(plan, state, undefined, 'memory')).toEqual(await analytics.exact(plan, state, undefined, 'sql'));
      expect(failures.length).toBeGreaterThan(0);
      expect(String(failures[0])).toMatch(/scan worker/);
    } finally {
      await failing.close();
    }
  });

  it.runIf(engine.id === 'sqlite')('SQL in a reader process gives exactly what SQL on the pool connection gives', async () => {
    const inThread = new Analytics(database.db, analytics.catalog, { suppressionThreshold: 5 });
    try {
      const state = await analytics.dataState();
      const known = new Set(state.datasets.map((d) => d.id));
      const agree = async (input: AggregateInput) => {
        const plan = planQuery(input, analytics.catalog, known);
        const [reader, pool] = await Promise.all([analytics.exact(plan, state, undefined, 'sql'), inThread.exact(plan, state, undefined, 'sql')]);
        expect(reader).toEqual(pool);
      };
      for (const input of TABLE) await agree(input);
      await fc.assert(fc.asyncProperty(aggregateInput, agree), { numRuns: 40, seed: 7 });
    } finally {
      await inThread.close();
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
