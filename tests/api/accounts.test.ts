import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_USER } from '../../server/auth/login';
import { addUser, gqlAs, signIn } from '../helpers/accounts';
import { testDatabases } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(testDatabases())('accounts and sessions on $id', ({ id }) => {
  let server: TestServer;
  let password: string;
  beforeAll(async () => {
    server = await startTestServer({ engine: id });
    password = await addUser(server, 'official', 'OFFICIAL');
  });
  afterAll(() => server?.close());

  it('creates no account by itself', async () => {
    const fresh = await startTestServer({ engine: id });
    try {
      expect(await fresh.db('app_user').count({ n: '*' })).toEqual([{ n: id === 'postgres' ? '0' : 0 }]);
    } finally {
      await fresh.close();
    }
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie and answers `me`', async () => {
    const { body, setCookie, cookie } = await signIn(server.baseUrl, 'official', password);
    expect(body.data.login).toEqual({ username: 'official', role: 'OFFICIAL' });
    expect(setCookie).toMatch(/^im_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain HTTP on loopback
    const me = await gqlAs(server.baseUrl, cookie, '{ me { username role institutions { code } } }');
    expect(me.body.data.me).toEqual({ username: 'official', role: 'OFFICIAL', institutions: [] });
    const anonymous = await gqlAs(server.baseUrl, undefined, '{ me { username } }');
    expect(anonymous.body.data.me).toBeNull();
  });

  it('stores only a hash of the session token, and rotates it on every sign-in', async () => {
    const first = await signIn(server.baseUrl, 'official', password);
    const token = first.cookie.split('=')[1];
    const rows = await server.db('session').pluck('id');
    expect(rows).not.toContain(token);
    const second = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie },
      body: JSON.stringify({ query: `mutation { login(username: "official", password: "${password}") { username } }` }),
    });
    const rotated = (second.headers.get('set-cookie') ?? '').split(';')[0];
    expect(rotated).not.toBe(first.cookie);
    expect((await gqlAs(server.baseUrl, first.cookie, '{ me { username } }')).body.data.me).toBeNull();
    expect((await gqlAs(server.baseUrl, rotated, '{ me { username } }')).body.data.me).toEqual({ username: 'official' });
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const { cookie } = await signIn(server.baseUrl, 'official', password);
    const out = await gqlAs(server.baseUrl, cookie, 'mutation { logout }');
    expect(out.body.data.logout).toBe(true);
    // Replaying the old cookie must not work.
    expect((await gqlAs(server.baseUrl, cookie, '{ me { username } }')).body.data.me).toBeNull();
  });

  it('gives the same error for a wrong user and a wrong password, and audits both', async () => {
    await addUser(server, 'victim', 'OFFICIAL');
    const wrongUser = await signIn(server.baseUrl, 'nobody-here', 'whatever-password');
    const wrongPassword = await signIn(server.baseUrl, 'victim', 'not-the-password');
    expect(wrongUser.response.status).toBe(401);
    expect(wrongPassword.response.status).toBe(401);
    expect(wrongUser.body.errors[0]).toEqual(wrongPassword.body.errors[0]);
    expect(wrongUser.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(wrongUser.setCookie).toBe('');
    const audited = await server.db('audit_log').where({ action: 'login_failed' }).whereIn('username', ['nobody-here', 'victim']);
    expect(audited).toHaveLength(2);
  });

  it('rate-limits sign-in attempts per username, even with the right password afterwards', async () => {
    const right = await addUser(server, 'target', 'OFFICIAL');
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) expect((await signIn(server.baseUrl, 'target', `guess-${i}-wrong`)).response.status).toBe(401);
    const refused = await signIn(server.baseUrl, 'target', right);
    expect(refused.response.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.setCookie).toBe('');
    // Another user is not affected.
    expect((await signIn(server.baseUrl, 'official', password)).response.status).toBe(200);
  });

  it('refuses a cross-site form POST (no JSON content type, no preflight header)', async () => {
    const { cookie } = await signIn(server.baseUrl, 'official', password);
    const form = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: 'query=mutation%20%7B%20logout%20%7D',
    });
    expect(form.status).toBe(415);
    // text/plain is the other body a plain HTML form can send; Apollo's CSRF prevention refuses it.
    const plain = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toMatch(/Cross-Site Request Forgery/i);
    expect((await gqlAs(server.baseUrl, cookie, '{ me { username } }')).body.data.me).toEqual({ username: 'official' });
    const get = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('mutation { logout }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(get.status).toBe(405);
  });

  it('a disabled user cannot sign in and loses their sessions', async () => {
    const pw = await addUser(server, 'leaver', 'OFFICIAL');
    const { cookie } = await signIn(server.baseUrl, 'leaver', pw);
    await server.db('app_user').where({ username: 'leaver' }).update({ disabled: true });
    expect((await gqlAs(server.baseUrl, cookie, '{ me { username } }')).body.data.me).toBeNull();
    expect((await signIn(server.baseUrl, 'leaver', pw)).response.status).toBe(401);
  });
});
