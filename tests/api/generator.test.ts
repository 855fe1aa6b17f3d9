import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import type { Db } from '../../server/db/connection';
import { ensureSeeded, seedDemoData } from '../../seeds';
import { testDatabases, type TestDatabase } from '../helpers/databases';

/*
 * The demo data on each database: every published figure by plain SQL (written out here, independent
 * of the product's query builder), the invariants of the data model, determinism, and replacement.
 */

type Created = Awaited<ReturnType<TestDatabase['create']>>;

async function count(db: Db, sql: string, bindings: Knex.RawBinding[] = []): Promise<number> {
  const result = await db.raw(sql, bindings);
  const rows = (Array.isArray(result) ? result : result.rows) as Record<string, unknown>[];
  return Number(Object.values(rows[0])[0]);
}

async function rows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  const result = await db.raw(sql);
  return Array.isArray(result) ? result : result.rows;
}

/** A digest of every demo fact, in a stable order; consultation ids are left out as they are serial. */
async function checksum(db: Db): Promise<string> {
  const hash = crypto.createHash('sha256');
  const parts = [
    `SELECT * FROM participation WHERE dataset_id = 'demo' ORDER BY institution_code, record_id`,
    `SELECT p.institution_code, p.record_id, g.target_group_code FROM participation_target_group g
       JOIN participation p ON p.id = g.participation_id WHERE p.dataset_id = 'demo'
       ORDER BY p.institution_code, p.record_id, g.target_group_code`,
    `SELECT record_id, person_key, programme_code, institution_code, site_code, date, stage, format, mode
       FROM consultation WHERE dataset_id = 'demo' ORDER BY institution_code, record_id`,
  ];
  for (const sql of parts) for (const row of await rows(db, sql)) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

const SIF_AND_CHILDREN = `(SELECT code FROM institution WHERE code = 'SIF' OR parent_code = 'SIF')`;
const VERTE_PERIOD_ACTIVE = `entry_date <= '2021-05-01' AND (exit_date IS NULL OR exit_date >= '2020-09-01')`;
const VERTE_PERIOD_REINTEGRATED = `outcome IN ('EMPLOYMENT', 'EDUCATION') AND outcome_date BETWEEN '2020-09-01' AND '2021-05-01'`;

/** The filters under which source 000's Viesīte figures must come out as 60 and 18. */
const VERTE_FILTERS: Record<string, string> = {
  'VERTE': `institution_code = 'VERTE'`,
  'VERTE + LV-107': `institution_code = 'VERTE' AND region_code = 'LV-107'`,
  'SIF (with its partners) + LV-107': `institution_code IN ${SIF_AND_CHILDREN} AND region_code = 'LV-107'`,
  'VERTE + current 0031000 and its predecessors': `institution_code = 'VERTE' AND region_code IN (SELECT code FROM region WHERE rollup_code = '0031000')`,
  'VERTE + planning region ZEMGALE': `institution_code = 'VERTE' AND region_code IN (SELECT code FROM region WHERE planning_region_code = 'ZEMGALE')`,
};

const NVA_CONSULTED = `programme_code = 'EX_PRISONERS' AND institution_code = 'NVA' AND date BETWEEN '2016-12-01' AND '2023-12-01'`;

async function expectPublishedFigures(db: Db): Promise<void> {
  for (const [name, filter] of Object.entries(VERTE_FILTERS)) {
    const where = `programme_code = 'DIVERSITY' AND ${filter}`;
    expect(await count(db, `SELECT COUNT(DISTINCT person_key) FROM participation WHERE ${where} AND ${VERTE_PERIOD_ACTIVE}`), name).toBe(60);
    expect(await count(db, `SELECT COUNT(DISTINCT person_key) FROM participation WHERE ${where} AND ${VERTE_PERIOD_REINTEGRATED}`), name).toBe(18);
  }

  const diversityBy20210501 = await count(
    db,
    `SELECT COUNT(DISTINCT person_key) FROM participation
     WHERE programme_code = 'DIVERSITY' AND institution_code IN ${SIF_AND_CHILDREN}
       AND entry_date <= '2021-05-01' AND (exit_date IS NULL OR exit_date >= '2018-01-01')`,
  );
  expect(diversityBy20210501).toBeGreaterThan(2000);

  expect(await count(db, `SELECT COUNT(DISTINCT person_key) FROM consultation WHERE ${NVA_CONSULTED}`)).toBe(3577);
  const byStage = `SELECT COUNT(DISTINCT person_key) FROM consultation WHERE ${NVA_CONSULTED} AND stage = ?`;
  expect(await count(db, byStage, ['PRE_VOCATIONAL'])).toBe(1623);
  expect(await count(db, byStage, ['PRE_RELEASE'])).toBe(1954);

  const sites = async (from: string, to: string) =>
    (
      await rows(
        db,
        `SELECT DISTINCT site_code FROM consultation
         WHERE programme_code = 'EX_PRISONERS' AND institution_code = 'NVA' AND date BETWEEN '${from}' AND '${to}'`,
      )
    )
      .map((r) => r.site_code)
      .sort();
  expect(await sites('2017-01-01', '2017-12-31')).toEqual(['BRA', 'DAU', 'ILG', 'JEK', 'JEL', 'RCC']);
  for (const year of [2018, 2019, 2020, 2021, 2022]) {
    expect(await sites(`${year}-01-01`, `${year}-12-31`), String(year)).toEqual(['DAU', 'ILG', 'JEK', 'JEL', 'LIE', 'RCC', 'VAL']);
  }
  expect(await sites('2018-01-01', '2022-12-31')).toHaveLength(7);
  expect(await sites('2023-01-01', '2023-12-01')).toEqual(['CES', 'DAU', 'ILG', 'JEK', 'JEL', 'LIE', 'OLA', 'RCC', 'VAL']);
}

describe.each(testDatabases())('demo-data generator on $id', (engine) => {
  let database: Created;
  let db: Db;
  beforeAll(async () => {
    database = await engine.create();
    db = database.db;
    await ensureSeeded(db);
  });
  afterAll(() => database?.drop());

  it('reproduces every published figure at the default scale', async () => {
    expect(await count(db, `SELECT COUNT(*) FROM participation WHERE dataset_id = 'demo'`)).toBe(5000);
    await expectPublishedFigures(db);
  });

  it('no person is consulted by NVA in both stages, and nothing lies near the figures’ period ends', async () => {
    expect(
      await count(
        db,
        `SELECT COUNT(*) FROM (SELECT person_key FROM consultation WHERE ${NVA_CONSULTED}
         GROUP BY person_key HAVING COUNT(DISTINCT stage) > 1) both_stages`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `SELECT COUNT(*) FROM consultation WHERE programme_code = 'EX_PRISONERS'
         AND (date < '2017-01-01' OR date > '2023-11-28')`,
      ),
    ).toBe(0);
    const perPerson = await rows(
      db,
      `SELECT MIN(n) AS lo, MAX(n) AS hi FROM (SELECT COUNT(*) AS n FROM consultation WHERE ${NVA_CONSULTED} GROUP BY person_key) c`,
    );
    expect(Number(perPerson[0].lo)).toBeGreaterThanOrEqual(1);
    expect(Number(perPerson[0].hi)).toBeLessThanOrEqual(6);
  });

  it('keeps the data model’s invariants', async () => {
    const none = async (label: string, where: string) =>
      expect(await count(db, `SELECT COUNT(*) FROM participation WHERE ${where}`), label).toBe(0);
    await none('outcome date outside the episode', 'outcome_date < entry_date OR outcome_date > exit_date OR exit_date < entry_date');
    await none(
      'ONGOING exactly when exit and outcome date are empty',
      `(outcome = 'ONGOING' AND (exit_date IS NOT NULL OR outcome_date IS NOT NULL))
       OR (outcome <> 'ONGOING' AND (exit_date IS NULL OR outcome_date IS NULL))`,
    );
    await none('ONGOING only for episodes that began in 2023', `outcome = 'ONGOING' AND entry_date < '2023-01-01'`);
    await none(
      'before the reform, current codes only (Verte keeps LV-107)',
      `entry_date < '2021-07-01' AND region_code NOT IN (SELECT code FROM region WHERE valid_from = '2021-07-01')
       AND NOT (institution_code = 'VERTE' AND region_code = 'LV-107')`,
    );
    await none(
      'no VERTE episode but the cohort of 60 is active in its period',
      `institution_code = 'VERTE' AND region_code <> 'LV-107' AND ${VERTE_PERIOD_ACTIVE}`,
    );
    expect(
      await count(
        db,
        `SELECT COUNT(*) FROM participation p JOIN participation_target_group g ON g.participation_id = p.id
         WHERE g.target_group_code = 'AGE_50_PLUS' AND p.age_band NOT IN ('45-54', '55-64', '65+')`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `SELECT COUNT(*) FROM participation p WHERE NOT EXISTS
         (SELECT 1 FROM participation_target_group g WHERE g.participation_id = p.id)`,
      ),
    ).toBe(0);

    const currentWithoutData = await rows(
      db,
      `SELECT code FROM region WHERE valid_from <= '2021-07-01' AND (valid_to IS NULL OR valid_to >= '2021-07-01')
       AND code NOT IN (SELECT region_code FROM participation)`,
    );
    expect(currentWithoutData).toEqual([]);
    expect(await count(db, `SELECT COUNT(DISTINCT region_code) FROM participation WHERE region_code <> 'LV-107'`)).toBe(43);

    const unusedGroups = await rows(
      db,
      `SELECT code FROM target_group WHERE parent_code = 'DISCRIMINATION_RISK' AND code NOT IN
       (SELECT g.target_group_code FROM participation_target_group g JOIN participation p ON p.id = g.participation_id
        WHERE p.programme_code = 'DIVERSITY')`,
    );
    expect(unusedGroups).toEqual([]);

    for (const [column, values] of [
      ['gender', ['F', 'M', 'X']],
      ['age_band', ['15-24', '25-34', '35-44', '45-54', '55-64', '65+']],
    ] as const) {
      const seen = (await rows(db, `SELECT DISTINCT ${column} AS v FROM participation`)).map((r) => r.v).sort();
      expect(seen, column).toEqual([...values]);
    }
    const years = (await rows(db, `SELECT DISTINCT substr(entry_date, 1, 4) AS y FROM participation WHERE programme_code = 'DIVERSITY'`))
      .map((r) => r.y)
      .sort();
    expect(years).toEqual(['2018', '2019', '2020', '2021', '2022', '2023']);

    const reintegrationRate =
      (await count(db, `SELECT COUNT(*) FROM participation WHERE outcome IN ('EMPLOYMENT', 'EDUCATION')`)) /
      (await count(db, `SELECT COUNT(*) FROM participation WHERE outcome <> 'ONGOING'`));
    expect(reintegrationRate).toBeGreaterThan(0.25);
    expect(reintegrationRate).toBeLessThan(0.4);

    const keys = await rows(db, `SELECT DISTINCT person_key FROM participation UNION SELECT DISTINCT person_key FROM consultation`);
    for (const { person_key } of keys) expect(person_key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('labels everything it invents as synthetic', async () => {
    const [dataset] = await rows(db, `SELECT * FROM dataset WHERE id = 'demo'`);
    expect(dataset.kind).toBe('demo');
    expect(Boolean(dataset.synthetic)).toBe(true);
    expect(dataset.description).toMatch(/synthetic/i);
    expect(Number(dataset.row_count)).toBe(5000 + 12_000);

    const targets = await rows(db, `SELECT * FROM kpi_target ORDER BY programme_code, measure, set_at`);
    expect(targets.length).toBeGreaterThanOrEqual(3);
    for (const t of targets) {
      expect(Boolean(t.synthetic)).toBe(true);
      expect(t.set_by).toBe('demo');
      expect(t.note).toMatch(/synthetic/i);
    }
    const versions = await rows(
      db,
      `SELECT programme_code, measure, COUNT(DISTINCT target_value) AS n FROM kpi_target
       GROUP BY programme_code, measure, period_from, period_to HAVING COUNT(*) > 1`,
    );
    expect(versions.length, 'a target with an earlier, superseded version').toBeGreaterThan(0);
    expect(Number(versions[0].n)).toBeGreaterThan(1);

    // At the default scale the real programmes hold everything: no benchmark programme.
    expect(await count(db, `SELECT COUNT(*) FROM programme WHERE synthetic = ?`, [true])).toBe(0);
  });

  it('gives identical rows when seeded again', async () => {
    const before = await checksum(db);
    await seedDemoData(db);
    expect(await checksum(db)).toBe(before);
    expect(await count(db, `SELECT COUNT(*) FROM kpi_target`)).toBe(4);
  });

  it('leaves the previous demo data in place when replacing it fails', async () => {
    const before = await checksum(db);
    // An imported row that takes a record id the larger demo set would need: the rebuilt unique index refuses.
    await db('dataset').insert({
      id: 'import-collision',
      kind: 'import',
      synthetic: false,
      fact: 'participation',
      description: 'test import',
      row_count: 1,
      loaded_at: new Date().toISOString(),
    });
    const [template] = await db('participation').where({ record_id: 'DIV-0000001' });
    const { id: _id, ...row } = template;
    await db('participation').insert({ ...row, dataset_id: 'import-collision', record_id: 'DIV-0009000' });

    await expect(seedDemoData(db, { scale: 10_000 })).rejects.toThrow(/unique|duplicate/i);
    expect(await checksum(db)).toBe(before);
    await expect(db('participation').insert({ ...row, dataset_id: 'import-collision' }), 'unique index restored').rejects.toThrow();

    await db('participation').where({ dataset_id: 'import-collision' }).delete();
    await db('dataset').where({ id: 'import-collision' }).delete();
  });

  it('still reproduces every figure at 50,000 episodes, the volume beyond the real programmes in a synthetic one', async () => {
    const result = await seedDemoData(db, { scale: 50_000 });
    expect(result).toMatchObject({ participations: 50_000, consultations: 50_000 });
    await expectPublishedFigures(db);
    const [bench] = await rows(db, `SELECT * FROM programme WHERE code = 'SYNTHETIC_BENCH'`);
    expect(Boolean(bench.synthetic)).toBe(true);
    expect(bench.name_en).toMatch(/synthetic.*not real/i);
    expect(await count(db, `SELECT COUNT(*) FROM participation WHERE programme_code = 'SYNTHETIC_BENCH'`)).toBe(35_000);
    expect(await count(db, `SELECT COUNT(*) FROM consultation WHERE programme_code = 'SYNTHETIC_BENCH'`)).toBe(35_000);
    expect(await count(db, `SELECT COUNT(*) FROM participation WHERE id > 50000`), 'ids continue without gaps').toBe(0);

    await seedDemoData(db);
    expect(await count(db, `SELECT COUNT(*) FROM programme WHERE code = 'SYNTHETIC_BENCH'`), 'removed with the volume').toBe(0);
  });
});
