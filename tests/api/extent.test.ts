import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics } from '../../server/analytics/aggregate';
import { dialectOf } from '../../server/analytics/dialects';
import { readExtent, type ReadRows } from '../../server/analytics/data-state';
import { storeExtent } from '../../server/analytics/memory/columns';
import { Catalog } from '../../server/catalog/catalog';
import { ensureSeeded } from '../../seeds';
import { testDatabases } from '../helpers/databases';

/*
 * The data's first and last dates (the default period of a question that names none) come from the
 * in-memory rollup's columns when it is loaded, and from SQL otherwise: the two must agree, for the demo data
 * and when the extremes are an open episode, an exit after every entry and a consultation before everything.
 */
describe.each(testDatabases())('the data extent on $id', (engine) => {
  let database: Awaited<ReturnType<typeof engine.create>>;
  let analytics: Analytics;
  let read: ReadRows;
  beforeAll(async () => {
    database = await engine.create();
    await ensureSeeded(database.db);
    analytics = new Analytics(database.db, await Catalog.load(database.db), { suppressionThreshold: 5, scanThreads: 0 });
    read = async (sql, bindings) => dialectOf(database.db).rows(await database.db.raw(sql, bindings as never));
  });
  afterAll(async () => {
    await analytics?.close();
    await database?.drop();
  });

  const bothExtents = async () => {
    const store = await analytics.rollup.get((await analytics.dataState()).version);
    return { memory: store && storeExtent(store), sql: await readExtent(database.db, read) };
  };

  it('is the same from the columns as by SQL for the demo data', async () => {
    const { memory, sql } = await bothExtents();
    expect(sql).toBeDefined();
    expect(memory).toEqual(sql);
  });

  it('is the same when an exit, an open episode and a consultation hold the extremes', async () => {
    const db = database.db;
    await db('dataset').insert({ id: 'extremes', kind: 'import', synthetic: true, fact: 'participation', description: 'test', row_count: 3, loaded_at: new Date().toISOString() });
    const { id: _p, ...episode } = await db('participation').first();
    const { id: _c, ...consultation } = await db('consultation').first();
    await db('participation').insert([
      { ...episode, dataset_id: 'extremes', record_id: 'X-1', entry_date: '2024-01-10', exit_date: '2031-02-03', outcome_date: null },
      { ...episode, dataset_id: 'extremes', record_id: 'X-2', entry_date: '2030-05-06', exit_date: null, outcome_date: null },
    ]);
    await db('consultation').insert({ ...consultation, dataset_id: 'extremes', record_id: 'X-3', date: '2001-07-08' });

    const { memory, sql } = await bothExtents();
    expect(sql).toEqual({ from: '2001-07-08', to: '2031-02-03' });
    expect(memory).toEqual(sql);
  });
});
