import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn, upload } from '../helpers/accounts';
import { testDatabases } from '../helpers/databases';
import { consultationRow, csv, participationRow } from '../helpers/import-files';
import { gql, startTestServer, type TestServer } from '../helpers/server';
import { writeLockProbe } from '../helpers/sqlite-lock';

/*
 * The import's write paths with files larger than one batch (5,000 rows per COPY batch on PostgreSQL,
 * per message to the SQLite writer thread): what is stored is exactly what was sent, a failure while
 * writing the last batch leaves nothing behind, and on SQLite the server answers while an import is
 * being written.
 */

const ROWS = 12_345;

/** Rows with every shape a participation row can take: ongoing (no exit), reintegrated, 0–2 target groups. */
const variedRow = (prefix: string, i: number) =>
  participationRow(i, {
    record_id: `${prefix}-${i}`,
    person_key: `${prefix.toLowerCase()}person${String(i).padStart(8, '0')}`,
    ...(i % 5 === 0 ? { outcome: 'ONGOING', exit_date: '', outcome_date: '' } : {}),
    ...(i % 7 === 0 ? { target_groups: '' } : {}),
    ...(i % 11 === 0 ? { municipality: '0561800', entry_date: '2020-10-05', exit_date: '2021-02-01', outcome_date: '2021-02-01', outcome: 'EDUCATION' } : {}),
  });

const fileOf = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => variedRow(prefix, i));

describe.each(testDatabases())('import writes on $id', ({ id }) => {
  let server: TestServer;
  let manager: string;

  /** Every stored fact and its groups, to prove "nothing changed". */
  const everything = async () => {
    const counts = await Promise.all(['participation', 'participation_target_group', 'consultation', 'dataset', 'import_replaced_row'].map((t) => server.db(t).count({ n: '*' })));
    const accepted = await server.db('audit_log').where({ action: 'import_accepted' }).count({ n: '*' });
    return JSON.stringify([...counts, accepted].map((c) => Number(c[0].n)));
  };

  beforeAll(async () => {
    server = await startTestServer({ engine: id });
    manager = (await signIn(server.baseUrl, 'writes-manager', await addUser(server, 'writes-manager', 'MANAGER', ['VERTE', 'NVA']))).cookie;
  });
  afterAll(() => server?.close());

  /** The rows of `dataset` and their target groups are exactly `rows`, each row's groups with it. */
  const expectStoredExactly = async (dataset: string, rows: ReturnType<typeof fileOf>) => {
    const stored = await server.db('participation').where({ dataset_id: dataset }).orderBy('record_id').select('id', 'record_id', 'person_key', 'programme_code', 'institution_code', 'region_code', 'entry_date', 'exit_date', 'outcome', 'outcome_date', 'gender', 'age_band');
    const groups = await server.db('participation_target_group').join('participation', 'participation.id', 'participation_target_group.participation_id').where('participation.dataset_id', dataset).select('record_id', 'target_group_code');
    const groupsOf = new Map<string, string[]>();
    for (const g of groups) groupsOf.set(g.record_id, [...(groupsOf.get(g.record_id) ?? []), g.target_group_code].sort());
    const expected = rows
      .map((r) => ({
        record_id: r.record_id,
        person_key: r.person_key,
        programme_code: r.programme,
        institution_code: r.institution,
        region_code: r.municipality === '0561800' ? 'LV-107' : r.municipality,
        entry_date: r.entry_date,
        exit_date: r.exit_date || null,
        outcome: r.outcome,
        outcome_date: r.outcome_date || null,
        gender: r.gender,
        age_band: r.age_band,
        target_groups: r.target_groups.split(';').filter(Boolean).sort(),
      }))
      .sort((a, b) => (a.record_id < b.record_id ? -1 : 1));
    expect(stored.map(({ id: _id, ...row }) => ({ ...row, target_groups: groupsOf.get(row.record_id) ?? [] }))).toEqual(expected);
    expect(new Set(stored.map((r) => r.id)).size).toBe(rows.length);
    return stored.map((r) => Number(r.id));
  };

  it(`stores ${ROWS} rows exactly as sent, with their target groups and Latvian file name`, async () => {
    const rows = fileOf('W', ROWS);
    const result = await upload(server.baseUrl, manager, 'participation', csv('participation', rows), 'Jēkabpils-ūdeņi.csv');
    expect(result.body).toMatchObject({ status: 'imported', rows: ROWS, replaced: 0 });
    const dataset = result.body.dataset as string;
    await expectStoredExactly(dataset, rows);
    expect(await server.db('dataset').where({ id: dataset }).first('source_file', 'description', 'row_count')).toEqual({
      source_file: 'Jēkabpils-ūdeņi.csv',
      description: 'Imported participation file Jēkabpils-ūdeņi.csv',
      row_count: ROWS,
    });
    const audit = await server.db('audit_log').where({ action: 'import_accepted' }).orderBy('id', 'desc').first('details');
    expect(JSON.parse(audit.details)).toMatchObject({ dataset, rows: ROWS, replaced: 0, file: 'Jēkabpils-ūdeņi.csv' });
  }, 120_000);

  it.runIf(id === 'postgres')('ids the sequence gives out of order (another session drawing meanwhile) still pair each row with its target groups', async () => {
    // A step of 3 makes every batch's ids non-consecutive, as when other sessions draw ids between ours.
    await server.db.raw('ALTER SEQUENCE participation_id_seq INCREMENT BY 3');
    try {
      const rows = fileOf('S', 7000);
      const result = await upload(server.baseUrl, manager, 'participation', csv('participation', rows), 'stepped.csv');
      expect(result.body).toMatchObject({ status: 'imported', rows: 7000 });
      const ids = (await expectStoredExactly(result.body.dataset as string, rows)).sort((a, b) => a - b);
      expect(ids.some((idOf, i) => i > 0 && idOf - ids[i - 1] !== 1)).toBe(true);
    } finally {
      await server.db.raw('ALTER SEQUENCE participation_id_seq INCREMENT BY 1');
    }
  }, 120_000);

  it('a file that repeats stored record ids replaces those rows, keeps them for a rollback, and writes the rest', async () => {
    const rows = [...fileOf('W', 6000).slice(5990), ...fileOf('R', 6000)];
    const result = await upload(server.baseUrl, manager, 'participation', csv('participation', rows.map((r) => ({ ...r, gender: 'X' }))), 'replace.csv');
    expect(result.body).toMatchObject({ status: 'imported', rows: 6010, replaced: 10 });
    expect(await server.db('participation').where('record_id', 'like', 'W-599_').pluck('gender')).toEqual(Array(10).fill('X'));
    expect(Number((await server.db('participation').where({ dataset_id: result.body.dataset }).count({ n: '*' }))[0].n)).toBe(6010);
    expect(Number((await server.db('import_replaced_row').where({ dataset_id: result.body.dataset }).count({ n: '*' }))[0].n)).toBe(10);
  }, 120_000);

  it('consultations go in by the same path', async () => {
    const rows = Array.from({ length: 7001 }, (_, i) => consultationRow(i, { record_id: `CW-${i}`, stage: i % 2 ? 'PRE_RELEASE' : 'PRE_VOCATIONAL' }));
    const result = await upload(server.baseUrl, manager, 'consultation', csv('consultation', rows));
    expect(result.body).toMatchObject({ status: 'imported', rows: 7001, replaced: 0 });
    const stored = await server.db('consultation').where({ dataset_id: result.body.dataset }).orderBy('id').select('record_id', 'person_key', 'site_code', 'date', 'stage', 'format', 'mode');
    expect(stored).toEqual(rows.map((r) => ({ record_id: r.record_id, person_key: r.person_key, site_code: r.site, date: r.date, stage: r.stage, format: r.format, mode: r.mode })));
  }, 120_000);

  it('a bad row in the last batch: nothing is imported, and the row is named', async () => {
    const before = await everything();
    const rows = fileOf('B', ROWS);
    rows[ROWS - 1] = { ...rows[ROWS - 1], entry_date: '2022-02-30' };
    const result = await upload(server.baseUrl, manager, 'participation', csv('participation', rows));
    expect(result.status).toBe(422);
    expect(result.body.errors).toEqual([{ row: ROWS + 1, column: 'entry_date', message: '"2022-02-30" is not a date written yyyy-mm-dd' }]);
    expect(await everything()).toBe(before);
  }, 120_000);

  it('a write that fails in the last batch (after thousands of rows went in) leaves nothing behind', async () => {
    const before = await everything();
    const rows = fileOf('F', ROWS);
    const last = rows[ROWS - 1].record_id;
    // Validation cannot see this coming: the database itself refuses the file's last row.
    if (id === 'sqlite') {
      await server.db.raw(`CREATE TRIGGER refuse_last BEFORE INSERT ON participation WHEN NEW.record_id = '${last}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    } else {
      await server.db.raw(`CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.record_id = '${last}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
      await server.db.raw('CREATE TRIGGER refuse_last BEFORE INSERT ON participation FOR EACH ROW EXECUTE FUNCTION refuse_last()');
    }
    const file = csv('participation', rows);
    const failed = await upload(server.baseUrl, manager, 'participation', file);
    expect(failed.status).toBe(500);
    expect(await everything()).toBe(before);

    await server.db.raw(id === 'sqlite' ? 'DROP TRIGGER refuse_last' : 'DROP TRIGGER refuse_last ON participation');
    // The writer recovers: the same file goes in whole.
    const retried = await upload(server.baseUrl, manager, 'participation', file);
    expect(retried.body).toMatchObject({ status: 'imported', rows: ROWS });
    expect(Number((await server.db('participation').where({ dataset_id: retried.body.dataset }).count({ n: '*' }))[0].n)).toBe(ROWS);
  }, 120_000);
});

describe('SQLite: the server answers while an import is being written', () => {
  let server: TestServer;
  let manager: string;
  const QUERY = '{ aggregate(query: { measures: [NEW_PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2022-01-01", to: "2022-12-31" } }) { totals { value } } }';
  const newIn2022 = async () => {
    const { status, body } = await gql(server.baseUrl, QUERY);
    expect(status).toBe(200);
    return body.data.aggregate.totals[0].value as number;
  };

  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    manager = (await signIn(server.baseUrl, 'busy-manager', await addUser(server, 'busy-manager', 'MANAGER', ['VERTE']))).cookie;
  });
  afterAll(() => server?.close());

  it('a GraphQL request sent while the import holds SQLite’s write lock is answered before it commits', async () => {
    const filename = (server.db.client.config.connection as { filename: string }).filename;
    const probe = writeLockProbe(filename);
    const before = await newIn2022();
    const rows = 60_000;
    let done = false;
    const file = csv('participation', Array.from({ length: rows }, (_, i) => participationRow(i, { record_id: `L-${i}`, person_key: `lockperson${String(i).padStart(8, '0')}` })));
    const imported = upload(server.baseUrl, manager, 'participation', file).finally(() => (done = true));
    while (!probe.held()) {
      expect(done, 'the import finished before this thread could see it holding the write lock').toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // The order of events is the test: lock held → answer arrives → lock still held → import answers.
    expect(await newIn2022()).toBe(before);
    expect(probe.held()).toBe(true);
    expect(done).toBe(false);
    expect((await imported).body).toMatchObject({ status: 'imported', rows });
    expect(probe.held()).toBe(false);
    expect(await newIn2022()).toBe(before + rows);
    probe.close();
  }, 180_000);
});
