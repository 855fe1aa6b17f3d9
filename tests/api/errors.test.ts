import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestServer, type TestServer } from '../helpers/server';

const AGGREGATE = 'query ($q: AggregateInput!) { aggregate(query: $q) { totals { value } truncated rows { measures { value } } } }';

describe('bad input gets a clear, typed 4xx error and the server carries on', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  async function expectNextRequestWorks() {
    const { status, body } = await gql(server.baseUrl, AGGREGATE, { q: { measures: ['PARTICIPANTS'], filter: { institutions: ['VERTE'], from: '2020-09-01', to: '2021-05-01' } } });
    expect(status).toBe(200);
    expect(body.data.aggregate.totals[0].value).toBe(60);
  }

  function expectClean(body: unknown) {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/stacktrace|at [\w.]+ \(|SELECT |knex|sqlite|node_modules/i);
  }

  it.each([
    ['an empty measure list', { measures: [] }, 'query.measures', /at least one measure/],
    ['an unknown region', { measures: ['PARTICIPANTS'], filter: { regions: ['0031000', 'LV-999'] } }, 'query.filter.regions[1]', /unknown region code "LV-999"/],
    ['an unknown institution', { measures: ['PARTICIPANTS'], filter: { institutions: ["x' OR 1=1 --"] } }, 'query.filter.institutions[0]', /unknown institution/],
    ['an unknown gender', { measures: ['PARTICIPANTS'], filter: { genders: ['Q'] } }, 'query.filter.genders[0]', /expected one of F, M, X/],
    ['from after to', { measures: ['PARTICIPANTS'], filter: { from: '2022-01-01', to: '2021-01-01' } }, 'query.filter.from', /after/],
    ['five dimensions', { measures: ['PARTICIPANTS'], dimensions: ['YEAR', 'GENDER', 'AGE_BAND', 'OUTCOME', 'PROGRAMME'] }, 'query.dimensions', /at most 4/],
    ['two time dimensions', { measures: ['PARTICIPANTS'], dimensions: ['YEAR', 'MONTH'] }, 'query.dimensions', /one time dimension/],
    ['a dimension of another fact', { measures: ['CONSULTATIONS'], dimensions: ['GENDER'] }, 'query.dimensions', /GENDER does not apply to measure CONSULTATIONS/],
    ['a filter of another fact', { measures: ['PARTICIPANTS'], filter: { stages: ['PRE_RELEASE'] } }, 'query.filter.stages', /stages does not apply to measure PARTICIPANTS/],
    ['a limit above the maximum', { measures: ['PARTICIPANTS'], limit: 1_000_000_000 }, 'query.limit', /between 1 and 10000/],
    ['a zero limit', { measures: ['PARTICIPANTS'], limit: 0 }, 'query.limit', /between 1 and 10000/],
    ['ordering by a measure not asked for', { measures: ['PARTICIPANTS'], orderBy: [{ measure: 'REINTEGRATED' }] }, 'query.orderBy[0]', /not among/],
  ])('%s → BAD_USER_INPUT', async (_name, q, field, message) => {
    const { status, body } = await gql(server.baseUrl, AGGREGATE, { q });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(body.errors![0].message).toMatch(message);
    expect(body.errors![0].message.startsWith(`${field}: `)).toBe(true);
    expectClean(body);
    await expectNextRequestWorks();
  });

  it.each([
    ['an unknown measure', { measures: ['PEOPLE'] }, /Measure/],
    ['an invalid date', { measures: ['PARTICIPANTS'], filter: { from: '2021-02-30' } }, /yyyy-mm-dd/],
    ['a date-time that is not one', { measures: ['PARTICIPANTS'], filter: { asOf: 'yesterday' } }, /ISO 8601/],
    ['a missing measure list', {}, /measures/],
  ])('%s in variables → 400 BAD_USER_INPUT', async (_name, q, message) => {
    const { status, body } = await gql(server.baseUrl, AGGREGATE, { q });
    expect(status).toBe(400);
    expect(body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0].message).toMatch(message);
    expectClean(body);
  });

  it.each([
    ['a syntax error', '{ aggregate(query: { measures: [PARTICIPANTS] } { totals { value } }', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ aggregate(query: { measures: [PARTICIPANTS] }) { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['an unknown enum literal', '{ aggregate(query: { measures: [PEOPLE] }) { truncated } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a bad date literal', '{ aggregate(query: { measures: [PARTICIPANTS], filter: { from: "1.5.2021" } }) { truncated } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('%s → 400', async (_name, query, code) => {
    const { status, body } = await gql(server.baseUrl, query);
    expect(status).toBe(400);
    expect(body.errors![0].extensions!.code).toBe(code);
    expectClean(body);
    await expectNextRequestWorks();
  });

  it('refuses too many aliases and too deep queries', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: health`).join(' ');
    const many = await gql(server.baseUrl, `{ ${aliases} }`);
    expect(many.status).toBe(400);
    expect(many.body.errors![0].message).toMatch(/alias|token/i);
    const deep = await gql(server.baseUrl, `{ targetGroups { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0].message).toMatch(/depth/i);
    await expectNextRequestWorks();
  });

  it('refuses batched requests and bodies over 1 MB', async () => {
    const batched = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ health }' }, { query: '{ health }' }]),
    });
    expect(batched.status).toBe(400);
    const huge = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    await expectNextRequestWorks();
  });

  it('says truncated when there are more rows than the limit', async () => {
    const { body } = await gql(server.baseUrl, AGGREGATE, { q: { measures: ['PARTICIPANTS'], dimensions: ['MUNICIPALITY'], limit: 3 } });
    expect(body.data.aggregate.rows).toHaveLength(3);
    expect(body.data.aggregate.truncated).toBe(true);
  });
});
