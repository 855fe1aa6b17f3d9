import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Users } from '../../server/auth/users';
import { ensureSeeded } from '../../seeds';
import { gqlAs, signIn, upload } from '../helpers/accounts';
import { testDatabases, type TestDatabase } from '../helpers/databases';
import { csv, participationRow } from '../helpers/import-files';
import { spawnServer, waitForStatus, type ServerProcess } from './server-process';

/*
 * Two server processes on different ports over one PostgreSQL, as N replicas behind a load balancer: a
 * session started on one is valid on the other (and ended everywhere by a logout within a second: each
 * shares a session's read for SESSION_TTL_MS, 250 ms), and data imported or rolled back through one is what
 * the other answers within a second (each shares its read of the data version for DATA_VERSION_TTL_MS,
 * 250 ms), its response cache notwithstanding.
 */

const postgres = testDatabases().find((d) => d.id === 'postgres');
const NEW_IN_2023 = '{ aggregate(query: { measures: [NEW_PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2023-01-01", to: "2023-12-31" } }) { totals { value } } }';
const PASSWORD = 'replica-password-long-enough';

describe.skipIf(!postgres)('two replicas over one PostgreSQL', () => {
  let database: Awaited<ReturnType<TestDatabase['create']>>;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await postgres!.create();
    // Migrated and seeded once, as a deployment step, so the replicas start on a ready database.
    await ensureSeeded(database.db);
    await new Users(database.db).add({ username: 'replica-manager', password: PASSWORD, role: 'MANAGER', institutions: ['VERTE'] }, 'test');
    [a, b] = await Promise.all([spawnServer(database.url), spawnServer(database.url)]);
    await Promise.all([waitForStatus(a, '/readyz', 200, 120_000), waitForStatus(b, '/readyz', 200, 120_000)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  const me = async (server: ServerProcess, cookie: string) => (await gqlAs(server.baseUrl, cookie, '{ me { username role } }')).body.data.me;
  const newIn2023 = async (server: ServerProcess, cookie: string) => (await gqlAs(server.baseUrl, cookie, NEW_IN_2023)).body.data.aggregate.totals[0].value as number;
  /** Asks until the answer is `expected`; an answer to a question asked over a second after `since` that is still not, fails. */
  const seenWithinASecond = async (ask: () => Promise<number>, expected: number, since: number) => {
    for (;;) {
      const askedAt = Date.now();
      const answer = await ask();
      if (answer === expected) return;
      if (askedAt - since > 1000) expect(answer, `asked ${askedAt - since} ms after the change`).toBe(expected);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('a session started on one replica is valid on the other, and a logout on either ends it there at once and on the other within a second', async () => {
    const { cookie } = await signIn(a.baseUrl, 'replica-manager', PASSWORD);
    expect(await me(a, cookie)).toEqual({ username: 'replica-manager', role: 'MANAGER' });
    expect(await me(b, cookie)).toEqual({ username: 'replica-manager', role: 'MANAGER' });
    await gqlAs(b.baseUrl, cookie, 'mutation { logout }');
    const loggedOutAt = Date.now();
    expect(await me(b, cookie)).toBeNull();
    await seenWithinASecond(async () => ((await me(a, cookie)) === null ? 1 : 0), 1, loggedOutAt);
  });

  it('an import through one replica, and its rollback through the other, are seen by that one at once and by the other within a second', async () => {
    const { cookie } = await signIn(a.baseUrl, 'replica-manager', PASSWORD);
    const before = await newIn2023(b, cookie);
    // Asked twice on each replica: the answer now sits in both response caches.
    expect(await newIn2023(b, cookie)).toBe(before);
    expect(await newIn2023(a, cookie)).toBe(before);

    const rows = Array.from({ length: 25 }, (_, i) => participationRow(i, { record_id: `R-${i}`, person_key: `replica${String(i).padStart(8, '0')}`, entry_date: '2023-03-01', exit_date: '2023-06-30', outcome_date: '2023-06-30' }));
    const imported = await upload(a.baseUrl, cookie, 'participation', csv('participation', rows), 'replica.csv');
    const importedAt = Date.now();
    expect(imported).toMatchObject({ status: 200, body: { status: 'imported', rows: 25 } });
    // The replica that imported answers with it at once; the other within a second, cached answers or not.
    expect(await newIn2023(a, cookie)).toBe(before + 25);
    await seenWithinASecond(() => newIn2023(b, cookie), before + 25, importedAt);

    const rolledBack = await gqlAs(b.baseUrl, cookie, 'mutation ($d: ID!) { rollbackImport(dataset: $d) }', { d: imported.body.dataset });
    const rolledBackAt = Date.now();
    expect(rolledBack.body).toEqual({ data: { rollbackImport: true } });
    expect(await newIn2023(b, cookie)).toBe(before);
    await seenWithinASecond(() => newIn2023(a, cookie), before, rolledBackAt);
  });
});
