import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context';
import { queryTimeout, serviceUnavailable } from '../../server/errors';
import { registerExportRoutes } from '../../server/export/routes';
import { gql, startTestServer, type TestServer } from '../helpers/server';

const VALID = { measures: ['PARTICIPANTS'], filter: { institutions: ['VERTE'], from: '2020-09-01', to: '2021-05-01' } };

function expectClean(text: string) {
  expect(text).not.toMatch(/stack|at [\w.<>]+ \(|SELECT |knex|sqlite|node_modules/i);
}

describe('export parameters: anything bad is a 400 naming the problem', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const get = async (params: Record<string, string | string[]>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
    const response = await fetch(`${server.baseUrl}/api/export?${search}`);
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), text, body: JSON.parse(text) as { error: string; message: string; field: string } };
  };
  const q = (query: unknown) => JSON.stringify(query);

  it.each([
    ['an unknown format', { format: 'pdf', query: q(VALID) }, 'BAD_REQUEST', 'format', /unknown format "pdf"; expected one of csv, xlsx, json, datapackage, zip/],
    ['no format', { query: q(VALID) }, 'BAD_REQUEST', 'format', /missing/],
    ['the format twice', { format: ['csv', 'json'], query: q(VALID) }, 'BAD_REQUEST', 'format', /more than once/],
    ['an unknown language', { format: 'csv', lang: 'de', query: q(VALID) }, 'BAD_REQUEST', 'lang', /unknown language "de"; expected lv or en/],
    ['a language named like an object property', { format: 'csv', lang: 'constructor', query: q(VALID) }, 'BAD_REQUEST', 'lang', /unknown language "constructor"/],
    ['no query', { format: 'csv' }, 'BAD_REQUEST', 'query', /missing; give the JSON of an AggregateInput/],
    ['a query that is not JSON', { format: 'csv', query: '{measures:[PARTICIPANTS]' }, 'BAD_REQUEST', 'query', /not valid JSON/],
    ['a null query', { format: 'csv', query: 'null' }, 'BAD_USER_INPUT', 'query', /not to be null/],
    ['no measures', { format: 'csv', query: q({ dimensions: ['YEAR'] }) }, 'BAD_USER_INPUT', 'query', /Field "measures" of required type "\[Measure!\]!" was not provided/],
    ['an unknown measure', { format: 'csv', query: q({ measures: ['PEOPLE'] }) }, 'BAD_USER_INPUT', 'query.measures[0]', /Value "PEOPLE" does not exist in "Measure" enum/],
    ['an unknown dimension', { format: 'xlsx', query: q({ measures: ['PARTICIPANTS'], dimensions: ['YEAR', 'COUNTY'] }) }, 'BAD_USER_INPUT', 'query.dimensions[1]', /"COUNTY" does not exist in "Dimension" enum/],
    ['an unknown filter field', { format: 'json', query: q({ measures: ['PARTICIPANTS'], filter: { region: ['0031000'] } }) }, 'BAD_USER_INPUT', 'query.filter', /Field "region" is not defined by type "AggregateFilter"/],
    ['a limit that is not an integer', { format: 'csv', query: q({ measures: ['PARTICIPANTS'], limit: 'ten' }) }, 'BAD_USER_INPUT', 'query.limit', /Int cannot represent/],
    ['a date that does not exist', { format: 'csv', query: q({ measures: ['PARTICIPANTS'], filter: { from: '2021-02-30' } }) }, 'BAD_USER_INPUT', 'query.filter.from', /Date must be a calendar date written yyyy-mm-dd/],
    ['an unknown region code', { format: 'zip', query: q({ measures: ['PARTICIPANTS'], filter: { regions: ['0031000', 'LV-999'] } }) }, 'BAD_USER_INPUT', 'query.filter.regions[1]', /unknown region code "LV-999"/],
    ['from after to', { format: 'csv', query: q({ measures: ['PARTICIPANTS'], filter: { from: '2022-01-01', to: '2021-01-01' } }) }, 'BAD_USER_INPUT', 'query.filter.from', /from \(2022-01-01\) is after to \(2021-01-01\)/],
    ['five dimensions', { format: 'datapackage', query: q({ measures: ['PARTICIPANTS'], dimensions: ['YEAR', 'GENDER', 'AGE_BAND', 'OUTCOME', 'PROGRAMME'] }) }, 'BAD_USER_INPUT', 'query.dimensions', /at most 4/],
  ])('%s → 400 %s', async (_name, params, error, field, message) => {
    const response = await get(params);
    expect(response.status).toBe(400);
    expect(response.type).toMatch(/^application\/json/);
    expect(response.body).toEqual({ error, field, message: expect.stringMatching(message) });
    expect(response.body.message.startsWith(`${field}: `)).toBe(true);
    expectClean(response.text);
  });

  it('names a data problem exactly as the GraphQL endpoint does', async () => {
    const query = { measures: ['CONSULTATIONS'], dimensions: ['GENDER'] };
    const exported = await get({ format: 'csv', query: q(query) });
    const graphql = await gql(server.baseUrl, 'query ($q: AggregateInput!) { aggregate(query: $q) { truncated } }', { q: query });
    expect(graphql.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: exported.body.field });
    expect(exported.body.message).toBe(graphql.body.errors![0].message);
  });

  it('defaults to English and takes the language in either case', async () => {
    const label = async (lang?: string) => {
      const query = q({ measures: ['PARTICIPANTS'], dimensions: ['GENDER'], filter: VALID.filter });
      const response = await fetch(`${server.baseUrl}/api/export?${new URLSearchParams({ format: 'csv', query, ...(lang ? { lang } : {}) })}`);
      return (await response.text()).split('\r\n')[1].split(',')[1];
    };
    expect(await label()).toBe('Women');
    expect(await label('LV')).toBe('Sievietes');
    expect(await label('lv')).toBe('Sievietes');
  });
});

describe('export failures of the database or the server', () => {
  /** The export routes alone, over services whose every call fails the given way. */
  async function failingApp(failure: () => Error) {
    const app = Fastify({ logger: false });
    const fail = async () => {
      throw failure();
    };
    registerExportRoutes(app, { analytics: { dataState: fail, aggregate: fail }, figures: { reproducedBy: fail } } as unknown as Services);
    await app.ready();
    const response = await app.inject({ method: 'GET', url: `/api/export?format=csv&query=${encodeURIComponent(JSON.stringify(VALID))}` });
    await app.close();
    return response;
  }

  it.each([
    ['an unreachable database', 'SERVICE_UNAVAILABLE', serviceUnavailable],
    ['a query that timed out', 'QUERY_TIMEOUT', queryTimeout],
  ])('%s → 503 %s, as GraphQL answers it', async (_name, code, failure) => {
    const response = await failingApp(failure);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: code, message: failure().message });
  });

  it('an unexpected error → 500 that tells nothing of its cause', async () => {
    const response = await failingApp(() => new Error('SQLITE_ERROR: no such table: participation in SELECT COUNT(*) FROM participation'));
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    expectClean(response.body);
  });
});
