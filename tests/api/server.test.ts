import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases';
import { gql, startTestServer, type TestServer } from '../helpers/server';
import { serverTimingParts } from '../helpers/metrics';

describe.each(testDatabases())('the HTTP server on $id', ({ id }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: id });
  });
  afterAll(() => server?.close());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('carries a request id on every response, keeping a sane one from the caller', async () => {
    const mine = await fetch(`${server.baseUrl}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const generated = await fetch(`${server.baseUrl}/healthz`, { headers: { 'x-request-id': 'no spaces <allowed>' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('times every answer in a Server-Timing header, the aggregate answer and its computation as parts', async () => {
    const health = serverTimingParts((await fetch(`${server.baseUrl}/healthz`)).headers.get('server-timing'));
    expect(Object.keys(health)).toEqual(['total']);
    expect(health.total).toBeGreaterThanOrEqual(0);
    // A period nothing has asked about yet (the warm-up asks the Overview's), in English, then in Latvian.
    const ask = async (lang: string) => {
      const { headers } = await gql(server.baseUrl, `{ aggregate(query: { measures: [PARTICIPANTS], dimensions: [MONTH], filter: { from: "2019-03-01", to: "2019-05-31" } }, lang: ${lang}) { totals { value } } }`);
      return serverTimingParts(headers.get('server-timing'));
    };
    const computed = await ask('EN');
    expect(Object.keys(computed).sort()).toEqual(['aggregate', 'compute', 'total']);
    expect(computed.compute).toBeGreaterThan(0);
    expect(computed.compute).toBeLessThanOrEqual(computed.aggregate);
    expect(computed.aggregate).toBeLessThanOrEqual(computed.total);
    // The same numbers in another language are labelled anew but not computed again: no compute part.
    const relabelled = await ask('LV');
    expect(Object.keys(relabelled).sort()).toEqual(['aggregate', 'total']);
  });

  it('looks up regions, with Latvian names and search without diacritics', async () => {
    const { body } = await gql(server.baseUrl, `{
      today: regions { code }
      reform: regions(validOn: "2021-07-01") { code }
      planning: regions(level: PLANNING_REGION) { code name(lang: LV) }
      search: regions(search: "jekabpils", includeHistoric: true) { code name(lang: LV) planningRegion { code } rollup { code } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.today).toHaveLength(42);
    expect(body.data.reform).toHaveLength(43);
    expect(body.data.planning).toContainEqual({ code: 'ZEMGALE', name: 'Zemgales plānošanas reģions' });
    expect(body.data.search).toContainEqual({ code: '0031000', name: 'Jēkabpils novads', planningRegion: { code: 'ZEMGALE' }, rollup: { code: '0031000' } });
  });

  it('looks up programmes, institutions and target groups', async () => {
    const { body } = await gql(server.baseUrl, `{
      programmes { code projectNo esfShare stateShare operator { code } }
      institutions(kind: PRISON) { code }
      sif: institutions(kind: FUND) { code children { code } }
      targetGroups { code parent { code } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.programmes).toContainEqual({ code: 'DIVERSITY', projectNo: '9.1.4.4./16/I/001', esfShare: 0.85, stateShare: 0.15, operator: { code: 'SIF' } });
    expect(body.data.institutions).toHaveLength(10);
    expect(body.data.sif).toEqual([{ code: 'SIF', children: [{ code: 'VERTE' }] }]);
    expect(body.data.targetGroups).toContainEqual({ code: 'AGE_50_PLUS', parent: { code: 'DISCRIMINATION_RISK' } });
  });

  it('serves the web app at / and at every app path', async () => {
    for (const path of ['/', '/regions', '/explorer?lang=lv']) {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<div id="app"');
    }
  });

  it('answers unknown API paths with a JSON 404, not the app', async () => {
    const response = await fetch(`${server.baseUrl}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NOT_FOUND' });
  });
});

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('sends a CSP without inline scripts, nosniff, a referrer policy, and forbids framing', async () => {
    const response = await fetch(`${server.baseUrl}/regions`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends the same headers with API answers and errors', async () => {
    const answers = [
      await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
      await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": not json' }),
      await fetch(`${server.baseUrl}/api/no-such-thing`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 400, 404]);
    for (const response of answers) {
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('lets /embed/ pages be framed by other sites', async () => {
    const response = await fetch(`${server.baseUrl}/embed/participants-by-year`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
  });
});

describe('source articles', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('serves each source article verbatim, and nothing else from its folder', async () => {
    const response = await fetch(`${server.baseUrl}/sources/004_53fb869fbaa92b81.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toContain('kopumā 3577 ieslodzītie');
    for (const name of ['nope.txt', '..%2Fload-reference.ts', '%2e%2e%2f%2e%2e%2fpackage.json']) {
      const refused = await fetch(`${server.baseUrl}/sources/${name}`);
      expect([400, 404], name).toContain(refused.status);
      expect(await refused.text()).not.toContain('import');
    }
  });

  it('marks published figures computed from demo data as synthetic', async () => {
    const { body } = await gql(server.baseUrl, '{ publishedFigures { id synthetic } }');
    expect(body.data.publishedFigures.every((f: { synthetic: boolean }) => f.synthetic)).toBe(true);
  });
});
