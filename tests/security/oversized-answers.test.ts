import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestServer, type TestServer } from '../helpers/server';

/*
 * One anonymous request that asks for every month of two centuries by municipality, target group and age
 * band: about 2,400 × 160 × 10 × 6 cells. The plan bounds the cells an answer may have, so it is refused
 * before any data is read, like any other query the server will not answer.
 */

const HUGE = { measures: ['PARTICIPANTS', 'REINTEGRATION_RATE'], dimensions: ['MONTH', 'MUNICIPALITY', 'TARGET_GROUP', 'AGE_BAND'], filter: { from: '1900-01-01', to: '2100-12-31' } };
const AGGREGATE = 'query ($q: AggregateInput!) { aggregate(query: $q) { truncated } }';

describe('a query whose answer would have millions of cells', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('is refused with BAD_USER_INPUT naming the dimensions', async () => {
    const { status, body } = await gql(server.baseUrl, AGGREGATE, { q: HUGE });
    expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(body.errors![0].message).toMatch(/^query\.dimensions: this breakdown has up to [\d,]+ cells/);
  });

  it('does not take the server down: at most it asks to retry once, while its event loop catches up', async () => {
    const ask = () => gql(server.baseUrl, AGGREGATE, { q: { measures: ['PARTICIPANTS'], dimensions: ['YEAR'] } });
    let answer = await ask();
    if (answer.status === 503) {
      expect(answer.body.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      answer = await ask();
    }
    expect(answer.status).toBe(200);
    expect(answer.body.data.aggregate.truncated).toBe(false);
  });
});
