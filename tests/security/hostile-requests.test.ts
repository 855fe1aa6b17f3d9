import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, signIn } from '../helpers/accounts';
import { testDatabases } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { errorCode, errorMessages, rawRequest, type RawRequest } from './raw-http';

/*
 * A catalogue of hostile and malformed requests, sent over real HTTP to a real server. Each line: what is
 * sent, the status and error code it must get, and (optionally) what the message must say. Every answer
 * must also be free of stack traces and SQL, and the server must answer the next normal request.
 */

const JSON_TYPE = { 'content-type': 'application/json' };
const PREFLIGHT = { 'apollo-require-preflight': '1' };
const AGGREGATE = 'query ($q: AggregateInput!) { aggregate(query: $q) { totals { value } } }';
const VERTE = { measures: ['PARTICIPANTS'], filter: { institutions: ['VERTE'], from: '2020-09-01', to: '2021-05-01' } };

/** What SQL injection looks like; each string argument gets every one. The last would stall a vulnerable PostgreSQL. */
const SQL = ["' OR '1'='1", "x'; DROP TABLE participation; --", '1) UNION SELECT password_hash FROM app_user --', '" OR ""="', "%' AND pg_sleep(3) IS NULL --"];
/** Search terms that are legal but awkward: right-to-left override, zero-width space, emoji, lone surrogates, NUL, combining marks. */
const UNICODE = ['\u202Ejekabpils', 'je\u200Bkabpils', '😀🇱🇻', '\uD800', 'a\uDC00b', '\u0000', 'Je\u0304kabpils', 'ﷺ'.repeat(50), '\uFEFF'];

/** Which measure each list filter applies to (a filter of the other fact is its own, different error). */
const FILTER_MEASURE: Record<string, string> = {
  programmes: 'PARTICIPANTS', institutions: 'PARTICIPANTS', regions: 'PARTICIPANTS', targetGroups: 'PARTICIPANTS', genders: 'PARTICIPANTS',
  ageBands: 'PARTICIPANTS', outcomes: 'PARTICIPANTS', datasets: 'PARTICIPANTS', sites: 'CONSULTATIONS', stages: 'CONSULTATIONS',
  formats: 'CONSULTATIONS', modes: 'CONSULTATIONS',
};

type As = 'admin' | 'manager' | 'official';
type Request = RawRequest & { as?: As };
/** [what, request, status, error code (undefined: a normal answer), message] */
type Case = [string, Request, number, string | undefined, RegExp?];

const post = (body: string | Buffer, headers: Record<string, string> = JSON_TYPE): Request => ({ method: 'POST', path: '/graphql', headers, body });
const gql = (query: string, variables?: unknown, as?: As): Request => ({ ...post(JSON.stringify({ query, variables })), as });
const gqlGet = (query: string, headers: Record<string, string> = PREFLIGHT): Request => ({ path: `/graphql?query=${encodeURIComponent(query)}`, headers });
const aggregate = (q: unknown) => gql(AGGREGATE, { q });
const get = (path: string, headers?: Record<string, string>): Request => ({ path, headers });
const exportOf = (params: Record<string, string>) => get(`/api/export?${new URLSearchParams(params)}`);
const importAs = (kind: string): Request => ({ method: 'POST', path: `/api/import?kind=${encodeURIComponent(kind)}`, headers: { ...PREFLIGHT, 'content-type': 'text/csv' }, body: 'a,b\n1,2\n', as: 'manager' });
const login = (username: string, password: string) => gql('mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username } }', { u: username, p: password });
const kpiTarget = (input: Record<string, unknown>) =>
  gql('mutation ($i: KpiTargetInput!) { setKpiTarget(input: $i) { id target } }', { i: { programme: 'DIVERSITY', measure: 'PARTICIPANTS', periodFrom: '2024-01-01', periodTo: '2024-12-31', target: 10, ...input } }, 'official');
const nested = (depth: number) => `{ targetGroups { ${'parent { '.repeat(depth)}code${' }'.repeat(depth)} } }`;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
/** Each fragment spreads the next twice: 2^7 copies of the innermost from 600 characters. */
const fragmentBomb = `{ institutions { ...F0 } } ${Array.from({ length: 8 }, (_, i) => (i < 7 ? `fragment F${i} on Institution { code children { ...F${i + 1} } parent { ...F${i + 1} } }` : `fragment F${i} on Institution { code name }`)).join(' ')}`;

const CASES: Case[] = [
  // The body and its type
  ['malformed JSON', post('{"query": "{ health }"'), 400, 'BAD_REQUEST', /not valid JSON/],
  ['an empty JSON body', post(''), 400, 'BAD_REQUEST', /cannot be empty/],
  ['JSON null', post('null'), 400, 'BAD_REQUEST', /POST body missing/],
  ['a JSON string', post('"{ health }"'), 400, 'BAD_REQUEST', /POST body missing/],
  ['JSON with a lone surrogate escape and invalid UTF-8 bytes', post(Buffer.concat([Buffer.from('{"query":"{ health }","variables":{"s":"\\ud800'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')])), 200, undefined],
  ['text/plain (a form a cross-site page can send)', post('{"query":"{ health }"}', { 'content-type': 'text/plain' }), 400, 'BAD_REQUEST', /Cross-Site Request Forgery/],
  ['application/x-www-form-urlencoded', post('query={health}', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['multipart/form-data', post('--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ health }\r\n--x--\r\n', { 'content-type': 'multipart/form-data; boundary=x' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['application/xml', post('<query>{ health }</query>', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['no content type', post('{"query":"{ health }"}', {}), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a 2 MB query text', post(JSON.stringify({ query: `{ health ${' '.repeat(2 * 1024 * 1024)}}` })), 413, 'PAYLOAD_TOO_LARGE', /too large/],
  ['a batch of one', post(JSON.stringify([{ query: '{ health }' }])), 400, 'BAD_REQUEST', /batching disabled/],
  ['a query that is not a string', post(JSON.stringify({ query: { health: true } })), 400, 'BAD_REQUEST', /must be strings/],
  ['variables as a JSON string', post(JSON.stringify({ query: '{ health }', variables: '{}' })), 400, 'BAD_REQUEST', /should be provided as an object/],
  ['an unknown operation name', post(JSON.stringify({ query: 'query A { health }', operationName: 'B' })), 400, 'OPERATION_RESOLUTION_FAILURE', /Unknown operation named "B"/],
  // Apollo's protocol answers a persisted-query hash with 200 so that such clients resend the whole query.
  ['a persisted-query hash', post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })), 200, 'PERSISTED_QUERY_NOT_SUPPORTED'],
  // Methods
  ['GET without the CSRF preflight header', gqlGet('{ health }', {}), 400, 'BAD_REQUEST', /Cross-Site Request Forgery/],
  ['a GET mutation (logout)', gqlGet('mutation { logout }'), 405, 'BAD_REQUEST', /only support query operations/],
  ['a GET mutation (login)', gqlGet('mutation { login(username: "a", password: "b") { username } }'), 405, 'BAD_REQUEST', /only support query operations/],
  ['PUT /graphql', { ...post('{"query":"{ health }"}'), method: 'PUT' }, 404, 'NOT_FOUND'],
  // Query size, depth and shape
  ['a syntax error', gql('{ health'), 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
  ['100 levels of nesting', gql(nested(100)), 400, 'GRAPHQL_VALIDATION_FAILED', /depth limit of 10/],
  ['3,000 nested braces', gql(`{ a${' { a'.repeat(3000)}${' }'.repeat(3001)}`), 400, 'GRAPHQL_PARSE_FAILED', /more that 2000 tokens/],
  ['16 aliases, one over the limit', gql(aliases(16, 'health')), 400, 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 15/],
  ['1,000 aliased aggregates', gql(aliases(1000, 'aggregate(query: { measures: [PARTICIPANTS] }) { truncated }')), 400, 'GRAPHQL_PARSE_FAILED', /tokens/],
  ['a fragment cycle', gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot spread fragment "A" within itself via "B"/],
  ['a fragment spreading itself', gql('{ ...A } fragment A on Query { health ...A }'), 400, 'GRAPHQL_VALIDATION_FAILED', /within itself/],
  ['a fragment bomb', gql(fragmentBomb), 400, 'GRAPHQL_VALIDATION_FAILED', /Cost limit of 5000/],
  ['11 directives', gql(`{ health ${'@skip(if: false) '.repeat(11)}}`), 400, 'GRAPHQL_VALIDATION_FAILED', /Directives limit of 10/],
  // Values the schema or the data refuse
  ['100,000 region codes', aggregate({ measures: ['PARTICIPANTS'], filter: { regions: Array(100_000).fill('R') } }), 400, 'BAD_USER_INPUT', /at most 500 codes, got 100000/],
  ['501 valid region codes', aggregate({ measures: ['PARTICIPANTS'], filter: { regions: Array(501).fill('0031000') } }), 400, 'BAD_USER_INPUT', /at most 500 codes/],
  ['limit: 1e9 written as a literal', gql('{ aggregate(query: { measures: [PARTICIPANTS], limit: 1e9 }) { truncated } }'), 400, 'GRAPHQL_VALIDATION_FAILED', /Int cannot represent non-integer value: 1e9/],
  ['limit: 1000000000 written as a literal', gql('{ aggregate(query: { measures: [PARTICIPANTS], limit: 1000000000 }) { truncated } }'), 400, 'BAD_USER_INPUT', /between 1 and 10000/],
  ['limit: 2^31 in variables', aggregate({ measures: ['PARTICIPANTS'], limit: 2 ** 31 }), 400, 'BAD_USER_INPUT', /non 32-bit signed integer/],
  ['limit: -1', aggregate({ measures: ['PARTICIPANTS'], limit: -1 }), 400, 'BAD_USER_INPUT', /between 1 and 10000/],
  ['an unknown enum literal', gql('{ regions(level: COUNTY) { code } }'), 400, 'GRAPHQL_VALIDATION_FAILED', /"COUNTY" does not exist in "RegionLevel" enum/],
  ['an unknown language in variables', gql('query ($l: Lang) { aggregate(query: { measures: [PARTICIPANTS] }, lang: $l) { truncated } }', { l: 'DE' }), 400, 'BAD_USER_INPUT', /"DE" does not exist in "Lang" enum/],
  ['an unknown boundaries value', aggregate({ measures: ['PARTICIPANTS'], boundaries: 'ANCIENT' }), 400, 'BAD_USER_INPUT', /"ANCIENT" does not exist in "Boundaries" enum/],
  ['a lower-case enum value', aggregate({ measures: ['participants'] }), 400, 'BAD_USER_INPUT', /"participants" does not exist/],
  ['29 February of a common year', gql('{ regions(validOn: "2021-02-29") { code } }'), 400, 'GRAPHQL_VALIDATION_FAILED', /calendar date written yyyy-mm-dd/],
  ['a date in year 9999', aggregate({ measures: ['PARTICIPANTS'], filter: { from: '9999-01-01' } }), 400, 'BAD_USER_INPUT', /between 1900-01-01 and 2100-12-31/],
  ['a date with a time', aggregate({ measures: ['PARTICIPANTS'], filter: { to: '2021-01-01T00:00:00Z' } }), 400, 'BAD_USER_INPUT', /yyyy-mm-dd/],
  ['a date-time without a zone', gql('{ kpis(asOf: "2021-01-01T00:00") { target } }'), 400, 'GRAPHQL_VALIDATION_FAILED', /ISO 8601/],
  ['a KPI year out of range', gql('{ kpis(year: 99999) { target } }'), 400, 'BAD_USER_INPUT', /out of range/],
  ['a lone surrogate as a region code', aggregate({ measures: ['PARTICIPANTS'], filter: { regions: ['\uD800'] } }), 400, 'BAD_USER_INPUT', /unknown region code/],
  ['a region search of 101 characters', gql('query ($s: String) { regions(search: $s) { code } }', { s: 'x'.repeat(101) }), 400, 'BAD_USER_INPUT', /at most 100 characters/],
  // SQL-looking strings in every string argument
  ...Object.entries(FILTER_MEASURE).flatMap(([filter, measure]) =>
    SQL.map((s): Case => [`SQL in filter.${filter}: ${s}`, aggregate({ measures: [measure], filter: { [filter]: [s] } }), 400, 'BAD_USER_INPUT', /unknown/]),
  ),
  ...SQL.map((s): Case => [`SQL in filter.asOf: ${s}`, aggregate({ measures: ['PARTICIPANTS'], filter: { asOf: s } }), 400, 'BAD_USER_INPUT', /ISO 8601/]),
  ...SQL.map((s): Case => [`SQL in regions(search:) finds nothing: ${s}`, gql('query ($s: String) { regions(search: $s, includeHistoric: true) { code } }', { s }), 200, undefined]),
  ...SQL.map((s): Case => [`SQL in kpis(programme:): ${s}`, gql('query ($p: ID) { kpis(programme: $p) { target } }', { p: s }), 400, 'BAD_USER_INPUT', /unknown programme/]),
  ...SQL.map((s): Case => [`SQL as a login username: ${s}`, login(s, 'a-password-long-enough'), 401, 'UNAUTHENTICATED', /Wrong username or password/]),
  ...SQL.map((s): Case => [`SQL as a login password: ${s}`, login('nobody', s), 401, 'UNAUTHENTICATED', /Wrong username or password/]),
  ...SQL.map((s): Case => [`SQL in auditLog(action:), as an admin: ${s}`, gql('query ($a: String) { auditLog(action: $a) { entries { id } } }', { a: s }, 'admin'), 200, undefined]),
  ...SQL.map((s): Case => [`SQL in auditLog(after:), as an admin: ${s}`, gql('query ($a: ID) { auditLog(after: $a) { entries { id } } }', { a: s }, 'admin'), 200, undefined]),
  ...SQL.map((s): Case => [`SQL in rollbackImport(dataset:), as an admin: ${s}`, gql('mutation ($d: ID!) { rollbackImport(dataset: $d) }', { d: s }, 'admin'), 400, 'BAD_USER_INPUT', /no imported dataset/]),
  ...SQL.map((s): Case => [`SQL in setKpiTarget region: ${s}`, kpiTarget({ region: s }), 400, 'BAD_USER_INPUT', /unknown region code/]),
  ...SQL.map((s): Case => [`SQL in setKpiTarget programme: ${s}`, kpiTarget({ programme: s }), 400, 'BAD_USER_INPUT', /unknown programme/]),
  ...SQL.map((s): Case => [`SQL in a KPI note is stored as text: ${s}`, kpiTarget({ note: s }), 200, undefined]),
  ...SQL.map((s): Case => [`SQL in the export query: ${s}`, exportOf({ format: 'csv', query: JSON.stringify({ measures: ['PARTICIPANTS'], filter: { regions: [s] } }) }), 400, 'BAD_USER_INPUT', /unknown region code/]),
  ...SQL.map((s): Case => [`SQL as the export format: ${s}`, exportOf({ format: s, query: JSON.stringify(VERTE) }), 400, 'BAD_REQUEST', /unknown format/]),
  ...SQL.map((s): Case => [`SQL as the export language: ${s}`, exportOf({ format: 'csv', lang: s, query: JSON.stringify(VERTE) }), 400, 'BAD_REQUEST', /unknown language/]),
  ...SQL.map((s): Case => [`SQL as the import kind: ${s}`, importAs(s), 400, 'BAD_REQUEST', /kind must be participation or consultation/]),
  ...SQL.map((s): Case => [`SQL as the template kind: ${s}`, get(`/api/import/template?kind=${encodeURIComponent(s)}`), 400, 'BAD_REQUEST', /kind must be/]),
  // Unicode edge cases: legal, so answered, never an error
  ...UNICODE.map((s): Case => [`search ${JSON.stringify(s)}`, gql('query ($s: String) { regions(search: $s, includeHistoric: true) { code } }', { s }), 200, undefined]),
  ['a login username in right-to-left and zero-width characters', login('\u202Eadmin\u200B', 'a-password-long-enough'), 401, 'UNAUTHENTICATED'],
  // Headers
  ['a 64 KB header', get('/healthz', { 'x-padding': 'x'.repeat(64 * 1024) }), 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', /exceed 16 KB/],
  ['a 64 KB cookie', get('/healthz', { cookie: `im_session=${'x'.repeat(64 * 1024)}` }), 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE'],
  ['an export link longer than 16 KB', exportOf({ format: 'csv', query: JSON.stringify({ measures: ['PARTICIPANTS'], filter: { regions: Array(2000).fill('0031000') } }) }), 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', /POST \/graphql/],
  ['a forged 10 KB session cookie', { ...gql('{ me { username } }'), headers: { ...JSON_TYPE, cookie: `im_session=${'x'.repeat(10 * 1024)}` } }, 200, undefined],
  ['a session cookie of SQL', { ...gql('{ me { username } }'), headers: { ...JSON_TYPE, cookie: `im_session=${encodeURIComponent(SQL[0])}` } }, 200, undefined],
  // Path traversal in static URLs and export parameters
  ['/../../etc/passwd', get('/../../etc/passwd'), 400, 'BAD_REQUEST', /may not contain/],
  ['/assets/..%2f..%2fpackage.json', get('/assets/..%2f..%2fpackage.json'), 400, 'BAD_REQUEST', /may not contain/],
  ['/assets/%2e%2e/%2e%2e/package.json', get('/assets/%2e%2e/%2e%2e/package.json'), 400, 'BAD_REQUEST', /may not contain/],
  ['/%2E%2E/%2E%2E/etc/passwd', get('/%2E%2E/%2E%2E/etc/passwd'), 400, 'BAD_REQUEST', /may not contain/],
  ['double-encoded /assets/..%252f..%252fpackage.json', get('/assets/..%252f..%252fpackage.json'), 400, 'BAD_REQUEST', /may not contain/],
  ['backslashes /..%5c..%5cpackage.json', get('/..%5c..%5cpackage.json'), 400, 'BAD_REQUEST', /may not contain/],
  ['overlong UTF-8 dots /assets/%c0%ae%c0%ae/package.json', get('/assets/%c0%ae%c0%ae/package.json'), 400, 'BAD_REQUEST', /not a valid URL/],
  ['a NUL byte /index.html%00.js', get('/index.html%00.js'), 400, 'BAD_REQUEST', /may not contain/],
  ['/assets/../../server/config.ts', get('/assets/../../server/config.ts'), 400, 'BAD_REQUEST', /may not contain/],
  ['/embed/..%2f..%2f.env', get('/embed/..%2f..%2f.env'), 400, 'BAD_REQUEST', /may not contain/],
  ['a hidden file /.env', get('/.env'), 404, 'NOT_FOUND'],
  ['a hidden folder /.git/config', get('/.git/config'), 404, 'NOT_FOUND'],
  ['a source file /server/config.ts', get('/server/config.ts'), 404, 'NOT_FOUND'],
  ['/package.json', get('/package.json'), 404, 'NOT_FOUND'],
  ['traversal in the export path /api/export/..%2f..%2fpackage.json', get('/api/export/..%2f..%2fpackage.json'), 400, 'BAD_REQUEST', /may not contain/],
  ['traversal as the export format', exportOf({ format: '../../../etc/passwd', query: JSON.stringify(VERTE) }), 400, 'BAD_REQUEST', /unknown format/],
  ['traversal as the export language', exportOf({ format: 'csv', lang: '..%2f..%2fetc/passwd', query: JSON.stringify(VERTE) }), 400, 'BAD_REQUEST', /unknown language/],
  ['traversal as the template kind', get('/api/import/template?kind=../../package.json'), 400, 'BAD_REQUEST', /kind must be/],
  ['an invalid percent-encoding /%ZZ', get('/%ZZ'), 400, 'BAD_REQUEST', /not a valid URL/],
];

/** A stack frame, a source path, SQL or a database driver's name: what an answer must never carry. */
const LEAK = /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|\b(SELECT|INSERT|UPDATE|DELETE)\s|\bFROM\s+"?\w+|knex|sqlite|postgres|\bpg_|stacktrace/i;
/**
 * What the catalogue itself sends, which an answer may quote back ("unknown region code "' OR '1'='1""),
 * whole or cut short, plain or JSON-escaped: removed before looking for leaks.
 */
const SENT = SQL.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
  .flatMap((s) => Array.from({ length: s.length - 11 }, (_, i) => s.slice(0, s.length - i)))
  .sort((a, b) => b.length - a.length);

describe.each(testDatabases())('hostile and malformed requests on $id', ({ id }) => {
  let server: TestServer;
  const cookies: Partial<Record<As, string>> = {};
  let factsBefore: number;

  const facts = async () => Number((await server.db('participation').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    server = await startTestServer({ engine: id });
    for (const [role, name] of [['admin', 'ADMIN'], ['manager', 'MANAGER'], ['official', 'OFFICIAL']] as const) {
      const password = await addUser(server, `hostile-${role}`, name, name === 'MANAGER' ? ['VERTE'] : []);
      cookies[role] = (await signIn(server.baseUrl, `hostile-${role}`, password)).cookie;
    }
    factsBefore = await facts();
  });
  afterAll(() => server?.close());

  const send = ({ as, ...request }: Request) =>
    rawRequest(server.baseUrl, as ? { ...request, headers: { ...request.headers, cookie: cookies[as]! } } : request);

  const table = CASES.map(([name, request, status, code, message]) => [name, status, code ?? 'answered', request, message] as const);
  it.each(table)('%s → %i %s', async (_name, status, code, request, message) => {
    const answer = await send(request);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(errorCode(answer.json) ?? 'answered').toBe(code);
    if (message) expect(errorMessages(answer.json)).toMatch(message);
    const quoted = SENT.reduce((text, s) => text.split(s).join(''), answer.text);
    expect(quoted).not.toMatch(LEAK);

    const next = await send(aggregate(VERTE));
    expect(next.status).toBe(200);
    expect(next.json.data.aggregate.totals).toEqual([{ value: 60 }]);
  });

  it('stored a KPI note of SQL as plain text, and lost no data', async () => {
    const notes = await server.db('kpi_target').whereNotNull('note').pluck('note');
    expect(notes).toEqual(expect.arrayContaining(SQL));
    expect(await facts()).toBe(factsBefore);
  });
});
