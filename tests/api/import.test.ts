import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, gqlAs, signIn, upload } from '../helpers/accounts';
import { testDatabases } from '../helpers/databases';
import { consultationRow, csv, participationRow } from '../helpers/import-files';
import { startTestServer, type TestServer } from '../helpers/server';

const NEW_IN_2022 = `query { aggregate(query: { measures: [NEW_PARTICIPANTS, PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2022-01-01", to: "2022-12-31" } }) { totals { value } } }`;

describe.each(testDatabases())('import on $id', ({ id }) => {
  let server: TestServer;
  let manager: string;
  let official: string;
  let admin: string;

  /** A checksum of every fact row, to prove "nothing changed". */
  const factsChecksum = async () => {
    const p = await server.db('participation').orderBy(['institution_code', 'record_id']).select('institution_code', 'record_id', 'person_key', 'entry_date', 'exit_date', 'outcome', 'dataset_id');
    const c = await server.db('consultation').orderBy(['institution_code', 'record_id']).select('institution_code', 'record_id', 'person_key', 'date', 'dataset_id');
    const tg = await server.db('participation_target_group').join('participation', 'participation.id', 'participation_target_group.participation_id').orderBy(['record_id', 'target_group_code']).select('record_id', 'target_group_code');
    const datasets = await server.db('dataset').orderBy('id').pluck('id');
    return crypto.createHash('sha256').update(JSON.stringify([p, c, tg, datasets])).digest('hex');
  };
  const newIn2022 = async () => (await gqlAs(server.baseUrl, official, NEW_IN_2022)).body.data.aggregate.totals.map((t: { value: number }) => t.value);

  beforeAll(async () => {
    server = await startTestServer({ engine: id });
    manager = (await signIn(server.baseUrl, 'verte-manager', await addUser(server, 'verte-manager', 'MANAGER', ['VERTE']))).cookie;
    official = (await signIn(server.baseUrl, 'official', await addUser(server, 'official', 'OFFICIAL'))).cookie;
    admin = (await signIn(server.baseUrl, 'admin', await addUser(server, 'admin', 'ADMIN'))).cookie;
  });
  afterAll(() => server?.close());

  it('imports a valid file as a new dataset, and its figures appear in aggregate', async () => {
    const before = await newIn2022();
    const rows = Array.from({ length: 12 }, (_, i) => participationRow(i));
    const result = await upload(server.baseUrl, manager, 'participation', csv('participation', rows), 'verte-2022-q1.csv');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'imported', rows: 12, replaced: 0 });
    expect(await newIn2022()).toEqual([before[0] + 12, before[1] + 12]);
    const dataset = await server.db('dataset').where({ id: result.body.dataset }).first();
    expect(dataset).toMatchObject({ kind: 'import', source_file: 'verte-2022-q1.csv', loaded_by: 'verte-manager', row_count: 12 });
    expect(Boolean(dataset.synthetic)).toBe(false);
    const groups = await server.db('participation_target_group').join('participation', 'participation.id', 'participation_target_group.participation_id').where('participation.dataset_id', result.body.dataset).count({ n: '*' });
    expect(Number(groups[0].n)).toBe(18);
    // Only the imported dataset: real data, not synthetic.
    const only = await gqlAs(server.baseUrl, official, `query ($d: [String!]) { aggregate(query: { measures: [NEW_PARTICIPANTS], filter: { datasets: $d } }) { totals { value } synthetic } }`, { d: [result.body.dataset] });
    expect(only.body.data.aggregate).toEqual({ totals: [{ value: 12 }], synthetic: false });
    expect(await server.db('audit_log').where({ action: 'import_accepted', username: 'verte-manager' }).count({ n: '*' })).toEqual([{ n: id === 'postgres' ? '1' : 1 }]);
  });

  it('the same file twice changes no data, and the second attempt is audited', async () => {
    const file = csv('participation', Array.from({ length: 5 }, (_, i) => participationRow(100 + i)));
    const first = await upload(server.baseUrl, manager, 'participation', file);
    expect(first.body.status).toBe('imported');
    const checksum = await factsChecksum();
    const second = await upload(server.baseUrl, manager, 'participation', file);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ status: 'duplicate', dataset: first.body.dataset, rows: 5 });
    expect(await factsChecksum()).toBe(checksum);
    expect(await server.db('audit_log').where({ action: 'import_duplicate' }).count({ n: '*' }).then((r) => Number(r[0].n))).toBe(1);
  });

  it('one bad row among good ones: nothing is imported, and the row is reported as a spreadsheet numbers it', async () => {
    const checksum = await factsChecksum();
    const rows = [
      participationRow(200),
      participationRow(201, { entry_date: '2022-13-01' }),
      participationRow(202, { outcome: 'ONGOING' }),
      participationRow(203, { age_band: '25-34', target_groups: 'AGE_50_PLUS' }),
      participationRow(204, { municipality: 'LV-107', entry_date: '2022-02-10' }),
      participationRow(205, { person_key: '010190-12345' }),
      participationRow(200),
    ];
    const result = await upload(server.baseUrl, manager, 'participation', csv('participation', rows));
    expect(result.status).toBe(422);
    expect(result.body.status).toBe('rejected');
    expect(result.body.errors).toEqual([
      { row: 3, column: 'entry_date', message: '"2022-13-01" is not a date written yyyy-mm-dd' },
      { row: 4, column: 'outcome', message: 'an ONGOING episode has no exit_date and no outcome_date' },
      { row: 5, column: 'target_groups', message: 'AGE_50_PLUS needs age band 45-54 or older, not 25-34' },
      { row: 6, column: 'municipality', message: '"LV-107" is not a municipality code valid today or on the entry date' },
      { row: 7, column: 'person_key', message: 'looks like a personal code; send the pseudonymous key (HMAC of the code) instead' },
      { row: 8, column: 'record_id', message: '"T-200" is already used on row 2' },
    ]);
    expect(await factsChecksum()).toBe(checksum);
    expect(await server.db('audit_log').where({ action: 'import_rejected' }).count({ n: '*' }).then((r) => Number(r[0].n))).toBeGreaterThan(0);
  });

  it('accepts historic codes valid on the date and consultations at prisons open on the date', async () => {
    const historic = await upload(server.baseUrl, manager, 'participation', csv('participation', [participationRow(300, { municipality: '0561800', entry_date: '2020-10-05', exit_date: '2021-02-01', outcome_date: '2021-02-01' })]));
    expect(historic.body.status).toBe('imported');
    expect(await server.db('participation').where({ record_id: 'T-300' }).first('region_code')).toEqual({ region_code: 'LV-107' });
    const nvaManager = (await signIn(server.baseUrl, 'nva-manager', await addUser(server, 'nva-manager', 'MANAGER', ['NVA']))).cookie;
    const closed = await upload(server.baseUrl, nvaManager, 'consultation', csv('consultation', [consultationRow(1), consultationRow(2, { site: 'BRA', date: '2022-01-10' })]));
    expect(closed.status).toBe(422);
    expect(closed.body.errors).toEqual([{ row: 3, column: 'site', message: 'BRA was not open on 2022-01-10' }]);
  });

  it('a manager may import only for their own institutions', async () => {
    const result = await upload(server.baseUrl, manager, 'consultation', csv('consultation', [consultationRow(10)]));
    expect(result.status).toBe(422);
    expect(result.body.errors).toEqual([{ row: 2, column: 'institution', message: 'you may not load data for NVA' }]);
  });

  it.each([
    ['wrong headers', () => 'id;person;when\n1;2;3\n', 400, /missing column\(s\) record_id, person_key/],
    ['a wrong encoding', () => Buffer.concat([Buffer.from('record_id,person_key,programme,institution,municipality,entry_date,exit_date,outcome,outcome_date,gender,age_band,target_groups\nT-1,abcdefgh,DIVERSITY,VERTE,J'), Buffer.from([0xea]), Buffer.from('kabpils,2022-01-01,,ONGOING,,F,25-34,\n')]), 400, /not UTF-8/],
    ['an empty file', () => '', 400, /empty/],
    ['a header only', () => csv('participation', []), 400, /no data rows/],
    ['a binary file', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 400, /not a CSV text file or an XLSX/],
    ['a broken XLSX', () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 400, /cannot be read as an XLSX/],
  ])('%s gets a clear error', async (_name, content, status, message) => {
    const checksum = await factsChecksum();
    const result = await upload(server.baseUrl, manager, 'participation', content());
    expect(result.status).toBe(status);
    expect(result.body.message).toMatch(message);
    expect(await factsChecksum()).toBe(checksum);
  });

  it('refuses a file over 50 MB with 413', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 'a');
    const multipart = await upload(server.baseUrl, manager, 'participation', big);
    expect(multipart.status).toBe(413);
    const raw = await fetch(`${server.baseUrl}/api/import?kind=participation`, { method: 'POST', headers: { 'content-type': 'text/csv', 'apollo-require-preflight': '1', cookie: manager }, body: big });
    expect(raw.status).toBe(413);
  });

  it('takes the file as a raw request body too, and needs the preflight header', async () => {
    const body = csv('participation', [participationRow(400)]);
    const noHeader = await fetch(`${server.baseUrl}/api/import?kind=participation`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: manager }, body });
    expect(noHeader.status).toBe(400);
    expect(((await noHeader.json()) as any).error).toBe('CSRF_PREFLIGHT_REQUIRED');
    const raw = await fetch(`${server.baseUrl}/api/import?kind=participation`, { method: 'POST', headers: { 'content-type': 'text/csv', 'apollo-require-preflight': '1', 'x-file-name': 'raw.csv', cookie: manager }, body });
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as any).status).toBe('imported');
  });

  it('an existing record_id updates its row, and a rollback restores it', async () => {
    const original = await upload(server.baseUrl, manager, 'participation', csv('participation', [participationRow(500), participationRow(501)]));
    const checksum = await factsChecksum();
    const update = await upload(server.baseUrl, manager, 'participation', csv('participation', [participationRow(501, { outcome: 'EDUCATION', gender: 'X' }), participationRow(502)]));
    expect(update.body).toMatchObject({ status: 'imported', rows: 2, replaced: 1 });
    expect(await server.db('participation').where({ record_id: 'T-501' }).first('gender', 'outcome', 'dataset_id')).toEqual({ gender: 'X', outcome: 'EDUCATION', dataset_id: update.body.dataset });

    const refused = await gqlAs(server.baseUrl, manager, 'mutation ($d: ID!) { rollbackImport(dataset: $d) }', { d: original.body.dataset });
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0].message).toMatch(/roll it back first/);

    const other = (await signIn(server.baseUrl, 'other-manager', await addUser(server, 'other-manager', 'MANAGER', ['VERTE']))).cookie;
    const notTheirs = await gqlAs(server.baseUrl, other, 'mutation ($d: ID!) { rollbackImport(dataset: $d) }', { d: update.body.dataset });
    expect(notTheirs.body.errors![0].message).toMatch(/Only an admin or the manager who imported/);

    const rolled = await gqlAs(server.baseUrl, manager, 'mutation ($d: ID!) { rollbackImport(dataset: $d) }', { d: update.body.dataset });
    expect(rolled.body.data.rollbackImport).toBe(true);
    expect(await factsChecksum()).toBe(checksum);
    const byAdmin = await gqlAs(server.baseUrl, admin, 'mutation ($d: ID!) { rollbackImport(dataset: $d) }', { d: original.body.dataset });
    expect(byAdmin.body.data.rollbackImport).toBe(true);
    expect(await server.db('participation').whereIn('record_id', ['T-500', 'T-501', 'T-502'])).toEqual([]);
    expect(await server.db('audit_log').where({ action: 'import_rolled_back' }).count({ n: '*' }).then((r) => Number(r[0].n))).toBe(2);
  });

  it('downloads the templates', async () => {
    const response = await fetch(`${server.baseUrl}/api/import/template?kind=consultation`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('inclusion-monitor-consultation-template.csv');
    expect(await response.text()).toBe('record_id,person_key,programme,institution,site,date,stage,format,mode\r\n');
  });
});
