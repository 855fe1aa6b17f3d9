import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeeded } from '../../seeds';
import { Catalog } from '../../server/catalog/catalog';
import type { Db } from '../../server/db/connection';
import { importFile } from '../../server/import/importer';
import { testDatabases } from '../helpers/databases';
import { csv, participationRow } from '../helpers/import-files';

/*
 * What the database itself refuses, whatever the importer let through: on SQLite by foreign keys, on
 * PostgreSQL by the set-based checks that replaced them (migration 005): a fact whose code is missing
 * from its reference table, and deleting or re-keying a reference row facts still use. And the import
 * pipeline: rows are written while later ones are still being checked, so a bad row in a late batch, or a
 * refusal by the database in the last one, must leave nothing behind.
 */

const FOREIGN_KEY = /^(23503|SQLITE_CONSTRAINT_FOREIGNKEY)$/;
const by = { userId: null, username: 'references-test' };

describe.each(testDatabases())('references of facts on $id', (engine) => {
  let database: Awaited<ReturnType<typeof engine.create>>;
  let db: Db;
  let catalog: Catalog;

  /** Every stored fact and its groups, to prove "nothing changed". */
  const everything = async () => {
    const counts = await Promise.all(['participation', 'participation_target_group', 'consultation', 'dataset', 'import_replaced_row'].map((t) => db(t).count({ n: '*' })));
    return JSON.stringify(counts.map((c) => Number(c[0].n)));
  };
  const refused = async (work: Promise<unknown>) => {
    const error = (await work.then(() => undefined, (e: unknown) => e)) as { code?: string } | undefined;
    expect(error, 'the database accepted it').toBeDefined();
    expect(String(error!.code)).toMatch(FOREIGN_KEY);
  };
  const fileOf = (prefix: string, n: number, last: Record<string, string> = {}) =>
    csv('participation', Array.from({ length: n }, (_, i) => participationRow(i, { record_id: `${prefix}-${i}`, person_key: `${prefix.toLowerCase()}person${String(i).padStart(8, '0')}`, ...(i === n - 1 ? last : {}) })));

  beforeAll(async () => {
    database = await engine.create();
    db = database.db;
    await ensureSeeded(db);
    catalog = await Catalog.load(db);
  }, 120_000);
  afterAll(() => database?.drop());

  it('a code the importer accepts but the reference table lacks, in the last batch: refused by the database, nothing written', async () => {
    const before = await everything();
    // A catalog that knows a programme the database does not (as a stale one might).
    const stale = await Catalog.load(db);
    stale.programmes.set('GHOST', { ...stale.programmes.get('DIVERSITY')!, code: 'GHOST' });
    const error = await importFile({ db, catalog: stale }, { kind: 'participation', bytes: Buffer.from(fileOf('G', 12_001, { programme: 'GHOST' })), fileName: 'ghost.csv', by }).catch((e: unknown) => e);
    expect(String((error as { code?: string }).code)).toMatch(FOREIGN_KEY);
    expect(await everything()).toBe(before);
    expect(await db('participation').where('record_id', 'like', 'G-%').count({ n: '*' }).then((r) => Number(r[0].n))).toBe(0);
  }, 120_000);

  it('bad rows in late batches, after earlier batches were written: every one reported, nothing written; the next file goes in', async () => {
    const before = await everything();
    const sequence = async () => (engine.id === 'postgres' ? Number((await db.raw("SELECT last_value FROM participation_id_seq")).rows[0].last_value) : 0);
    const drawn = await sequence();
    const rows = Array.from({ length: 17_000 }, (_, i) =>
      participationRow(i, { record_id: `L-${i}`, person_key: `lateperson${String(i).padStart(8, '0')}`, ...(i === 11_000 || i === 16_999 ? { gender: 'Q' } : {}) }),
    );
    const result = await importFile({ db, catalog }, { kind: 'participation', bytes: Buffer.from(csv('participation', rows)), fileName: 'late.csv', by });
    expect(result).toEqual({
      status: 'rejected',
      errorCount: 2,
      errors: [
        { row: 11_002, column: 'gender', message: '"Q" is not one of F, M, X' },
        { row: 17_001, column: 'gender', message: '"Q" is not one of F, M, X' },
      ],
    });
    expect(await everything()).toBe(before);
    // The first two batches had gone to PostgreSQL (their ids drawn) before the bad row was read.
    if (engine.id === 'postgres') expect(await sequence()).toBeGreaterThanOrEqual(drawn + 10_000);

    const good = await importFile({ db, catalog }, { kind: 'participation', bytes: Buffer.from(fileOf('N', 11_000)), fileName: 'next.csv', by });
    expect(good).toMatchObject({ status: 'imported', rows: 11_000, replaced: 0 });
    expect(await db('dataset').where({ id: (good as { dataset: string }).dataset }).first('row_count')).toEqual({ row_count: 11_000 });
  }, 120_000);

  it('facts with codes missing from the reference tables are refused', async () => {
    const dataset = 'demo';
    const fact = { dataset_id: dataset, record_id: 'REF-1', person_key: 'referenceperson1', programme_code: 'DIVERSITY', institution_code: 'VERTE', region_code: '0031000', entry_date: '2022-01-01', outcome: 'ONGOING', gender: 'F', age_band: '45-54' };
    await refused(db('participation').insert({ ...fact, programme_code: 'NOPE' }));
    await refused(db('participation').insert({ ...fact, institution_code: 'NOPE' }));
    await refused(db('participation').insert({ ...fact, region_code: 'NOPE' }));
    await refused(db('participation').insert({ ...fact, dataset_id: 'NOPE' }));
    await refused(db('consultation').insert({ dataset_id: dataset, record_id: 'REF-C', person_key: 'referenceperson1', programme_code: 'EX_PRISONERS', institution_code: 'NVA', site_code: 'NOPE', date: '2023-01-01', stage: 'PRE_RELEASE', format: 'GROUP', mode: 'ONLINE' }));
    const [{ id }] = await db('participation').insert(fact).returning('id');
    await refused(db('participation_target_group').insert({ participation_id: id, target_group_code: 'NOPE' }));
    await refused(db('participation').where({ id }).update({ programme_code: 'NOPE' }));
    // A target group of a participation row that does not exist (on PostgreSQL a set-based check since migration 006).
    await refused(db('participation_target_group').insert({ participation_id: id + 1_000_000, target_group_code: 'PRISONERS' }));
    await refused(db('participation_target_group').insert([{ participation_id: id, target_group_code: 'PRISONERS' }, { participation_id: -1, target_group_code: 'PRISONERS' }]));
    // Re-keying a participation row that has target groups is refused; deleting it takes its target groups along.
    await db('participation_target_group').insert({ participation_id: id, target_group_code: 'PRISONERS' });
    await refused(db('participation').where({ id }).update({ id: id + 1_000_000 }));
    await refused(db('participation_target_group').where({ participation_id: id }).update({ participation_id: id + 1_000_000 }));
    await db('participation').where({ id }).delete();
    expect(await db('participation_target_group').where({ participation_id: id }).count({ n: '*' }).then((r) => Number(r[0].n))).toBe(0);
  });

  it.runIf(engine.id === 'postgres')('a target group locks its participation row against other transactions until it commits, as the foreign key did; TRUNCATE is refused while target groups exist', async () => {
    const fact = { dataset_id: 'demo', record_id: 'LOCK-1', person_key: 'lockperson1', programme_code: 'DIVERSITY', institution_code: 'VERTE', region_code: '0031000', entry_date: '2022-01-01', outcome: 'ONGOING', gender: 'F', age_band: '45-54' };
    const [{ id }] = await db('participation').insert(fact).returning('id');
    const adding = await db.transaction();
    await adding('participation_target_group').insert({ participation_id: id, target_group_code: 'PRISONERS' });
    // Another transaction cannot delete the row meanwhile: it waits for the lock (here: gives up after 300 ms).
    const deleting = await db.transaction();
    await deleting.raw("SET LOCAL lock_timeout = '300ms'");
    const error = (await deleting('participation').where({ id }).delete().then(() => undefined, (e: unknown) => e)) as { code?: string } | undefined;
    expect(error?.code, 'the delete did not wait for the lock').toBe('55P03');
    await deleting.rollback();
    await adding.commit();
    // Once committed, the delete goes through and takes the new target group with it.
    await db('participation').where({ id }).delete();
    expect(await db('participation_target_group').where({ participation_id: id }).count({ n: '*' }).then((r) => Number(r[0].n))).toBe(0);

    const truncate = (await db.raw('TRUNCATE participation').then(() => undefined, (e: unknown) => e)) as { code?: string } | undefined;
    expect(truncate?.code).toBe('0A000');
    expect(Number((await db('participation').count({ n: '*' }))[0].n)).toBeGreaterThan(0);
  });

  it('reference rows that facts use cannot be deleted or re-keyed; unused ones can', async () => {
    // A programme and a target group only facts refer to (the reference data's own keys would refuse first).
    await db('programme').insert({ code: 'REF_ONLY', name_lv: 'x', name_en: 'x', operator_code: 'VERTE' });
    await db('target_group').insert({ code: 'REF_ONLY', name_lv: 'x', name_en: 'x' });
    await db('dataset').insert({ id: 'ref-test', kind: 'import', synthetic: false, fact: 'participation', description: 'x', row_count: 1, loaded_at: '2026-01-01T00:00:00.000Z' });
    const [{ id }] = await db('participation')
      .insert({ dataset_id: 'ref-test', record_id: 'REF-2', person_key: 'referenceperson2', programme_code: 'REF_ONLY', institution_code: 'VERTE', region_code: '0031000', entry_date: '2022-01-01', outcome: 'ONGOING', gender: 'F', age_band: '45-54' })
      .returning('id');
    await db('participation_target_group').insert({ participation_id: id, target_group_code: 'REF_ONLY' });

    await refused(db('programme').where({ code: 'REF_ONLY' }).delete());
    await refused(db('programme').where({ code: 'REF_ONLY' }).update({ code: 'REF_MOVED' }));
    await refused(db('target_group').where({ code: 'REF_ONLY' }).delete());
    await refused(db('target_group').where({ code: 'REF_ONLY' }).update({ code: 'REF_MOVED' }));
    await refused(db('dataset').where({ id: 'ref-test' }).delete());
    await refused(db('dataset').where({ id: 'ref-test' }).update({ id: 'ref-moved' }));
    // Changing what is not a key is fine (an import's closing update of its row count, say).
    await db('programme').where({ code: 'REF_ONLY' }).update({ name_en: 'renamed' });
    await db('dataset').where({ id: 'ref-test' }).update({ row_count: 2 });

    // Once no fact refers to them, they go (the target group row goes with its participation row).
    await db('participation').where({ id }).delete();
    expect(await db('participation_target_group').where({ participation_id: id }).count({ n: '*' }).then((r) => Number(r[0].n))).toBe(0);
    await db('dataset').where({ id: 'ref-test' }).delete();
    await db('programme').where({ code: 'REF_ONLY' }).delete();
    await db('target_group').where({ code: 'REF_ONLY' }).delete();
  });
});
