import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, gqlAs, signIn, upload } from '../helpers/accounts';
import { testDatabases } from '../helpers/databases';
import { csv, participationRow } from '../helpers/import-files';
import { startTestServer, type TestServer } from '../helpers/server';

/** Verte's 60 participants split by gender and age band: cells small enough to be suppressed. */
const FINE = `query { aggregate(query: { measures: [PARTICIPANTS, REINTEGRATED], dimensions: [GENDER, AGE_BAND],
  filter: { institutions: ["VERTE"], from: "2020-09-01", to: "2021-05-01" } }) {
  rows { dimensions { code } measures { value suppressed } } totals { value suppressed } suppressedCells } }`;
const SET_TARGET = `mutation { setKpiTarget(input: { programme: "DIVERSITY", measure: PARTICIPANTS, periodFrom: "2024-01-01", periodTo: "2024-12-31", target: 2500 }) { target setAt } }`;
const AUDIT = '{ auditLog(first: 5) { entries { action username } nextCursor } }';

type Who = 'PUBLIC' | 'MANAGER' | 'OFFICIAL' | 'ADMIN';

describe.each(testDatabases())('what each role may do, on $id', ({ id }) => {
  let server: TestServer;
  const cookies: Partial<Record<Who | 'OTHER_MANAGER', string>> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine: id });
    for (const [who, role, institutions] of [
      ['MANAGER', 'MANAGER', ['VERTE']],
      ['OTHER_MANAGER', 'MANAGER', ['NVA']],
      ['OFFICIAL', 'OFFICIAL', []],
      ['ADMIN', 'ADMIN', []],
    ] as const) {
      const name = who.toLowerCase().replace('_', '-');
      cookies[who] = (await signIn(server.baseUrl, name, await addUser(server, name, role, [...institutions]))).cookie;
    }
  });
  afterAll(() => server?.close());

  const fine = async (who: Who | 'OTHER_MANAGER') => (await gqlAs(server.baseUrl, cookies[who], FINE)).body.data.aggregate;

  it('aggregate: anonymous users get small cells suppressed; officials and admins get exact values', async () => {
    const exact = await fine('OFFICIAL');
    expect(exact.suppressedCells).toBe(0);
    expect(exact.totals.map((t: { value: number }) => t.value)).toEqual([60, 18]);
    const small = exact.rows.flatMap((r: any) => r.measures.map((m: any) => m.value)).filter((v: number) => v > 0 && v < 5);
    expect(small.length).toBeGreaterThan(0);
    expect(await fine('ADMIN')).toEqual(exact);

    const anonymous = await fine('PUBLIC');
    expect(anonymous.suppressedCells).toBeGreaterThan(0);
    for (const row of anonymous.rows) for (const m of row.measures) if (m.value !== null) expect(m.value === 0 || m.value >= 5).toBe(true);
  });

  it("aggregate: a manager sees exact values where only their institution contributed", async () => {
    expect(await fine('MANAGER')).toEqual(await fine('OFFICIAL'));
  });

  it('aggregate: a manager of one institution never receives an exact small count of another', async () => {
    const other = await fine('OTHER_MANAGER');
    expect(other).toEqual(await fine('PUBLIC'));
    for (const row of other.rows) for (const m of row.measures) if (m.value !== null) expect(m.value === 0 || m.value >= 5).toBe(true);
    // In a mixed cell (SIF's and Verte's data together) Verte's manager gets the public treatment too.
    const mixed = `query { aggregate(query: { measures: [PARTICIPANTS], dimensions: [MUNICIPALITY, AGE_BAND], filter: { institutions: ["SIF"], from: "2020-09-01", to: "2021-05-01" } }) { rows { measures { value } } suppressedCells } }`;
    const asManager = (await gqlAs(server.baseUrl, cookies.MANAGER, mixed)).body.data.aggregate;
    const asPublic = (await gqlAs(server.baseUrl, undefined, mixed)).body.data.aggregate;
    expect(asPublic.suppressedCells).toBeGreaterThan(0);
    expect(asManager.suppressedCells).toBeGreaterThan(0);
    for (const row of asManager.rows) if (row.measures[0].value !== null) expect(row.measures[0].value >= 5).toBe(true);
  });

  it.each([
    ['PUBLIC', 401],
    ['OFFICIAL', 403],
    ['MANAGER', 200],
    ['ADMIN', 200],
  ] as const)('import as %s → %i', async (who, status) => {
    const result = await upload(server.baseUrl, cookies[who], 'participation', csv('participation', [participationRow(1000 + status, { record_id: `R-${who}` })]));
    expect(result.status).toBe(status);
    if (status !== 200) expect(result.body.message).toMatch(who === 'PUBLIC' ? /Sign in/ : /may not import/);
  });

  it.each([
    ['PUBLIC', 'UNAUTHENTICATED'],
    ['MANAGER', 'FORBIDDEN'],
    ['OFFICIAL', null],
    ['ADMIN', null],
  ] as const)('set a KPI target as %s → %s', async (who, code) => {
    const { status, body } = await gqlAs(server.baseUrl, cookies[who], SET_TARGET);
    if (code) {
      expect(status).toBe(code === 'UNAUTHENTICATED' ? 401 : 403);
      expect(body.errors![0].extensions!.code).toBe(code);
      expect(body.errors![0].message).toMatch(code === 'UNAUTHENTICATED' ? /Sign in to set KPI targets/ : /may not set KPI targets/);
    } else {
      expect(body.data.setKpiTarget.target).toBe(2500);
    }
  });

  it.each([
    ['PUBLIC', 'UNAUTHENTICATED'],
    ['MANAGER', 'FORBIDDEN'],
    ['OFFICIAL', 'FORBIDDEN'],
    ['ADMIN', null],
  ] as const)('read the audit log as %s → %s', async (who, code) => {
    const { body } = await gqlAs(server.baseUrl, cookies[who], AUDIT);
    if (code) expect(body.errors![0].extensions!.code).toBe(code);
    else expect(body.data.auditLog.entries.length).toBe(5);
  });

  it('keeps target history: the KPI shows the target as it stood, and every change is audited', async () => {
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const set = (target: number) =>
      gqlAs(server.baseUrl, cookies.OFFICIAL, `mutation { setKpiTarget(input: { programme: "EX_PRISONERS", measure: CONSULTED_PERSONS, periodFrom: "2016-12-01", periodTo: "2023-12-01", target: ${target} }) { target actual progress } }`);
    const first = await set(3000);
    expect(first.body.data.setKpiTarget).toEqual({ target: 3000, actual: 3577, progress: 3577 / 3000 });
    const middle = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await set(4000);
    const kpis = async (asOf?: string) =>
      (await gqlAs(server.baseUrl, undefined, 'query ($a: DateTime) { kpis(programme: "EX_PRISONERS", asOf: $a) { measure periodTo target } }', { a: asOf })).body.data.kpis.filter(
        (k: { periodTo: string }) => k.periodTo === '2023-12-01',
      );
    expect(await kpis()).toEqual([{ measure: 'CONSULTED_PERSONS', periodTo: '2023-12-01', target: 4000 }]);
    expect(await kpis(middle)).toEqual([{ measure: 'CONSULTED_PERSONS', periodTo: '2023-12-01', target: 3000 }]);
    expect(await kpis(before)).toEqual([]);
    const audit = (await gqlAs(server.baseUrl, cookies.ADMIN, '{ auditLog(first: 2, action: "kpi_target_set") { entries { username details } } }')).body.data.auditLog.entries;
    expect(audit.map((e: { username: string }) => e.username)).toEqual(['official', 'official']);
    expect(JSON.parse(audit[0].details)).toMatchObject({ target_value: 4000, previous: 3000 });
  });

  it('rejects a bad target with a clear error', async () => {
    const { status, body } = await gqlAs(server.baseUrl, cookies.OFFICIAL, `mutation { setKpiTarget(input: { programme: "DIVERSITY", measure: PARTICIPANTS, periodFrom: "2024-12-31", periodTo: "2024-01-01", target: 1 }) { target } }`);
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.periodFrom' } });
  });

  it('pages through the audit log', async () => {
    const page1 = (await gqlAs(server.baseUrl, cookies.ADMIN, AUDIT)).body.data.auditLog;
    const page2 = (await gqlAs(server.baseUrl, cookies.ADMIN, `{ auditLog(first: 5, after: "${page1.nextCursor}") { entries { action } nextCursor } }`)).body.data.auditLog;
    expect(page2.entries.length).toBeGreaterThan(0);
    expect(Number(page1.nextCursor)).toBeGreaterThan(0);
  });
});
