import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLatest, migrateRollbackAll } from '../../server/db/connection';
import { loadReferenceData } from '../../seeds/load-reference';
import { testDatabases } from '../helpers/databases';

const TABLES = ['app_user', 'user_institution', 'session', 'import_replaced_row', 'audit_log', 'planning_region', 'region', 'institution', 'programme', 'target_group', 'esf_indicator', 'dataset', 'participation', 'participation_target_group', 'consultation', 'published_figure', 'kpi_target'];

describe.each(testDatabases())('migrations and reference data on $id', (engine) => {
  let database: Awaited<ReturnType<typeof engine.create>>;
  beforeAll(async () => {
    database = await engine.create();
  });
  afterAll(() => database?.drop());

  it('migrates up, down and up again', async () => {
    const { db } = database;
    await migrateLatest(db);
    for (const t of TABLES) expect(await db.schema.hasTable(t), t).toBe(true);
    await migrateRollbackAll(db);
    for (const t of TABLES) expect(await db.schema.hasTable(t), t).toBe(false);
    await migrateLatest(db);
    for (const t of TABLES) expect(await db.schema.hasTable(t), t).toBe(true);
  });

  it('loads the reference data once', async () => {
    expect(await loadReferenceData(database.db)).toBe(true);
    expect(await loadReferenceData(database.db)).toBe(false);
  });

  const validOn = async (date: string) => {
    const rows = await database.db('region').where('valid_from', '<=', date).andWhere((q) => q.whereNull('valid_to').orWhere('valid_to', '>=', date)).select('code');
    return rows.map((r) => r.code as string);
  };

  it('has 43 municipalities on 2021-07-01 and 42 from 2025-07-01, when Varakļānu joined Madonas', async () => {
    expect(await validOn('2021-07-01')).toHaveLength(43);
    const after = await validOn('2025-07-01');
    expect(after).toHaveLength(42);
    expect(after).not.toContain('0055000');
    const varaklani = await database.db('region').where({ code: '0055000' }).first();
    expect(varaklani).toMatchObject({ name_lv: 'Varakļānu novads', successor_code: '0038000', rollup_code: '0038000' });
  });

  it('has 119 municipalities before the 2021 reform', async () => {
    expect(await validOn('2021-06-30')).toHaveLength(119);
  });

  it('puts every municipality in exactly one of 5 planning regions', async () => {
    const regions = await database.db('planning_region').select('code');
    expect(regions.map((r) => r.code).sort()).toEqual(['KURZEME', 'LATGALE', 'RIGA', 'VIDZEME', 'ZEMGALE']);
    const orphans = await database.db('region').whereNull('planning_region_code').orWhereNotIn('planning_region_code', regions.map((r) => r.code));
    expect(orphans).toEqual([]);
  });

  it('rolls Viesītes novads (LV-107, ATVK 0561800) up to Jēkabpils novads 0031000', async () => {
    const viesite = await database.db('region').where({ code: 'LV-107' }).first();
    expect(viesite).toMatchObject({ alt_code: '0561800', name_lv: 'Viesītes novads', successor_code: '0031000', rollup_code: '0031000', planning_region_code: 'ZEMGALE' });
    const jekabpils = await database.db('region').where({ code: '0031000' }).first();
    expect(jekabpils.name_lv).toBe('Jēkabpils novads');
  });

  it('keeps the published figures with their Latvian quotes', async () => {
    const figures = await database.db('published_figure').orderBy('id');
    expect(figures).toHaveLength(9);
    expect(figures.find((f) => f.id === 'NVA_CONSULTED_TOTAL')).toMatchObject({ value: 3577, qualifier: 'exact', quote: expect.stringContaining('ieslodzītie') });
  });
});
