import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases';
import { freePort, spawnServer, waitForStatus, type ServerProcess } from './server-process';
import { TcpProxy } from './tcp-proxy';

/*
 * The real server process (npm start) against a PostgreSQL that is not there yet, or that goes away:
 * the process stays up, says so on /readyz, answers the API with 503, and serves again by itself once
 * the database is back.
 */

const pgUrl = process.env.TEST_DATABASE_URL;
const AGGREGATE = JSON.stringify({ query: '{ aggregate(query: { measures: [PARTICIPANTS], filter: { institutions: ["VERTE"], from: "2020-09-01", to: "2021-05-01" } }) { totals { value } } }' });

async function ask(server: ServerProcess) {
  const response = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: AGGREGATE });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

const readyz = async (server: ServerProcess) => {
  const response = await fetch(`${server.baseUrl}/readyz`);
  return { status: response.status, body: await response.json() };
};

describe.skipIf(!testDatabases().some((d) => d.id === 'postgres'))('start-up and outages of PostgreSQL, in a real server process', () => {
  let admin: Knex;
  const created: string[] = [];
  const urlOf = (name: string, port?: number) => {
    const url = new URL(pgUrl!);
    url.pathname = `/${name}`;
    if (port) url.port = String(port);
    return url.toString();
  };
  const newName = () => {
    const name = `im_test_${crypto.randomBytes(6).toString('hex')}`;
    created.push(name);
    return name;
  };

  beforeAll(() => {
    admin = knex({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 1 } });
  });
  afterAll(async () => {
    for (const name of created) await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  });

  it('a database that does not exist yet: the process stays up, not ready, and serves once it is created', async () => {
    const name = newName();
    const server = await spawnServer(urlOf(name));
    try {
      await waitForStatus(server, '/healthz', 200);
      expect(await readyz(server)).toEqual({ status: 503, body: { status: 'starting', message: expect.stringMatching(/retries/) } });
      const early = await ask(server);
      expect(early.status).toBe(503);
      expect(early.retryAfter).toBe('5');
      expect(early.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(early.body.errors[0].message).toMatch(/starting and waiting for its database/);

      await sleep(2000);
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).toMatch(/the database is not available yet; retrying/);

      await admin.raw(`CREATE DATABASE ${name}`);
      await waitForStatus(server, '/readyz', 200, 120_000);
      expect(await ask(server)).toMatchObject({ status: 200, body: { data: { aggregate: { totals: [{ value: 60 }] } } } });
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  }, 180_000);

  it('a database host that is down at start, then comes up, then goes away and comes back', async () => {
    const name = newName();
    await admin.raw(`CREATE DATABASE ${name}`);
    const target = new URL(pgUrl!);
    const proxy = new TcpProxy(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    // The data version read on every request, so that the first request after the host goes away needs the
    // database (by default an anonymous one within DATA_VERSION_TTL_MS of the last read is answered from memory).
    const server = await spawnServer(urlOf(name, proxy.port), { DATA_VERSION_TTL_MS: '0' });
    try {
      await waitForStatus(server, '/healthz', 200);
      await sleep(1500);
      expect(server.child.exitCode).toBeNull();
      expect((await readyz(server)).status).toBe(503);
      expect((await ask(server)).status).toBe(503);

      await proxy.up();
      await waitForStatus(server, '/readyz', 200, 120_000);
      expect((await ask(server)).status).toBe(200);

      // The host goes away with connections open: answers are 503 with a clear message, the process lives.
      await proxy.down();
      const during = await ask(server);
      expect(during.status).toBe(503);
      expect(during.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(during.body.errors[0].message).toBe('The database is not available right now; please retry shortly.');
      expect(await readyz(server)).toEqual({ status: 503, body: { status: 'unavailable', message: 'The database is not reachable.' } });
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);

      await proxy.up();
      await waitForStatus(server, '/readyz', 200, 30_000);
      expect(await ask(server)).toMatchObject({ status: 200, body: { data: { aggregate: { totals: [{ value: 60 }] } } } });
    } finally {
      await proxy.down();
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  }, 180_000);
});
