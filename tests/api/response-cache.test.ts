import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn, upload } from '../helpers/accounts';
import { csv, participationRow } from '../helpers/import-files';
import { startTestServer, type TestServer } from '../helpers/server';

const QUERY = `query { aggregate(query: { measures: [NEW_PARTICIPANTS], dimensions: [GENDER], filter: { institutions: ["VERTE"], from: "2022-01-01", to: "2022-12-31" } }) { rows { dimensions { code } measures { value suppressed } } totals { value suppressed } } }`;

async function post(baseUrl: string, query: string, cookie?: string) {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query }) });
  return { cache: response.headers.get('x-cache'), text: await response.text() };
}

describe('the GraphQL response cache', () => {
  let server: TestServer;
  let official: string;
  let manager: string;
  beforeAll(async () => {
    server = await startTestServer();
    official = (await signIn(server.baseUrl, 'official', await addUser(server, 'official', 'OFFICIAL'))).cookie;
    manager = (await signIn(server.baseUrl, 'manager', await addUser(server, 'manager', 'MANAGER', ['VERTE']))).cookie;
  });
  afterAll(() => server?.close());

  it('answers a repeated question from the cache, byte for byte', async () => {
    const first = await post(server.baseUrl, QUERY);
    const second = await post(server.baseUrl, QUERY);
    expect(first.cache).toBeNull();
    expect(second.cache).toBe('hit');
    expect(second.text).toBe(first.text);
  });

  it('keeps answers apart for viewers with different rights', async () => {
    const anonymous = await post(server.baseUrl, QUERY);
    const exact = await post(server.baseUrl, QUERY, official);
    expect(exact.cache).toBeNull();
    expect(JSON.parse(anonymous.text)).not.toEqual(JSON.parse(exact.text));
    expect((await post(server.baseUrl, QUERY, official)).cache).toBe('hit');
  });

  it('retires answers when an import changes the data', async () => {
    const before = JSON.parse((await post(server.baseUrl, QUERY, official)).text).data.aggregate.totals[0].value;
    const imported = await upload(server.baseUrl, manager, 'participation', csv('participation', Array.from({ length: 7 }, (_, i) => participationRow(i))));
    expect(imported.body.status).toBe('imported');
    const after = await post(server.baseUrl, QUERY, official);
    expect(after.cache).toBeNull();
    expect(JSON.parse(after.text).data.aggregate.totals[0].value).toBe(before + 7);
  });

  it('never caches mutations or answers that depend on more than the data', async () => {
    for (const query of ['{ me { username } }', '{ kpis { target } }', '{ aggregate(query: { measures: [PARTICIPANTS] }) { truncated } me { username } }']) {
      await post(server.baseUrl, query, official);
      expect((await post(server.baseUrl, query, official)).cache, query).toBeNull();
    }
  });
});
